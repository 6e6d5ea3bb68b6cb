from celery import shared_task

from core import services


@shared_task
def ping():
    """A trivial task to prove that a worker is alive and shares our settings."""
    return "pong"


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError, OSError), retry_backoff=True, retry_backoff_max=600, max_retries=5
)
def send_invitation_email(invitation_id):
    return services.invitation_send(invitation_id=invitation_id)
