import logging

from celery import shared_task

from core import services

logger = logging.getLogger(__name__)


def enqueue(task, *args, producer=None):
    """Put a task on the queue; False (logged, never raised) when that fails.

    Used where a failed enqueue must not fail the caller — a web request, the scan — because the
    work is in the database and the next scan finds it: a reminder row that stays pending, an
    invitation whose sent_at stays empty. Redis being away shows up as kombu's OperationalError,
    redis-py's ConnectionError or an OSError; without Redis (eager mode) the task runs here and
    its own errors are caught too, for the same reason. Pass a `producer` (app.producer_or_acquire())
    when queueing many: the pool is then asked once, not per message.
    """
    try:
        task.apply_async(args, producer=producer)
    except Exception:
        logger.warning("could not enqueue %s%r; the reminder scan will pick it up", task.name, args, exc_info=True)
        return False
    return True


@shared_task
def ping():
    """A trivial task to prove that a worker is alive and shares our settings."""
    return "pong"


@shared_task(bind=True, max_retries=5)
def send_invitation_email(self, invitation_id, base_url=None):
    """Send an invitation now. Only transient failures (the connection, a 4xx answer) are retried,
    with the reminders' backoff: a permanent refusal (5xx) fails at once, and the invitation kind's
    scan then records the server's reason for HR (see InvitationKind in core/reminders/kinds.py)."""
    from core.reminders.services import backoff, is_transient

    try:
        return services.invitation_send(invitation_id=invitation_id, base_url=base_url)
    except Exception as error:
        # Without a worker (eager mode) nothing waits to retry: the scan sends it later.
        if is_transient(error) and not self.request.is_eager:
            raise self.retry(exc=error, countdown=backoff(self.request.retries + 1)) from error
        raise


@shared_task(ignore_result=True)
def scan_reminders():
    """Run by Celery beat every REMINDER_SCAN_INTERVAL seconds (see core/reminders/)."""
    from core.reminders.services import reminders_scan

    result = reminders_scan()
    return {"created": result.created, "enqueued": result.enqueued, "not_enqueued": result.not_enqueued}


@shared_task(bind=True, ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def send_reminder(self, reminder_id):
    """Claim, send, mark sent. Delivered twice, it sends once: the second claim fails.

    Only transient SMTP failures are retried, after the backoff the service chose; the row's
    attempts (not Celery's retry count, which a re-scan starts afresh) set the maximum.
    """
    from core.reminders.services import reminder_send

    result = reminder_send(reminder_id=reminder_id)
    if result.retry_in is not None and not self.request.is_eager:
        # Without a worker (eager mode) the next scan retries once retry_at has passed.
        raise self.retry(countdown=result.retry_in, max_retries=None)
    return result.state


@shared_task(ignore_result=True)
def purge_expired_material():
    """Daily (Celery beat): the retention rule of core/gdpr.py. Idempotent, so a missed or doubled day is harmless."""
    from core.gdpr import material_purge_expired

    return material_purge_expired()
