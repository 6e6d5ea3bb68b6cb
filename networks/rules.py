"""Permissions on network programmes (selectors.py says who reaches which programme at all)."""

import rules

from core.rules import is_facilitator, is_organiser, is_participant


def _member(user, programme, roles):
    from networks.selectors import member_municipalities

    return bool(member_municipalities(user, programme.network_id, roles=roles))


@rules.predicate
def is_member_hr(user, programme):
    return programme is not None and _member(user, programme, ("hr",))


@rules.predicate
def is_member_executive(user, programme):
    return programme is not None and _member(user, programme, ("executive",))


@rules.predicate
def is_network_programme(user, programme):
    return programme is not None and programme.network_id is not None


# The shared content (gatherings, agenda, theme days, panels and pairs by name and municipality).
rules.add_perm(
    "networks.view_programme",
    is_network_programme & (is_organiser | is_member_hr | is_member_executive | is_participant | is_facilitator),
)
# Leaders in full: the organiser all, a member municipality's HR its own (selectors.people_managed_by).
rules.add_perm("networks.view_people", is_network_programme & (is_organiser | is_member_hr))
# Panels and pairs: the organiser's.
rules.add_perm("networks.compose", is_network_programme & is_organiser)
# A local theme day: the member municipality's HR, for its own municipality.
rules.add_perm("networks.plan_theme_day", is_network_programme & is_member_hr)
# Figures: the organiser, and the member municipalities' executives (their own share and the network's).
rules.add_perm("networks.view_figures", is_network_programme & (is_organiser | is_member_executive))
# A new network programme: an organiser, for one of their own networks (the form offers only those).
rules.add_perm("networks.add_programme", is_organiser)
# Attendance at the network's runs: a member municipality's HR, for the leaders it sent (the view's scope).
rules.add_perm("networks.mark_attendance", is_network_programme & is_member_hr)
# Importing leaders from a file: a member municipality's HR, for its own municipality.
rules.add_perm("networks.import_people", is_network_programme & is_member_hr)
