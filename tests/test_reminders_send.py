"""Claim, then send: each reminder once, with its content; retries only for transient SMTP failures.

Tasks run eagerly here (as in `make run`); the real worker and Redis are in test_reminders_services.py.
"""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.models import MailPreference, Reminder, ReminderOptOut
from core.reminders.services import INTERRUPTED, NO_LONGER_DUE, TURNED_OFF, reminder_send, reminders_scan
from core.tasks import send_reminder
from participants.models import Participant
from sessions.models import AgendaItem, RunAssignment
from tests.smtp import free_port, smtp_server  # noqa: F401 - fixture
from tests.test_reminders_world import set_aside_other_reminders

State = Reminder.State


def assign(run, user):
    participant = Participant.objects.get(user=user, programme=run.gathering.programme)
    return RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)


@pytest.fixture
def soon(world):
    """The world's run three days from now, with Ingrid and her peer on it (and the facilitator)."""
    set_aside_other_reminders(world)
    run = world.run
    run.date = timezone.localdate() + timedelta(days=3)
    run.start_time, run.end_time = datetime.time(9), datetime.time(15, 30)
    run.save()
    AgendaItem.objects.create(
        gathering=run.gathering,
        start_time=datetime.time(13),
        title="Lederutfordringer siden sist",
        learning_form="discussion",
    )
    assign(run, world.participant)
    assign(run, world.peer)
    return run


@pytest.fixture
def queued(settings):
    from lederprogram.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.fixture
def smtp(settings, smtp_server):  # noqa: F811
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    return smtp_server


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def states():
    return sorted(Reminder.objects.values_list("recipient__email", "state", "attempts"))


def mail_to(email):
    return [m for m in mail.outbox if m.to == [email]]


@pytest.mark.django_db
def test_scan_sends_each_reminder_once_with_time_place_agenda_and_calendar_file(world, soon):
    result = reminders_scan()

    assert (result.created, result.enqueued) == (3, 3)
    assert sorted(m.to[0] for m in mail.outbox) == ["deltaker@vefsn.no", "kollega@vefsn.no", "veileder@example.no"]
    [message] = mail_to("deltaker@vefsn.no")
    date = soon.date
    months = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ]
    assert message.subject == f"[Lederprogram] Om 3 dager: Samling 1 ({date.day}. {months[date.month - 1]})"
    assert "Hei Ingrid," in message.body
    assert "En påminnelse om neste samling i Lederprogram Vefsn:" in message.body
    assert "1. Samling 1" in message.body
    assert f"{date.day}. {months[date.month - 1]} {date.year}, 09:00 til 15:30" in message.body
    assert "Sted: Kulturverkstedet" in message.body
    assert "  10:00  Velkommen\n  13:00  Lederutfordringer siden sist\n" in message.body
    assert f"http://127.0.0.1:8000/samlinger/{soon.gathering_id}/" in message.body
    html = message.alternatives[0][0]
    assert "Kulturverkstedet" in html and "Lederutfordringer siden sist" in html
    [(filename, ics, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"1-samling-1-{date:%Y-%m-%d}.ics", "text/calendar")
    assert f"UID:run-{soon.pk}@lederprogram" in ics and "LOCATION:Kulturverkstedet" in ics
    reminder = Reminder.objects.get(recipient=world.participant)
    assert message.extra_headers["Message-ID"] == f"<reminder-{reminder.pk}@127.0.0.1>"
    assert (reminder.state, reminder.attempts, reminder.slot) == (State.SENT, 1, f"7d:{date:%Y-%m-%d}")
    assert reminder.sent_at is not None and reminder.subject == message.subject
    assert reminder.municipality == world.vefsn

    # Scanning again, or the same task delivered again, sends nothing.
    assert (reminders_scan().created, reminders_scan().enqueued) == (0, 0)
    assert send_reminder.delay(reminder.pk).get() == "not claimed"
    assert len(mail.outbox) == 3
    assert states() == [
        ("deltaker@vefsn.no", State.SENT, 1),
        ("kollega@vefsn.no", State.SENT, 1),
        ("veileder@example.no", State.SENT, 1),
    ]


@pytest.mark.django_db
def test_facilitator_is_told_they_facilitate(world, soon):
    reminders_scan()
    [message] = mail_to("veileder@example.no")
    assert "En påminnelse om en samling du leder i Lederprogram Vefsn:" in message.body


@pytest.mark.django_db
def test_mail_is_in_the_recipients_language(world, soon):
    MailPreference.objects.create(user=world.participant, language="en")
    reminders_scan()
    [message] = mail_to("deltaker@vefsn.no")
    assert message.subject.startswith("[Lederprogram] In 3 days: Samling 1 (")
    assert "Hello Ingrid," in message.body and "Where: Kulturverkstedet" in message.body
    [norwegian] = mail_to("kollega@vefsn.no")
    assert "Om 3 dager" in norwegian.subject


@pytest.mark.django_db
def test_a_row_stuck_in_sending_is_picked_up_after_the_timeout(world, soon, settings):
    reminders_scan()
    stuck = Reminder.objects.get(recipient=world.participant)
    # A worker claimed it a minute ago and died before marking it sent.
    Reminder.objects.filter(pk=stuck.pk).update(state=State.SENDING, claimed_at=later(-1), enqueued_at=later(-1))
    mail.outbox.clear()

    assert reminders_scan().enqueued == 0
    # Past the timeout, the next scan hands it out again (and the send's claim takes it).
    past_timeout = later(-settings.REMINDER_SENDING_TIMEOUT / 60 - 1)
    Reminder.objects.filter(pk=stuck.pk).update(claimed_at=past_timeout, enqueued_at=past_timeout)
    assert reminders_scan().enqueued == 1

    assert [m.to for m in mail.outbox] == [["deltaker@vefsn.no"]]
    stuck.refresh_from_db()
    assert (stuck.state, stuck.attempts) == (State.SENT, 2)


@pytest.mark.django_db
def test_a_row_that_keeps_dying_while_sending_is_given_up(world, soon, settings):
    reminders_scan()
    Reminder.objects.filter(recipient=world.participant).update(
        state=State.SENDING, claimed_at=later(-60), attempts=settings.REMINDER_MAX_ATTEMPTS
    )
    mail.outbox.clear()
    assert reminders_scan().given_up == 1
    row = Reminder.objects.get(recipient=world.participant)
    assert (row.state, row.last_error) == (State.FAILED, INTERRUPTED)
    assert mail.outbox == []


@pytest.mark.django_db
def test_transient_smtp_failure_waits_then_sends_once(world, soon, smtp):
    smtp.refusals = ["451 4.3.0 Try again later"] * 3

    reminders_scan()

    assert smtp.received == []
    rows = list(Reminder.objects.all())
    assert {(r.state, r.attempts, r.last_error) for r in rows} == {
        (State.PENDING, 1, "SMTP 451: 4.3.0 Try again later")
    }
    assert all(timedelta(seconds=59) < r.retry_at - r.claimed_at <= timedelta(seconds=60) for r in rows)
    # Not before the backoff has passed (and the queued retry has had its chance) ...
    assert reminders_scan().enqueued == 0
    # ... then once each.
    assert reminders_scan(now=later(16)).enqueued == 3
    assert sorted(smtp.message_ids()) == sorted(f"<reminder-{r.pk}@127.0.0.1>" for r in rows)
    assert {(state, attempts) for _email, state, attempts in states()} == {(State.SENT, 2)}
    assert reminders_scan(now=later(40)).enqueued == 0
    assert len(smtp.received) == 3


@pytest.mark.django_db
def test_permanent_smtp_failure_fails_with_the_servers_reason(world, soon, smtp):
    smtp.refusals = ["550 5.1.1 No such user here"]

    reminders_scan()

    failed = Reminder.objects.get(state=State.FAILED)
    assert (failed.attempts, failed.last_error, failed.retry_at) == (1, "SMTP 550: 5.1.1 No such user here", None)
    assert failed.subject.startswith("[Lederprogram] Om 3 dager")
    assert Reminder.objects.filter(state=State.SENT).count() == 2
    assert reminders_scan(now=later(60)).enqueued == 0
    assert len(smtp.received) == 2


@pytest.mark.django_db
def test_transient_failures_stop_at_the_maximum(world, soon, smtp, settings):
    settings.REMINDER_MAX_ATTEMPTS = 2
    smtp.refusals = ["421 4.7.0 Too busy"] * 10
    ReminderOptOut.objects.create(user=world.peer, kind="gathering_run")
    ReminderOptOut.objects.create(user=world.facilitator, kind="gathering_run")

    reminders_scan()
    reminders_scan(now=later(16))
    assert states() == [("deltaker@vefsn.no", State.FAILED, 2)]
    assert Reminder.objects.get().last_error == "SMTP 421: 4.7.0 Too busy"
    reminders_scan(now=later(60))
    assert states() == [("deltaker@vefsn.no", State.FAILED, 2)]
    assert len(smtp.refusals) == 8


@pytest.mark.django_db
def test_mail_server_down_is_transient(world, soon, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    reminders_scan()
    assert {(r.state, r.last_error.split(":")[0]) for r in Reminder.objects.all()} == {
        (State.PENDING, "ConnectionRefusedError")
    }


@pytest.mark.django_db
def test_turned_off_after_the_scan_is_not_sent(world, soon, queued):
    reminders_scan()
    ReminderOptOut.objects.create(user=world.participant, kind="gathering_run")
    reminder = Reminder.objects.get(recipient=world.participant)

    assert reminder_send(reminder_id=reminder.pk).state == State.SKIPPED

    reminder.refresh_from_db()
    assert (reminder.state, reminder.last_error, mail.outbox) == (State.SKIPPED, TURNED_OFF, [])


@pytest.mark.django_db
def test_a_run_moved_after_the_scan_is_reminded_for_its_new_date_only(world, soon, queued):
    reminders_scan()
    old = Reminder.objects.get(recipient=world.participant)
    soon.date += timedelta(days=1)
    soon.save()

    assert reminder_send(reminder_id=old.pk).state == State.SKIPPED
    old.refresh_from_db()
    assert old.last_error == NO_LONGER_DUE
    reminders_scan()
    new = Reminder.objects.get(recipient=world.participant, state=State.PENDING)
    assert new.slot == f"7d:{soon.date:%Y-%m-%d}"
    assert reminder_send(reminder_id=new.pk).state == State.SENT
    assert [m.to for m in mail.outbox] == [["deltaker@vefsn.no"]]


@pytest.mark.django_db
def test_someone_taken_off_the_run_is_not_reminded(world, soon, queued):
    reminders_scan()
    RunAssignment.objects.filter(participant__user=world.peer).delete()
    reminder = Reminder.objects.get(recipient=world.peer)
    assert reminder_send(reminder_id=reminder.pk).state == State.SKIPPED
    assert mail.outbox == []
