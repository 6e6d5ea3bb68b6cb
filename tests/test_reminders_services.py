"""Reminders against the real Redis and real Celery workers started here (run with REDIS_URL and a
PostgreSQL DATABASE_URL; see .ci/run). Each e-mail is counted by its Message-ID, which is the
reminder's own, in the files the workers write or at a real SMTP server on 127.0.0.1."""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.conf import settings
from django.db import connection

from core.models import Reminder
from core.reminders.services import reminders_scan
from core.tasks import send_reminder
from sessions.bench import build_reminder_world
from tests.smtp import Handler, free_port

pytestmark = pytest.mark.services

State = Reminder.State
ROOT = Path(settings.BASE_DIR)
# Short enough for a test, and the same in the workers and in this process (which scans).
TIMEOUTS = {
    "REMINDER_SENDING_TIMEOUT_SECONDS": "3",
    "REMINDER_REQUEUE_AFTER_SECONDS": "3",
    "REMINDER_RETRY_BASE_SECONDS": "1",
    "REMINDER_RETRY_MAX_SECONDS": "2",
}


class Workers:
    """Real Celery workers (solo pool) on the real Redis, using the test database."""

    def __init__(self, tmp_path, env):
        self.tmp_path = tmp_path
        self.env = env
        self.processes = []
        self.logs = []

    def start(self, name="w"):
        log = open(self.tmp_path / f"worker-{name}-{len(self.processes)}.log", "w")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "lederprogram", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"reminders-{name}-{len(self.processes)}-{os.getpid()}@%h"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.processes.append(process)
        self.logs.append(log)
        return process

    def kill(self, process):
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        for log in self.logs:
            log.close()


@pytest.fixture
def workers(tmp_path, transactional_db, settings):
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    url = urlparse(os.environ["DATABASE_URL"])
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        **TIMEOUTS,
        "DATABASE_URL": urlunparse(url._replace(path="/" + connection.settings_dict["NAME"])),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "SITE_URL": "https://lederprogram.example.no",
    }
    for name, value in TIMEOUTS.items():
        setattr(settings, name.removesuffix("_SECONDS"), int(value))
    settings.SITE_URL = env["SITE_URL"]
    group = Workers(tmp_path, env)
    group.mail_dir = mail_dir
    try:
        yield group
    finally:
        group.stop()


def message_ids(mail_dir):
    """Every reminder Message-ID in the mail files, as many times as it was written."""
    if not mail_dir.exists():
        return Counter()
    found = Counter()
    for path in mail_dir.iterdir():
        found.update(re.findall(r"^Message-ID: <reminder-(\d+)@", path.read_text(), flags=re.MULTILINE))
    return Counter({int(k): v for k, v in found.items()})


def wait_for(condition, *, timeout=120, every=0.2, scan=False):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if scan:
            reminders_scan()
        time.sleep(every)
    return condition()


def sent_count():
    return Reminder.objects.filter(state=State.SENT).count()


def test_worker_killed_mid_batch_every_reminder_is_sent_exactly_once(workers):
    build_reminder_world(1000)
    worker = workers.start("first")
    assert reminders_scan().enqueued == 1000

    assert wait_for(lambda: sent_count() >= 300, timeout=180, every=0.05)
    workers.kill(worker)
    at_kill = sent_count()
    assert 300 <= at_kill < 1000, "the worker must die mid-batch"

    workers.start("second")
    # The rest of the queue goes out; the one the dead worker held comes back through the scan
    # once its row has been "sending" (or its queued task pending) past the timeout.
    assert wait_for(lambda: sent_count() == 1000, timeout=240, every=1, scan=True)

    ids = message_ids(workers.mail_dir)
    rows = set(Reminder.objects.values_list("pk", flat=True))
    assert set(ids) == rows and len(rows) == 1000
    assert set(ids.values()) == {1}
    assert set(Reminder.objects.values_list("state", flat=True)) == {State.SENT}


def test_the_same_task_delivered_many_times_sends_one_email(workers):
    build_reminder_world(40)
    reminders_scan_rows_only()
    ids = list(Reminder.objects.values_list("pk", flat=True))
    # Two workers at once, each reminder's task three times over.
    workers.start("a")
    workers.start("b")
    for reminder_id in ids * 3:
        send_reminder.delay(reminder_id)

    assert wait_for(lambda: sent_count() == 40, timeout=120)
    time.sleep(2)  # let the duplicates run (they find the claim taken)
    counts = message_ids(workers.mail_dir)
    assert sorted(counts) == sorted(ids)
    assert set(counts.values()) == {1}
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {1}


def reminders_scan_rows_only():
    """Create the rows but queue nothing: a scan with Celery pointed at a closed port."""
    result = subprocess.run(
        [sys.executable, "manage.py", "send_due_reminders"],
        cwd=ROOT,
        env={**os.environ, **TIMEOUTS, **_db_env(), "REDIS_URL": f"redis://127.0.0.1:{free_port()}/7"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _db_env():
    url = urlparse(os.environ["DATABASE_URL"])
    return {"DATABASE_URL": urlunparse(url._replace(path="/" + connection.settings_dict["NAME"]))}


def test_broker_unreachable_at_enqueue_nothing_is_lost_after_the_next_scan(workers):
    build_reminder_world(25)

    # A real scan in its own process, with Redis unreachable: it succeeds and queues nothing.
    output = reminders_scan_rows_only()
    assert "reminders: 25 new, 0 sent or queued, 25 left for the next scan" in output
    assert set(Reminder.objects.values_list("state", "enqueued_at")) == {(State.PENDING, None)}

    # Redis is there again: the next scan queues them all, and each goes out once.
    workers.start()
    assert reminders_scan().enqueued == 25
    assert wait_for(lambda: sent_count() == 25)
    counts = message_ids(workers.mail_dir)
    assert len(counts) == 25 and set(counts.values()) == {1}


def test_smtp_down_then_refusing_then_accepting_sends_one_email_each(workers):
    from aiosmtpd.controller import Controller

    build_reminder_world(5)
    port = free_port()
    workers.env.update({"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1"})
    workers.env["EMAIL_PORT"] = str(port)
    workers.start()

    # Nobody listens yet: every first attempt is refused at the connection, and waits to retry.
    assert reminders_scan().enqueued == 5
    assert wait_for(lambda: Reminder.objects.filter(attempts__gte=1, state=State.PENDING).count() == 5)
    assert set(Reminder.objects.values_list("last_error", flat=True)) == {
        "ConnectionRefusedError: [Errno 111] Connection refused"
    }

    # The server comes up, answers "try again later" twice, then accepts.
    handler = Handler()
    handler.refusals = ["451 4.3.0 Try again later"] * 2
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert wait_for(lambda: sent_count() == 5, timeout=120)
        time.sleep(2)
    finally:
        controller.stop()

    received = Counter(handler.message_ids())
    assert sorted(received) == sorted(
        f"<reminder-{pk}@lederprogram.example.no>" for pk in Reminder.objects.values_list("pk", flat=True)
    )
    assert set(received.values()) == {1}
    assert sorted(Reminder.objects.values_list("attempts", flat=True))[-1] >= 3
