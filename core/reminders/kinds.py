"""Core's reminder kind, the invitation, and the helpers every app's kinds share (the interface is in
core/reminders/__init__.py).

The other kinds live beside their models, in each app's reminders.py: gathering runs
(sessions), peer-group meetings and case follow-ups (peergroups), plan check-ins and baseline and
profile (participants), evaluations (evaluation). All are ready; invitations are not optional.

A mail says what is due and links to the page; it never carries what is sensitive (a case's text,
a plan's content, an answer): the page behind the link checks who may read it.
"""

import datetime

from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from core.reminders.base import Due, Kind, Message, register

# Reminders of things with a date but no time of their own (a gathering's start date, the day an
# evaluation closes) go out from this hour, Oslo wall-clock time, rather than at midnight.
MORNING = datetime.time(8)


def absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def days_slot(days, date_path):
    """ "7d:2026-10-05": the offset and the date it counts from, so a moved date is reminded again."""
    return Concat(Value(f"{days}d:"), Cast(date_path, output_field=CharField()), output_field=CharField())


def slot_is_for(reminder, day):
    """Whether a days_slot reminder still counts from `day`: False when the thing is gone (None) or moved."""
    return day is not None and reminder.slot.partition("d:")[2] == day.isoformat()


def offsets(setting):
    """Distinct positive day offsets, the earliest reminder first."""
    return sorted({int(days) for days in setting if int(days) > 0}, reverse=True)


def morning_reached(days_before, *, today, time_now):
    """The last date whose reminder `days_before` days ahead is due now: reminders of a date D go
    from MORNING on D − days_before, so before that hour today counts for one day less."""
    day = today + datetime.timedelta(days=days_before)
    return day if time_now >= MORNING else day - datetime.timedelta(days=1)


def windows(days_list):
    """(days, next smaller offset or 0): a reminder is due from its moment until the next one's, so
    a run created 3 days ahead gets only the 1-day reminder, never two at once."""
    return [(days, days_list[i + 1] if i + 1 < len(days_list) else 0) for i, days in enumerate(days_list)]


@register
class InvitationKind(Kind):
    """The invitation e-mail. It is sent at once by `send_invitation_email`; this kind is the safety
    net that sends the ones that never left (Redis away, SMTP failing), and records why one failed.
    The slot is the invitation's nonce: a resent invitation is a new reminder."""

    key = "invitation"
    order = 10
    label = _("Invitations")
    optional = False
    template = "invitation"

    def due(self, now):
        # Not before the immediate send has had its chance.
        issued_before = now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS) - self.grace()
        from core.models import Invitation, User

        invitations = Invitation.objects.filter(
            sent_at__isnull=True, accepted_at__isnull=True, expires_at__gt=now, expires_at__lte=issued_before
        ).annotate(_user=Subquery(User.objects.filter(email=OuterRef("email"), is_active=True).values("pk")[:1]))
        yield Due(
            invitations.filter(_user__isnull=False),
            recipient="_user",
            target="pk",
            slot="nonce",
            municipality="municipality_id",
        )

    def grace(self):
        return datetime.timedelta(seconds=settings.REMINDER_REQUEUE_AFTER)

    def _open(self, reminder):
        from core.models import Invitation

        return Invitation.objects.filter(pk=reminder.target_id, nonce=reminder.slot, accepted_at__isnull=True)

    def message(self, reminder):
        from core.services import invitation_accept_path

        invitation = self._open(reminder).select_related("municipality", "programme", "invited_by").first()
        if invitation is None or invitation.is_expired:
            return None
        return Message({"invitation": invitation, "accept_url": absolute(invitation_accept_path(invitation))})

    def claim_target(self, reminder, now):
        # The immediate send claims the same mark, so only one of the two sends.
        return self._open(reminder).filter(sent_at__isnull=True).update(sent_at=now) == 1

    def release_target(self, reminder):
        self._open(reminder).update(sent_at=None)
