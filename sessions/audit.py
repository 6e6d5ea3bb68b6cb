"""What the sessions app's audit-log action codes mean to a reader (registered with core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import register_labels

register_labels(
    {
        "gathering.added": _("Gathering added"),
        "gathering.updated": _("Gathering changed"),
        "gathering.removed": _("Gathering removed"),
        "gathering.moved": _("Gathering moved"),
        "programme.template_saved": _("Programme saved as a template"),
        "programme.template_updated": _("Programme template changed"),
        "programme.template_deleted": _("Programme template deleted"),
        "programme.created_from_template": _("Programme created from a template"),
        "agenda.saved": _("Agenda item saved"),
        "agenda.deleted": _("Agenda item deleted"),
        "run.created": _("Run created"),
        "run.updated": _("Run changed"),
        "run.deleted": _("Run deleted"),
        "runs.assigned": _("Participants assigned to runs"),
        "run.participant_moved": _("Participant moved to another run"),
        "calendar_feed.renewed": _("Calendar link renewed"),
        "attendance.all_present": _("Everyone marked present"),
    }
)
