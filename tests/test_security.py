"""Deploy settings, security headers, session lifetime and the audit of logins (issue 8)."""

import datetime
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from core.models import AuditEvent
from tests.factories import PASSWORD

BASE = Path(settings.BASE_DIR)


def _production(code):
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "leder.example.no",
    }
    for name in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the test run sets the latter for Playwright
        env.pop(name, None)
    return subprocess.run([sys.executable, *code], cwd=BASE, env=env, capture_output=True, text=True)


def test_check_deploy_is_clean_in_production():
    result = _production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_are_https_only_with_secure_cookies():
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_AGE",
    ]
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lederprogram.settings'); django.setup(); "
        f"from django.conf import settings; print([getattr(settings, n) for n in {names!r}])"
    )
    result = _production(["-c", code])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([False, True, 31536000, True, True, True, True, 43200])


def test_production_refuses_to_start_without_a_secret():
    env = {**os.environ, "DJANGO_ENV": "production"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=BASE, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_ENV=production." in result.stderr


@pytest.mark.django_db
def test_pages_carry_security_headers_and_are_never_cached(client, world):
    client.force_login(world.hr)
    response = client.get(reverse("programme_participants", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 200
    assert "deltaker@vefsn.no" in response.content.decode()
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == "'self'"
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_view_that_sets_its_own_caching_keeps_it(client, world):
    from sessions.calendar import calendar_feed_get_or_create

    feed = calendar_feed_get_or_create(user=world.participant)
    response = client.get(reverse("calendar_feed", kwargs={"token": feed.token}))
    assert response["Cache-Control"] == "private, no-store"


def test_no_template_has_an_inline_script():
    """The CSP forbids inline scripts; one would silently not run in the browser."""
    offenders = []
    for path in (BASE / "templates").rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            if "src=" not in match.group(1):
                offenders.append(str(path.relative_to(BASE)))
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path.relative_to(BASE)} (event handler attribute)")
    assert offenders == []


# Session lifetime --------------------------------------------------------------------------------

START = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=datetime.UTC)


def _log_in(client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302


def _home_status(client):
    response = client.get(reverse("home"))
    return response.status_code, response.get("Location", "")


@pytest.mark.django_db
def test_session_ends_after_thirty_idle_minutes(client, world):
    with time_machine.travel(START, tick=False) as traveller:
        _log_in(client, "hr@vefsn.no")
        traveller.shift(datetime.timedelta(minutes=29))
        assert _home_status(client) == (200, "")
        traveller.shift(datetime.timedelta(minutes=29))  # 29 minutes since the last request
        assert _home_status(client) == (200, "")
        traveller.shift(datetime.timedelta(minutes=31))
        status, location = _home_status(client)
    assert (status, location) == (302, f"{reverse('account_login')}?next=/")
    assert "_auth_user_id" not in client.session
    body = client.get(location).content.decode()
    assert "Du ble logget ut etter en stund uten aktivitet. Logg inn igjen." in body


@pytest.mark.django_db
def test_session_ends_twelve_hours_after_login_however_active(client, world):
    with time_machine.travel(START, tick=False) as traveller:
        _log_in(client, "hr@vefsn.no")
        for _ in range(12 * 3):  # a request every 20 minutes for 12 hours
            traveller.shift(datetime.timedelta(minutes=20))
            assert _home_status(client) == (200, "")
        traveller.shift(datetime.timedelta(minutes=1))
        assert _home_status(client)[0] == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_browsing_writes_the_session_at_most_once_a_minute(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def writes():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        return [q["sql"].split(" ")[0] for q in queries if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]

    with time_machine.travel(START, tick=False) as traveller:
        _log_in(client, "hr@vefsn.no")
        client.get(reverse("home"))
        traveller.shift(datetime.timedelta(seconds=30))
        assert writes() == []
        traveller.shift(datetime.timedelta(seconds=31))
        assert writes() == ["UPDATE"]  # the last-seen time, once
        assert client.session["_last_seen_at"] == int((START + datetime.timedelta(seconds=61)).timestamp())


# Audit of logins ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_logins_and_failed_logins_are_audited_without_the_password(client, world):
    AuditEvent.objects.all().delete()
    client.post(reverse("account_login"), {"login": "hr@vefsn.no", "password": "feil-passord-123"})
    _log_in(client, "hr@vefsn.no")
    rows = list(AuditEvent.objects.order_by("pk").values_list("action", "actor__email", "target_id", "detail"))
    assert rows == [
        ("auth.login_failed", None, str(world.hr.pk), {"ip": "127.0.0.1", "email": "hr@vefsn.no"}),
        ("auth.login", "hr@vefsn.no", str(world.hr.pk), {"ip": "127.0.0.1"}),
    ]
    assert "feil-passord" not in str(list(AuditEvent.objects.values()))
