"""Role predicates shared by every app. The only place a role is checked.

Each app's `rules.py` combines these into permissions on its own models. Objects are
programmes or anything with a `programme` (or `municipality`) attribute.
"""

import rules

from core.roles import roles_of


def _scope(obj):
    """(municipality id, programme id) of a municipality, a programme or anything with a programme."""
    from core.models import Municipality

    if isinstance(obj, Municipality):
        return obj.pk, None
    # A programme is known by its model label, not its class: core imports no app.
    if getattr(getattr(obj, "_meta", None), "label", None) == "programmes.Programme":
        return obj.municipality_id, obj.pk
    return obj.programme.municipality_id, obj.programme_id


@rules.predicate
def is_hr(user, obj=None):
    """HR of the object's municipality (or of any municipality when there is no object)."""
    roles = roles_of(user)
    if obj is None:
        return roles.is_hr
    return _scope(obj)[0] in roles.hr


@rules.predicate
def is_executive(user, obj=None):
    roles = roles_of(user)
    if obj is None:
        return roles.is_executive
    return _scope(obj)[0] in roles.executive


@rules.predicate
def is_participant(user, obj=None):
    roles = roles_of(user)
    if obj is None:
        return roles.is_participant
    return _scope(obj)[1] in roles.participant


@rules.predicate
def is_facilitator(user, obj=None):
    roles = roles_of(user)
    if obj is None:
        return roles.is_facilitator
    return _scope(obj)[1] in roles.facilitator


in_programme = is_hr | is_executive | is_participant | is_facilitator

rules.add_perm("core.invite_person", is_hr)
rules.add_perm("core.view_people", is_hr)
rules.add_perm("core.view_reminder_log", is_hr)
# GDPR (core/gdpr.py): HR erases a person's or a programme's working material.
rules.add_perm("core.erase_person", is_hr)
rules.add_perm("core.erase_programme_material", is_hr)
