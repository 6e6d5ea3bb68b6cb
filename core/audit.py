"""What the audit log's action codes mean to a reader, and which rows a municipality's HR may read."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.registry import Registry

# Codes written by services.audit_log; a code without a label is shown as it is. Core's own are here,
# each app registers its codes' labels in its audit.py (core/registry.py).
ACTION_LABELS = Registry("audit labels")


def register_labels(labels):
    """{code: lazy label}: called by an app's audit.py at start-up."""
    for code, label in labels.items():
        ACTION_LABELS.register(label, key=code)


register_labels(
    {
        "auth.login": _("Logged in"),
        "auth.login_failed": _("Failed login"),
        "access.denied": _("Denied access"),
        "role.granted": _("Role granted"),
        "invitation.accepted": _("Invitation accepted"),
        "invitation.resent": _("Invitation sent again"),
        "reminders.preferences_set": _("Reminder choices saved"),
        "gdpr.exported": _("Own data downloaded"),
        "gdpr.person_erased": _("Person erased"),
        "gdpr.programme_material_erased": _("Programme working material erased"),
    }
)


def action_label(code):
    return ACTION_LABELS.get(code, code)


def events_of_municipality(municipality):
    """Rows about the municipality, and rows of anything done by people who hold a role in it."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    from core.models import AuditEvent, MunicipalityRole
    from core.roles import PROGRAMME_ROLES

    people = [
        MunicipalityRole.objects.filter(municipality=municipality).values("user_id"),
        # Participants and facilitators of its programmes (participants/roles.py).
        *(
            source.model.objects.filter(programme__municipality=municipality).values("user_id")
            for source in PROGRAMME_ROLES
        ),
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
