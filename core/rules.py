"""Role predicates shared by every app. The only place a role is checked.

Each app's `rules.py` combines these into permissions on its own models. Objects are
programmes or anything with a `programme` (or `municipality`) attribute.
"""

import rules

from core.roles import roles_of


def _scope(obj):
    """(municipality id, programme id, network id) of a municipality, a programme or anything with a
    programme. A network programme has no municipality (None), so no municipality role matches it."""
    from core.models import Municipality

    if isinstance(obj, Municipality):
        return obj.pk, None, None
    # A programme is known by its model label, not its class: core imports no app.
    if getattr(getattr(obj, "_meta", None), "label", None) == "programmes.Programme":
        return obj.municipality_id, obj.pk, obj.network_id
    return obj.programme.municipality_id, obj.programme_id, obj.programme.network_id


@rules.predicate
def is_hr(user, obj=None):
    """Administers the object's programme: HR of its municipality, or, for a network programme, the
    network's organiser, who owns it as HR owns a municipality's (gatherings, runs, agenda, peer
    groups, evaluation). Without an object: HR of any municipality (the municipality-wide pages,
    people and invitations, stay HR's alone)."""
    roles = roles_of(user)
    if obj is None:
        return roles.is_hr
    municipality, _programme, network = _scope(obj)
    if network is not None:
        return network in roles.organiser
    return municipality in roles.hr


@rules.predicate
def is_organiser(user, obj=None):
    """Organiser of the object's network (of any network without an object)."""
    roles = roles_of(user)
    if obj is None:
        return roles.is_organiser
    network = _scope(obj)[2]
    return network is not None and network in roles.organiser


@rules.predicate
def is_municipality_programme(user, obj):
    """The object's programme is a municipality's own, not a network's: inviting and importing people
    into a network programme is each member municipality's HR's, through its own people pages."""
    return obj is not None and _scope(obj)[2] is None


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
rules.add_perm("core.set_municipality_language", is_hr)
# GDPR (core/gdpr.py): HR erases a person's or a programme's working material.
rules.add_perm("core.erase_person", is_hr)
rules.add_perm("core.erase_programme_material", is_hr)
