"""`send_due_reminders` for cron and `run_reminder_loop` for `make run`: without Redis they send."""

import datetime
import io
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import Reminder
from participants.models import Participant
from sessions.models import RunAssignment
from tests.test_reminders_world import set_aside_other_reminders


@pytest.fixture
def soon(world):
    set_aside_other_reminders(world)
    run = world.run
    run.date = timezone.localdate() + timedelta(days=1)
    run.start_time = datetime.time(0)  # so the 1-day reminder is due from midnight today
    run.save()
    participant = Participant.objects.get(user=world.participant, programme=world.programme)
    RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)
    return run


@pytest.mark.django_db
def test_send_due_reminders_sends_and_reports(world, soon):
    out = io.StringIO()
    call_command("send_due_reminders", stdout=out)
    assert out.getvalue() == "reminders: 2 new, 2 sent or queued, 0 left for the next scan, 0 given up\n"
    assert sorted(m.to[0] for m in mail.outbox) == ["deltaker@vefsn.no", "veileder@example.no"]
    assert mail.outbox[0].subject.startswith("[Lederprogram] I morgen: Samling 1")

    out = io.StringIO()
    call_command("send_due_reminders", stdout=out)
    assert out.getvalue().startswith("reminders: 0 new, 0 sent or queued")
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_reminder_loop_once_sends(world, soon):
    out = io.StringIO()
    call_command("run_reminder_loop", "--once", stdout=out)
    assert out.getvalue().splitlines() == [
        f"reminder loop: a scan every {settings.REMINDER_SCAN_INTERVAL} s",
        "reminder loop: 2 new, 2 sent or queued",
    ]
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


def test_reminder_loop_ends_when_the_process_that_started_it_ends(tmp_path):
    """As in `make run`: started in the background by a shell, it goes when the shell goes."""
    # An empty database: each scan fails (and is logged), which must not end the loop either.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("REDIS_URL", None)
    pid_file = tmp_path / "pid"
    subprocess.run(
        [
            "sh",
            "-c",
            f"{sys.executable} manage.py run_reminder_loop --interval 1 --stop-with $$ & "
            f"echo $! > {pid_file}; sleep 3; kill -0 $! && touch {tmp_path / 'was-running'}",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert (tmp_path / "was-running").exists()
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
        time.sleep(0.2)
    stat = Path(f"/proc/{pid}/stat")
    # Gone, or a zombie waiting for init to reap it: either way no longer running.
    assert not stat.exists() or stat.read_text().split()[2] == "Z"
