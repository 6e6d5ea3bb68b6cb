from celery import shared_task

from core.services import invitation_send


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError, OSError), retry_backoff=True, retry_backoff_max=600, max_retries=5
)
def send_invitations(invitation_ids, base_url=None):
    """Send a bulk invitation's e-mails; each is claimed before it is sent, so a retry skips those already sent."""
    return sum(1 for pk in invitation_ids if invitation_send(invitation_id=pk, base_url=base_url))


@shared_task
def purge_ended_profiles():
    """Daily (Celery beat): profiles are deleted when their programme ends."""
    from participants.services import profiles_purge_ended

    return profiles_purge_ended()
