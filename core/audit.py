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
        "municipality.language_set": _("Written standard (målform) set"),
        "language.chosen": _("Own language chosen"),
    }
)


def action_label(code):
    return ACTION_LABELS.get(code, code)


def events_of_municipality(municipality):
    """The rows HR of `municipality` may read.

    An event belongs to the municipality of the object it concerns, recorded on the row when it is
    written (`AuditEvent.municipality`; access.denied looks it up with municipality_of), never to
    its actor's roles: a facilitator who serves two municipalities shows in each only with what she
    did there. An event about a person (a login, a failed login, their own data download: target a
    user, no municipality) belongs to every municipality where that person holds a role.
    """
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
    about_its_people = Q()
    for ids in people:
        about_its_people |= Q(target_id__in=ids.annotate(key=Cast("user_id", CharField())).values("key"))
    about_its_people &= Q(municipality__isnull=True, target_type="core.User")
    return AuditEvent.objects.filter(Q(municipality=municipality) | about_its_people).select_related("actor")


def _path_to_municipality(model, depth=4):
    """The shortest chain of forward foreign keys from `model` to Municipality ("programme__municipality"),
    or None. Breadth first, so a model's own `municipality` wins over a longer way round."""
    from core.models import Municipality

    queue = [(model, "")]
    for _level in range(depth):
        following = []
        for current, prefix in queue:
            for field in current._meta.concrete_fields:
                if not field.many_to_one or field.related_model is None:
                    continue
                path = f"{prefix}{field.name}"
                if field.related_model is Municipality:
                    # Only a key named municipality is tenancy (a network leader's home_municipality is not).
                    if field.name == "municipality":
                        return path
                    continue
                following.append((field.related_model, f"{path}__"))
        queue = following
    return None


def municipality_of(model, pk):
    """The id of the municipality the object `model` #pk belongs to, for rows written without the
    object in hand (access.denied); None for objects of no municipality (a user)."""
    path = _path_to_municipality(model)
    if path is None:
        return None
    return model._default_manager.filter(pk=pk).values_list(path, flat=True).first()
