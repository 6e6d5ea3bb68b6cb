"""Redis away when something is enqueued: nothing fails, nothing is lost, the next scan sends it.

The broker here is real Redis transport pointed at a closed port on 127.0.0.1, so the failure is
kombu's own (a refused connection, retried by the publish policy, then OperationalError).
"""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import Invitation, Reminder
from core.reminders.services import reminders_scan
from core.tasks import send_invitation_email
from participants.models import Participant
from sessions.models import RunAssignment
from tests.smtp import free_port
from tests.test_reminders_world import set_aside_other_reminders

State = Reminder.State


@pytest.fixture
def broker_away(settings):
    """Celery publishing to a Redis that is not there; restored (eager, in-memory) afterwards."""
    from lederprogram.celery import app

    def reset_pools():
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/7"
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    reset_pools()

    def restore():
        app.conf.broker_url = previous
        app.conf.task_always_eager = True
        settings.CELERY_TASK_ALWAYS_EAGER = True
        reset_pools()

    yield restore
    restore()


@pytest.fixture
def soon(world):
    set_aside_other_reminders(world)
    run = world.run
    run.date = timezone.localdate() + timedelta(days=2)
    run.start_time = datetime.time(9)
    run.save()
    for user in (world.participant, world.peer):
        participant = Participant.objects.get(user=user, programme=world.programme)
        RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)
    return run


@pytest.mark.django_db
def test_scan_with_redis_away_keeps_rows_pending_and_the_next_scan_sends_them(world, soon, broker_away):
    result = reminders_scan()

    assert (result.created, result.enqueued, result.not_enqueued) == (3, 0, 3)
    assert set(Reminder.objects.values_list("state", "enqueued_at", "attempts")) == {(State.PENDING, None, 0)}
    assert mail.outbox == []

    broker_away()  # Redis is back (here: tasks run in-process)
    assert reminders_scan().enqueued == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["deltaker@vefsn.no", "kollega@vefsn.no", "veileder@example.no"]
    assert set(Reminder.objects.values_list("state", flat=True)) == {State.SENT}


@pytest.mark.django_db
def test_invitation_with_redis_away_succeeds_and_the_scan_sends_it_once(
    client, world, broker_away, settings, django_capture_on_commit_callbacks
):
    set_aside_other_reminders(world)
    client.force_login(world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invite", kwargs={"pk": world.vefsn.pk}),
            {"email": "ny@vefsn.no", "first_name": "Nils", "last_name": "Nyhus", "role": "executive"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="ny@vefsn.no")
    assert (invitation.sent_at, mail.outbox) == (None, [])

    broker_away()
    # Within the grace period the immediate send may still be on its way: the scan leaves it alone ...
    assert reminders_scan().created == 0
    # ... after it, the scan sends it.
    result = reminders_scan(now=timezone.now() + timedelta(seconds=settings.REMINDER_REQUEUE_AFTER + 1))

    assert (result.created, result.enqueued) == (1, 1)
    [message] = mail.outbox
    assert message.to == ["ny@vefsn.no"]
    assert f"/invitasjon/{invitation.pk}/{invitation.token}/" in message.body
    invitation.refresh_from_db()
    reminder = Reminder.objects.get(kind="invitation")
    assert invitation.sent_at == reminder.claimed_at
    assert (reminder.state, reminder.slot, reminder.municipality) == (State.SENT, invitation.nonce, world.vefsn)
    # The immediate send, arriving late after all, sends nothing; nor does another scan.
    assert send_invitation_email(invitation.pk) is False
    assert reminders_scan(now=timezone.now() + timedelta(hours=1)).created == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sent_and_accepted_invitations_are_not_swept(world, settings, django_capture_on_commit_callbacks):
    from core import services

    set_aside_other_reminders(world)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.person_invite(invited_by=world.hr, municipality=world.vefsn, email="a@vefsn.no", role="hr")
        accepted = services.person_invite(invited_by=world.hr, municipality=world.vefsn, email="b@vefsn.no", role="hr")
    Invitation.objects.filter(pk=accepted.pk).update(sent_at=None, accepted_at=timezone.now())
    assert Invitation.objects.get(pk=sent.pk).sent_at is not None

    reminders_scan(now=timezone.now() + timedelta(seconds=settings.REMINDER_REQUEUE_AFTER + 1))
    assert Reminder.objects.count() == 0
    assert len(mail.outbox) == 2
