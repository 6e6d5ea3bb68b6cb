"""What the audit log's action codes mean to a reader, and which rows a municipality's HR may read."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Codes written by services.audit_log; a code without a label is shown as it is.
ACTION_LABELS = {
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "access.denied": _("Denied access"),
    "role.granted": _("Role granted"),
    "invitation.accepted": _("Invitation accepted"),
    "invitation.resent": _("Invitation sent again"),
    "programme.created": _("Programme created"),
    "programme.updated": _("Programme changed"),
    "programme.extension_decided": _("Extension decided"),
    "gathering.added": _("Gathering added"),
    "gathering.updated": _("Gathering changed"),
    "agenda.saved": _("Agenda item saved"),
    "agenda.deleted": _("Agenda item deleted"),
    "run.created": _("Run created"),
    "run.updated": _("Run changed"),
    "run.deleted": _("Run deleted"),
    "runs.assigned": _("Participants assigned to runs"),
    "run.participant_moved": _("Participant moved to another run"),
    "participants.imported": _("Participants imported"),
    "participants.exported": _("Participant list exported"),
    "participants.invited": _("Participants invited"),
    "calendar_feed.renewed": _("Calendar link renewed"),
}


def action_label(code):
    return ACTION_LABELS.get(code, code)


def events_of_municipality(municipality):
    """Rows about the municipality, and rows of anything done by people who hold a role in it."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    from core.models import AuditEvent, MunicipalityRole
    from participants.models import Facilitator, Participant

    people = [
        MunicipalityRole.objects.filter(municipality=municipality).values("user_id"),
        Participant.objects.filter(programme__municipality=municipality).values("user_id"),
        Facilitator.objects.filter(programme__municipality=municipality).values("user_id"),
    ]
    done_by_people = Q()
    for ids in people:
        done_by_people |= Q(actor__in=ids)
        # A failed login has no actor, only the account that was tried.
        done_by_people |= Q(
            action="auth.login_failed",
            target_type="core.User",
            target_id__in=ids.annotate(key=Cast("user_id", CharField())).values("key"),
        )
    return AuditEvent.objects.filter(Q(municipality=municipality) | done_by_people).select_related("actor")
