"""Reads on peer groups, meetings and cases, scoped to what the user may see.

Cases are reached only through `cases_visible_to`: the members of the case's group and its
facilitator. Everything HR, the executive and the evaluation report get about cases is an
aggregate, and every count about cases comes from one disclosure plan (`ThemePlan`, case_counts.py).
"""

import datetime

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from core.roles import roles_of
from peergroups import composer
from peergroups.case_counts import (  # noqa: F401  (callers read them here)
    ThemePlan,
    case_theme_counts,
    peer_facts,
    previous_gathering,
    themes_of,
)
from peergroups.models import Case, Meeting, PeerGroup, PeerGroupMember, PeerGroupSetup


def _own_group_ids(user):
    return PeerGroupMember.objects.filter(participant__user=user).values("group_id")


def groups_visible_to(user):
    """Groups of the user's municipalities (HR), of programmes they facilitate, and their own."""
    roles = roles_of(user)
    if not (roles.hr or roles.facilitator or roles.participant):
        return PeerGroup.objects.none()
    scope = Q(programme__municipality_id__in=roles.hr) | Q(programme_id__in=roles.facilitator)
    if roles.participant:
        scope |= Q(pk__in=_own_group_ids(user))
    return PeerGroup.objects.filter(scope).select_related("programme__municipality", "facilitator__user")


def groups_with_content_for(user):
    """Groups whose cases, summaries and meeting forms the user may open: their own groups and those
    they facilitate. Any other group answers 404 on those pages, whatever the user's role."""
    roles = roles_of(user)
    scope = Q()
    if roles.facilitator:
        scope |= Q(facilitator__user=user, programme_id__in=roles.facilitator)
    if roles.participant:
        scope |= Q(pk__in=_own_group_ids(user))
    if not scope:
        return PeerGroup.objects.none()
    return PeerGroup.objects.filter(scope).select_related("programme__municipality", "facilitator__user")


def cases_visible_to(user):
    """Cases of the groups the user is a member of or facilitates. Nobody else's, whatever their role."""
    roles = roles_of(user)
    scope = Q()
    if roles.facilitator:
        scope |= Q(group__facilitator__user=user, group__programme_id__in=roles.facilitator)
    if roles.participant:
        scope |= Q(group_id__in=_own_group_ids(user))
    if not scope:
        return Case.objects.none()
    return Case.objects.filter(scope).select_related(
        "group__programme__municipality", "group__facilitator__user", "brought_by__user", "meeting"
    )


def meetings_editable_by(user):
    """Meetings of the user's own groups and those they facilitate (the summary is the group's)."""
    return Meeting.objects.filter(group__in=groups_with_content_for(user).values("pk")).select_related(
        "group__programme__municipality", "group__facilitator__user"
    )


def groups_of_user(user):
    """The groups a user is in or facilitates, with their next meeting (one query)."""
    roles = roles_of(user)
    scope = Q()
    if roles.participant:
        scope |= Q(pk__in=_own_group_ids(user))
    if roles.facilitator:
        scope |= Q(facilitator__user=user)
    if not scope:
        return PeerGroup.objects.none()
    return _with_next_meeting(PeerGroup.objects.filter(scope)).select_related(
        "programme__municipality", "facilitator__user"
    )


def _with_next_meeting(queryset):
    today = timezone.localdate()
    return queryset.annotate(
        next_meeting_date=Min("meetings__date", filter=Q(meetings__date__gte=today)),
        member_count=Count("members", distinct=True),
    )


def setup_of(programme):
    """The programme's setup, or an unsaved default one (reading never writes)."""
    return PeerGroupSetup.objects.filter(programme=programme).first() or PeerGroupSetup(programme=programme)


def programme_groups(programme, setup=None):
    """The programme's groups with members, quality and meeting counts, in a fixed number of queries."""
    setup = setup or setup_of(programme)
    today = timezone.localdate()
    groups = list(
        PeerGroup.objects.filter(programme=programme)
        .select_related("facilitator__user")
        .prefetch_related(
            _members_prefetch(),
        )
        .annotate(
            meetings_held=Count("meetings", filter=Q(meetings__date__lte=today), distinct=True),
            last_meeting_date=Max("meetings__date", filter=Q(meetings__date__lte=today)),
            next_meeting_date=Min("meetings__date", filter=Q(meetings__date__gt=today)),
        )
        .order_by("number")
    )
    level_labels = _level_labels()
    for group in groups:
        people = [m.participant for m in group.members.all()]
        group.people = people
        group._member_user_ids = frozenset(p.user_id for p in people)
        group.quality = composer.group_quality(people)
        group.level_summary = ", ".join(
            f"{level_labels.get(level, level) or '–'}: {n}" for level, n in sorted(group.quality.levels.items())
        )
        group.size_ok = setup.min_size <= len(people) <= setup.max_size
        conflicted = {p.pk for pair in group.quality.violations for p in pair}
        for p in people:
            p.rule_conflict = p.pk in conflicted
    return groups


def _members_prefetch():
    from django.db.models import Prefetch

    return Prefetch(
        "members",
        queryset=PeerGroupMember.objects.select_related("participant__user", "participant__manager__user").order_by(
            "participant__user__first_name", "participant__user__last_name"
        ),
    )


def _level_labels():
    from participants.models import Participant

    return dict(Participant.LeaderLevel.choices)


def unplaced_participants(programme):
    from participants.models import Participant

    return (
        Participant.objects.filter(programme=programme, peer_membership__isnull=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


def proposal_totals(groups, programme):
    """The whole proposal against the naive split of the same people (what the composer must beat)."""
    people = [p for group in groups for p in group.people]
    people.sort(key=lambda p: (p.user.first_name, p.pk))
    violations, cost = composer.objective([g.people for g in groups])
    naive = composer.naive_split(people, [len(g.people) for g in groups])
    return {
        "violations": violations,
        "mix_cost": cost,
        "naive_mix_cost": composer.mix_cost(naive),
    }


def group_members(group):
    return list(
        PeerGroupMember.objects.filter(group=group)
        .select_related("participant__user")
        .order_by("participant__user__first_name", "participant__user__last_name")
    )


def meetings_of(group):
    return list(group.meetings.annotate(attendee_count=Count("attendees")).order_by("date", "start_time"))


def cases_of(group):
    return (
        Case.objects.filter(group=group)
        .select_related("group__programme", "group__facilitator__user", "brought_by__user")
        .prefetch_related("themes")
    )


# --- Gatherings: the case round and stalled groups ---------------------------------------------


def case_round(gathering, user):
    """For the "Lederutfordringer siden sist" item: the cases the facilitator's groups logged since
    the previous gathering, with follow-ups, and the programme's theme counts for the same period."""
    programme = gathering.programme
    gatherings = list(programme.gatherings.all())
    previous = previous_gathering(gathering, gatherings)
    since = previous.end_date if previous else None
    cases = (
        cases_visible_to(user)
        .filter(group__programme=programme, group__facilitator__user=user)
        .prefetch_related("themes")
        .order_by("group__number", "discussed_on", "pk")
    )
    if since is not None:
        cases = cases.filter(discussed_on__gt=since)
    if gathering.start_date is not None:
        cases = cases.filter(discussed_on__lte=gathering.start_date)
    cases = list(cases)
    groups = []
    for case in cases:
        if not groups or groups[-1]["group"].pk != case.group_id:
            groups.append({"group": case.group, "cases": []})
        groups[-1]["cases"].append(case)
    return {
        "previous": previous,
        "since": since,
        "cases": cases,
        "groups": groups,
        "theme_counts": ThemePlan(programme, gatherings=gatherings).round_counts(gathering),
    }


def stalled_groups(programmes, today=None):
    """Groups that have not met (enough) since their programme's last gathering while the next one
    is less than settings.PEERGROUP_STALLED_WINDOW_DAYS away. `programmes` come with their
    gatherings prefetched (the start page's). One query, and none when no programme is in the window."""
    today = today or timezone.localdate()
    window = datetime.timedelta(days=settings.PEERGROUP_STALLED_WINDOW_DAYS)
    due = {}
    for programme in programmes:
        active = [g for g in programme.gatherings.all() if g.is_active and g.start_date is not None]
        last = max((g for g in active if g.end_date < today), key=lambda g: g.end_date, default=None)
        upcoming = min((g for g in active if g.start_date > today), key=lambda g: g.start_date, default=None)
        if last is not None and upcoming is not None and upcoming.start_date - today < window:
            due[programme.pk] = (programme, last, upcoming)
    if not due:
        return []
    since = Q()
    for programme, last, _upcoming in due.values():
        since |= Q(programme_id=programme.pk, meetings__date__gt=last.end_date, meetings__date__lte=today)
    groups = (
        PeerGroup.objects.filter(programme_id__in=due)
        .annotate(met=Count("meetings", filter=since, distinct=True))
        .filter(met__lt=settings.PEERGROUP_STALLED_MIN_MEETINGS)
        .order_by("programme_id", "number")
    )
    flagged = []
    for group in groups:
        programme, last, upcoming = due[group.programme_id]
        group.programme = programme
        group.last_gathering = last
        group.next_gathering = upcoming
        group.days_left = (upcoming.start_date - today).days
        flagged.append(group)
    return flagged
