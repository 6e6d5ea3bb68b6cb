"""Who may do what with peer groups, meetings and cases.

Programme-wide work (composing, moving, themes) follows the programme roles in core.rules. A
group's own things follow membership: its members and its facilitator, nobody else. A case's text
is for them only; HR, the executive and other facilitators see counts, never cases.
"""

import rules

from core.roles import roles_of
from core.rules import is_executive, is_facilitator, is_hr


def _group(obj):
    from peergroups.models import PeerGroup

    return obj if isinstance(obj, PeerGroup) else obj.group


def member_user_ids(group):
    """The user ids of a group's members, asked once per group object (selectors may preload it)."""
    cached = getattr(group, "_member_user_ids", None)
    if cached is None:
        from peergroups.models import PeerGroupMember

        cached = frozenset(PeerGroupMember.objects.filter(group=group).values_list("participant__user_id", flat=True))
        group._member_user_ids = cached
    return cached


@rules.predicate
def is_group_member(user, obj):
    if obj is None or not roles_of(user).is_participant:
        return False
    return user.pk in member_user_ids(_group(obj))


@rules.predicate
def is_group_facilitator(user, obj):
    if obj is None or not roles_of(user).is_facilitator:
        return False
    group = _group(obj)
    return group.facilitator_id is not None and group.facilitator.user_id == user.pk


@rules.predicate
def brought_or_wrote_case(user, case):
    return case is not None and (
        case.created_by_id == user.pk or (case.brought_by_id is not None and case.brought_by.user_id == user.pk)
    )


in_group = is_group_member | is_group_facilitator

# Programme-wide (object: the programme).
rules.add_perm("peergroups.view_groups", is_hr | is_facilitator)
rules.add_perm("peergroups.compose_groups", is_hr | is_facilitator)
rules.add_perm("peergroups.view_theme_counts", is_hr | is_executive | is_facilitator)
rules.add_perm("peergroups.manage_themes", is_hr)

# One group (object: the group). HR and the programme's facilitators see who is in it and when it
# meets; the summaries and cases are the group's own.
rules.add_perm("peergroups.view_group", is_hr | is_facilitator | is_group_member)
rules.add_perm("peergroups.change_group", is_hr)
rules.add_perm("peergroups.view_group_content", in_group)
rules.add_perm("peergroups.manage_meetings", in_group)
rules.add_perm("peergroups.add_case", in_group)

# One case (object: the case).
rules.add_perm("peergroups.view_case", in_group)
rules.add_perm("peergroups.change_case", is_group_facilitator | (is_group_member & brought_or_wrote_case))

# The case round at a gathering (object: the gathering): facilitators, for their own groups.
rules.add_perm("peergroups.view_case_round", is_facilitator)
