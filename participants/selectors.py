from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.models import Invitation
from participants.models import Participant


def open_invitations_for(programme):
    """Invitations to the programme that can still be accepted, matched to a participant's address."""
    return Invitation.objects.filter(
        programme=programme,
        email=OuterRef("user__email"),
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def participants_of(programme):
    """A programme's participants with their user, manager, assigned facilitator and invitation state.

    `has_open_invitation` is a subquery, so the list costs one query however long it is.
    """
    return (
        Participant.objects.filter(programme=programme)
        .select_related("user", "facilitator", "manager__user")
        .annotate(has_open_invitation=Exists(open_invitations_for(programme)))
        .order_by("user__first_name", "user__last_name")
    )


def participants_to_invite(programme):
    """Participants who have never set a password and hold no invitation they can still accept."""
    return (
        Participant.objects.filter(programme=programme, user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(Exists(open_invitations_for(programme)))
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def account_status(participant):
    """'active' (has a password), 'invited' (an open invitation) or 'not_invited'."""
    if participant.user.has_usable_password():
        return "active"
    if getattr(participant, "has_open_invitation", False):
        return "invited"
    return "not_invited"
