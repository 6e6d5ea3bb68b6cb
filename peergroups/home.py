"""The start page's peer-group sections: a leader's group, a facilitator's groups, HR's stalled groups."""

from django.db.models import Count, Exists, OuterRef

from core.home import START_PAGE
from peergroups.models import PeerGroupMember
from peergroups.selectors import groups_of_user, stalled_groups


def context(user, dashboard):
    """One query for the user's own groups (if they are a participant or facilitator), and one for
    stalled groups (only when a programme HR administers is close to its next gathering)."""
    members, facilitators = dashboard["participant_programmes"], dashboard["facilitator_programmes"]
    if members or facilitators:
        groups = list(
            groups_of_user(user)
            .annotate(
                as_member=Exists(PeerGroupMember.objects.filter(group=OuterRef("pk"), participant__user=user)),
                case_count=Count("cases", distinct=True),
            )
            .order_by("number")
        )
        for programme in members:
            programme.my_peer_group = next((g for g in groups if g.programme_id == programme.pk and g.as_member), None)
        for programme in facilitators:
            programme.facilitated_groups = [
                g
                for g in groups
                if g.programme_id == programme.pk and g.facilitator and g.facilitator.user_id == user.pk
            ]
            upcoming = programme.next_gathering
            programme.case_round_gathering = upcoming if upcoming is not None and upcoming.number >= 2 else None
    if dashboard["hr_programmes"]:
        return {"stalled_groups": stalled_groups(dashboard["hr_programmes"])}
    return {}


@START_PAGE.register
def section(user, page):
    return context(user, page["dashboard"])
