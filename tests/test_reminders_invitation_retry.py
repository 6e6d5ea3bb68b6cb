"""The immediate invitation send retries only transient SMTP failures (the reminders' own
classification and backoff); a permanent refusal fails at once, leaving the invitation unsent for
the scan, which records the server's reason for HR."""

import smtplib

import pytest
from celery.exceptions import Retry

from core import services
from core.models import Invitation
from core.tasks import send_invitation_email
from tests.smtp import free_port, smtp_server  # noqa: F401 - fixture


@pytest.fixture
def smtp(settings, smtp_server):  # noqa: F811
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    return smtp_server


@pytest.fixture
def invitation(world, django_capture_on_commit_callbacks):
    # The immediate send waits in the on-commit callbacks, which are not run: the test sends.
    with django_capture_on_commit_callbacks(execute=False):
        return services.person_invite(invited_by=world.hr, municipality=world.vefsn, email="ny@vefsn.no", role="hr")


@pytest.fixture
def as_worker(settings):
    """Run the task as a worker would (a task id, not eager), so that a retry is scheduled."""
    from lederprogram.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Scheduled retries go to an in-memory broker, never to a Redis other tests' workers read.
    saved = app.conf.broker_url
    app.conf.broker_url, app._pool = "memory://localhost/", None

    def run(invitation_id, retries=0):
        send_invitation_email.push_request(
            id=f"test-{retries}",
            args=[invitation_id],
            kwargs={},
            retries=retries,
            is_eager=False,
            called_directly=False,
        )
        try:
            return send_invitation_email.run(invitation_id)
        finally:
            send_invitation_email.pop_request()

    yield run
    app.conf.broker_url, app._pool = saved, None


@pytest.mark.django_db
def test_a_transient_refusal_is_retried_with_backoff_then_sends_once(invitation, smtp, as_worker, settings):
    smtp.refusals = ["451 4.3.0 Try again later"]
    with pytest.raises(Retry) as retry:
        as_worker(invitation.pk)
    assert retry.value.when == settings.REMINDER_RETRY_BASE
    assert isinstance(retry.value.exc, smtplib.SMTPDataError)
    assert Invitation.objects.get(pk=invitation.pk).sent_at is None
    assert smtp.received == []

    assert as_worker(invitation.pk, retries=1) is True
    assert Invitation.objects.get(pk=invitation.pk).sent_at is not None
    assert [message["To"] for message in smtp.received] == ["ny@vefsn.no"]
    # Delivered once more, it sends nothing.
    assert as_worker(invitation.pk, retries=2) is False
    assert len(smtp.received) == 1


@pytest.mark.django_db
def test_a_permanent_refusal_is_not_retried(invitation, smtp, as_worker):
    smtp.refusals = ["550 5.1.1 No such user here"]
    with pytest.raises(smtplib.SMTPDataError) as error:
        as_worker(invitation.pk)
    assert error.value.smtp_code == 550
    assert Invitation.objects.get(pk=invitation.pk).sent_at is None
    assert smtp.received == []


@pytest.mark.django_db
def test_the_mail_server_down_is_retried(invitation, as_worker, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    with pytest.raises(Retry) as retry:
        as_worker(invitation.pk, retries=2)
    assert retry.value.when == min(settings.REMINDER_RETRY_BASE * 4, settings.REMINDER_RETRY_MAX)
    assert isinstance(retry.value.exc, ConnectionRefusedError)
