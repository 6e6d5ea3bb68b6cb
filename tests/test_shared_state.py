"""The embedded default (no Redis) keeps one state for every process: two real gunicorn processes on
one SQLite database share the login lock-out, as the workers of one gunicorn do."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "riktig-passord-2026"
WRONG_TEXT = "E-postadressen eller passordet er feil."
LOCKED_TEXT = "For mange mislykte innloggingsforsøk."


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _attempt(port, email, password):
    """A login from a fresh browser: 'ok' (logged in), 'w' (wrong password) or 'L' (locked)."""
    # One site name for both processes, as behind one proxy (allauth keys the lock-out by site and login).
    headers = {"Host": "lederprogram.test"}
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    base = f"http://127.0.0.1:{port}/konto/login/"
    page = opener.open(urllib.request.Request(base, headers=headers), timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password}).encode()
    request = urllib.request.Request(base, data=data, headers=headers)
    try:
        body = opener.open(request, timeout=30).read().decode()
    except urllib.error.HTTPError as answer:
        if answer.code == 302:
            return "ok"
        body = answer.read().decode()
    if LOCKED_TEXT in body:
        return "L"
    if WRONG_TEXT in body:
        return "w"
    raise AssertionError(f"neither refused nor locked: {body[:500]}")


@pytest.fixture
def two_servers(tmp_path):
    """Two gunicorn processes (one worker each) on one SQLite file, no REDIS_URL, the default cache."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "CACHE_DIR"}}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # The default location is per checkout; this test's own keeps it apart from `make run`.
        CACHE_DIR=str(tmp_path / "cache"),
        MFA_REQUIRED="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,lederprogram.test",
    )
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            f"from core.models import User; User.objects.create_user(email='hr@vefsn.no', password='{PASSWORD}')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    ports = [_free_port(), _free_port()]
    gunicorn = str(Path(python).parent / "gunicorn")
    servers = [
        subprocess.Popen(
            [gunicorn, "lederprogram.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(360):  # a busy 2-core machine may need a while to start gunicorn
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/konto/login/", timeout=5)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.5)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def test_login_lock_out_holds_across_processes(two_servers):
    first, second = two_servers
    # Fifteen wrong passwords for one account, alternating between the two processes.
    answers = "".join(_attempt(two_servers[n % 2], "hr@vefsn.no", "feil-passord-123") for n in range(15))

    assert answers == "wwwww" + "L" * 10
    # While locked, the right password is refused by both processes.
    assert [_attempt(port, "hr@vefsn.no", PASSWORD) for port in (first, second)] == ["L", "L"]


def test_right_password_logs_in_through_either_process(two_servers):
    assert [_attempt(port, "hr@vefsn.no", PASSWORD) for port in two_servers] == ["ok", "ok"]
