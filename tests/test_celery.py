import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.conf import settings
from django.db import connection

from core import services
from core.models import Invitation
from core.tasks import ping

ROOT = Path(settings.BASE_DIR)


def test_ping_runs_eagerly_without_redis():
    assert ping.delay().get(timeout=1) == "pong"


@pytest.fixture
def worker(tmp_path, transactional_db):
    """A real Celery worker on the real Redis, using the test database and writing mail to files."""
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    url = urlparse(os.environ["DATABASE_URL"])
    test_db_url = urlunparse(url._replace(path="/" + connection.settings_dict["NAME"]))
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": test_db_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "SITE_URL": "https://lederprogram.example.no",
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed after the worker stops
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lederprogram", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"test-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield mail_dir
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.mark.services
def test_real_worker_answers_ping(worker):
    assert ping.delay().get(timeout=60) == "pong"


@pytest.mark.services
def test_invitation_mail_is_sent_by_real_worker_once(worker, world):
    invitation = services.person_invite(
        invited_by=world.hr,
        municipality=world.vefsn,
        email="ny@vefsn.no",
        role="executive",
        first_name="Nils",
        last_name="Nyhus",
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (worker.exists() and any(worker.iterdir())):
        time.sleep(0.2)
    files = list(worker.iterdir())
    assert len(files) == 1
    content = files[0].read_text()
    assert "To: ny@vefsn.no" in content
    assert f"https://lederprogram.example.no/invitasjon/{invitation.pk}/" in content
    invitation.refresh_from_db()
    assert invitation.sent_at is not None

    # A duplicate delivery of the same task sends nothing: the claim is already taken.
    from core.tasks import send_invitation_email

    assert send_invitation_email.delay(invitation.pk).get(timeout=60) is False
    assert len(list(worker.iterdir())) == 1
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 1
