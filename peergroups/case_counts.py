"""Every count about cases, from one disclosure plan (`ThemePlan`, issue 14): each theme's programme
total, the number of cases and of cases followed up, and each theme in every gathering's case round.
"""

import bisect
import datetime

from django.conf import settings
from django.utils import timezone

from peergroups.models import Case, CaseTheme, Meeting, PeerGroup, PeerGroupMember


def themes_of(programme):
    return list(CaseTheme.objects.filter(programme=programme).order_by("position", "pk"))


def _threshold(threshold):
    return settings.ANONYMITY_THRESHOLD if threshold is None else threshold


class ThemePlan:
    """Every count about cases that any page, export or report shows, decided together by the
    disclosure engine (core/disclosure.py, issue 14).

    Atoms are (the case's set of themes, the period it was discussed in, followed up or not);
    periods are cut at every dated gathering's first and last day. Candidate cells: each theme's
    programme total, the number of cases and of cases followed up (the report), and each theme in
    each gathering's case round, which counts only its own window (after the previous gathering's
    last day, up to and including the gathering's first day). A cell is shown only if no group of
    fewer than the threshold's number of cases can be derived from everything shown together.

    Time: a period is counted only once it has closed, i.e. from the day after the day that ends it
    (a gathering's first or last day; the last period at the programme's end), so a reader who
    watches the pages never sees one case arrive, not even on the day of a case round. The totals
    shown after each earlier closing are offered first as moments of their own: what was released
    then stays in the span, and a total that moved by fewer than the threshold since is held back.
    A case logged late, or a follow-up, counts from the closing after it was written."""

    def __init__(self, programme, threshold=None, gatherings=None, today=None):
        from collections import Counter

        from core import disclosure

        k = max(1, int(_threshold(threshold)))
        today = today or timezone.localdate()
        themes = themes_of(programme)
        self.labels = {t.pk: str(t.label) for t in themes}
        gatherings = list(programme.gatherings.all()) if gatherings is None else gatherings
        bounds, closed = periods(programme, gatherings, today)
        cases = {}  # one row per case and theme (a LEFT JOIN): one query for both
        for (
            pk,
            discussed_on,
            created_at,
            follow_up,
            follow_up_on,
            written_at,
            counted_as,
            theme_id,
        ) in Case.objects.filter(group__programme=programme).values_list(
            "pk",
            "discussed_on",
            "created_at",
            "follow_up",
            "follow_up_on",
            "follow_up_written_at",
            "counted_as",
            "themes",
        ):
            if counted_as:
                # Edited after it was counted: counted as it was then (Case.counted_as).
                discussed_on = datetime.date.fromisoformat(counted_as["discussed_on"])
                theme_id = None
            period = bisect.bisect_left(bounds, discussed_on)
            entered = _entered(bounds, discussed_on, created_at)
            if entered >= closed:
                continue  # its period, or the one it was logged in, is still running
            follow_date = max(
                follow_up_on or discussed_on,
                timezone.localdate(written_at) if written_at else discussed_on,
                discussed_on,
            )
            followed = max(entered, bisect.bisect_left(bounds, follow_date)) if follow_up else None
            if followed is not None and followed >= closed:
                followed = None  # followed up in a period still running: not counted yet
            case = cases.setdefault(pk, (period, entered, followed, set(counted_as["themes"]) if counted_as else set()))
            if theme_id is not None:
                case[3].add(theme_id)
        # Atoms: (themes, period discussed, period counted from, period counted as followed up from).
        counts = Counter(
            (frozenset(themes), period, entered, followed) for period, entered, followed, themes in cases.values()
        )
        atoms = frozenset(counts)

        def cell(key, test):
            return disclosure.Cell(key, frozenset(a for a in atoms if test(a)))

        def by_size(cells):
            return sorted(cells, key=lambda c: -sum(counts[a] for a in c.atoms))

        self.windows = {}
        for gathering in gatherings:
            # As the case round's list: after the previous dated gathering, up to this one's first
            # day (or without an end while it has no date).
            previous = previous_gathering(gathering, gatherings)
            low = bisect.bisect_left(bounds, previous.end_date) + 1 if previous else 0
            high = bisect.bisect_left(bounds, gathering.start_date) if gathering.start_date else len(bounds)
            self.windows[gathering.pk] = set(range(low, high + 1))
        cells = by_size(cell(("theme", t), lambda a, t=t: t in a[0]) for t in self.labels)
        cells += [cell(("cases",), lambda a: True), cell(("followed_up",), lambda a: a[3] is not None)]
        # A round shows the cases of its own period as they were when it closed: one logged later is
        # in the totals from its own closing, never added to a round already shown.
        for gathering_id, window in self.windows.items():
            cells += by_size(
                cell(("round", gathering_id, t), lambda a, t=t, w=window: t in a[0] and a[1] in w and a[1] == a[2])
                for t in self.labels
            )
        # What the totals were after each earlier closing (a reader may have read them then): the
        # cases counted from before it.
        earlier = [
            by_size(
                cell(("at", until, "theme", t), lambda a, t=t, u=until: t in a[0] and a[2] < u) for t in self.labels
            )
            + [
                cell(("at", until, "cases"), lambda a, u=until: a[2] < u),
                cell(("at", until, "followed_up"), lambda a, u=until: a[3] is not None and a[3] < u),
            ]
            for until in sorted({i + 1 for _themes, _period, *closings in atoms for i in closings if i is not None})
            if until < closed
        ]
        self.plan = disclosure.release_plan(counts, [*earlier, cells], k)

    def _rows(self, key):
        rows = [(label, self.plan.count((*key, pk))) for pk, label in self.labels.items()]
        return sorted(((label, n) for label, n in rows if n is not None), key=lambda row: (-row[1], row[0]))

    def totals(self):
        """[(theme label, cases)] across the programme, most first; hidden themes are absent."""
        return self._rows(("theme",))

    def round_counts(self, gathering):
        """[(theme label, cases)] in the gathering's case-round window only."""
        if gathering.pk not in self.windows:
            return []
        return self._rows(("round", gathering.pk))

    def count(self, *key):
        return self.plan.count(key)


def _entered(bounds, discussed_on, created_at):
    """The period a case counts from: its own, or, when it was logged after its period closed (dated
    back), the period it was logged in, as if it had been discussed then: no reader sees it arrive
    alone."""
    return max(bisect.bisect_left(bounds, discussed_on), bisect.bisect_left(bounds, timezone.localdate(created_at)))


def periods(programme, gatherings, today):
    """(bounds, closed): the days that cut the programme into periods (every dated active gathering's
    first and last day; period i ends on bounds[i], the last one at the programme's end), and how
    many periods have closed by `today`. A period is counted from the day after the day that ends
    it: cases of a gathering's case round are logged on that very day, and would otherwise appear
    one at a time while a reader watches."""
    dated = [g for g in gatherings if g.start_date is not None and g.is_active]
    bounds = sorted({d for g in dated for d in (g.start_date, g.end_date)})
    closed = bisect.bisect_left(bounds, today)
    if programme.end_date is not None and programme.end_date < today:
        closed = len(bounds) + 1
    return bounds, closed


def meeting_rows(programme, today=None):
    """{participant id: [[meeting, period, came], ...]}: each member's places at the recorded
    meetings of their group in the periods that have closed (three queries)."""
    today = today or timezone.localdate()
    bounds, closed = periods(programme, list(programme.gatherings.all()), today)
    meetings = {}
    for pk, group, date in Meeting.objects.filter(
        group__programme=programme, attendance_recorded=True, date__lt=today
    ).values_list("pk", "group_id", "date"):
        period = bisect.bisect_left(bounds, date)
        if period < closed:
            meetings.setdefault(group, []).append((pk, period))
    came = set(
        Meeting.attendees.through.objects.filter(meeting__group__programme=programme).values_list(
            "meeting_id", "participant_id"
        )
    )
    rows = {}
    for participant, group in (
        PeerGroupMember.objects.filter(group__programme=programme)
        .order_by("participant_id")
        .values_list("participant_id", "group_id")
    ):
        places = [[pk, period, (pk, participant) in came] for pk, period in sorted(meetings.get(group, []))]
        if places:
            rows[participant] = places
    return rows


def meeting_rate(rows):
    """The share of places taken, or None when withheld: summed per closed period, each closing a
    moment of a disclosure plan, so a rate that moved by fewer than the threshold's places since the
    previous closing stays hidden."""
    from collections import Counter

    from core import disclosure

    places, came = Counter(), Counter()
    for values in rows.values():
        for _meeting, period, present in values:
            places[period] += 1
            came[period] += bool(present)
    if not places:
        return None
    ends = sorted(places)
    moments = [[disclosure.Cell(("until", end), frozenset(p for p in ends if p <= end))] for end in ends]
    plan = disclosure.release_plan(dict(places), moments, _threshold(None))
    if plan.count(("until", ends[-1])) is None:
        return None
    return sum(came.values()) / sum(places.values())


def meeting_attendance(programme, today=None):
    """The share of members who came to the peer groups' recorded meetings, as released, or None.

    A meeting counts from the day after its period ends, as a case does (`meeting_rate` puts the
    closings through the disclosure engine), and corrections afterwards move the figure only in steps
    of at least the threshold's number of leaders: it is a snapshot of kind "meetings"
    (participants/release.py), renewed when that many leaders' places have changed."""
    from participants.release import released

    rows = meeting_rows(programme, today)
    figures, _taken_at = released(programme, "meetings", rows, lambda: {"rate": meeting_rate(rows)})
    return figures["rate"]


def is_counted(case, today=None):
    """Whether the case's statistics have been released: its period, or the one it was logged in,
    has closed (the rule of ThemePlan). An edit after that leaves the counts as they were."""
    if case.counted_as:
        return True
    programme = case.group.programme
    bounds, closed = periods(programme, list(programme.gatherings.all()), today or timezone.localdate())
    return _entered(bounds, case.discussed_on, case.created_at) < closed


def case_theme_counts(programme, threshold=None):
    """[(theme label, number of cases)] across the programme, most first, as the disclosure plan
    releases them (default threshold settings.ANONYMITY_THRESHOLD). Fewer are never returned."""
    return ThemePlan(programme, threshold).totals()


def peer_facts(programme):
    """Aggregates for the evaluation report. Counts only, never a case's or a summary's text."""
    today = timezone.localdate()
    groups = PeerGroup.objects.filter(programme=programme).count()
    members = PeerGroupMember.objects.filter(group__programme=programme).count()
    meetings_held = Meeting.objects.filter(group__programme=programme, date__lte=today).count()
    # Case counts beside theme counts could be subtracted from them: both come from one plan.
    themes = ThemePlan(programme)
    return {
        "groups": groups,
        "members": members,
        "meetings_held": meetings_held,
        "meetings_per_group": meetings_held / groups if groups else None,
        "attendance_rate": meeting_attendance(programme, today),
        "cases": themes.count("cases"),
        "cases_with_follow_up": themes.count("followed_up"),
    }


def previous_gathering(gathering, gatherings):
    """The dated gathering before this one among `gatherings` (the programme's), or None."""
    earlier = [g for g in gatherings if g.number < gathering.number and g.start_date is not None and g.is_active]
    return max(earlier, key=lambda g: g.number) if earlier else None
