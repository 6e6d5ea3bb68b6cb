"""Facts other parts of the product hold, for Kirkpatrick levels 3 and 4 in the report.

The one place evaluation reads them. The leader's space (participants) and peer groups are built
alongside; until their selectors exist, each function here answers None and the report says
"not available". Attendance is ours to count from the sessions app. Everything leaves here
through the anonymity engine (a count about people is shown only for at least the threshold).
"""

import importlib

from evaluation import anonymity


def _selector(module, name):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def baseline(programme):
    """The cohort's self-assessment at the start as last released (participants/release.py: it moves
    only in steps of at least the threshold), each figure already thresholded there."""
    from participants.release import released_baseline

    return released_baseline(programme)["summary"]


def plans(programme, released=None):
    """Development-plan progress in aggregate: {"name": Fact}, from the released snapshot of the
    leaders' own work (evaluation/own_work.py: it moves only in steps of at least the threshold)."""
    from evaluation import own_work

    facts = own_work.plan_facts(released if released is not None else own_work.released(programme))
    base = facts.get("participants")
    return {name: anonymity.fact(value, base=base) for name, value in facts.items()}


def peers(programme):
    """Peer-group activity in aggregate: {"name": Fact}, or None when not available."""
    peer_facts = _selector("peergroups.selectors", "peer_facts")
    if peer_facts is None:
        return None
    facts = peer_facts(programme)
    base = facts.get("members")
    # Case counts come from the peer groups' disclosure plan, which answers None for a hidden one.
    return {
        name: anonymity.fact(value, base=base)
        if value is not None or name not in ("cases", "cases_with_follow_up")
        else anonymity.Fact(shown=False)
        for name, value in facts.items()
    }


def case_themes(programme):
    """[(theme, cases)] with every theme under the threshold dropped, or None when not available."""
    counts = _selector("peergroups.selectors", "case_theme_counts")
    if counts is None:
        return None
    return list(anonymity.theme_counts(counts(programme, threshold=anonymity.threshold())))


def attendance(programme):
    """Per core or active gathering with held runs: how many were assigned and how many came
    (present or late). Counted over a gathering's participants, never per person."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from sessions.models import Attendance, RunAssignment

    today = timezone.localdate()
    assigned = dict(
        RunAssignment.objects.filter(gathering__programme=programme, run__date__lte=today)
        .values_list("gathering_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = {
        gathering_id: {"assigned": assigned.get(gathering_id, 0), "came": came, "marked": marked}
        for gathering_id, came, marked in Attendance.objects.filter(
            run__gathering__programme=programme, run__date__lte=today
        )
        .values_list("run__gathering_id")
        .annotate(
            # People, not rows: a two-day run has a row per day, and coming on either day counts.
            came=Count("participant", distinct=True, filter=Q(status__in=["present", "late"])),
            marked=Count("participant", distinct=True),
        )
        .order_by()
    }
    by_gathering = rows
    result = []
    total_assigned = total_came = 0
    for gathering in sorted(programme.gatherings.all(), key=lambda g: g.number):
        row = by_gathering.get(gathering.pk)
        if row is None or not row["marked"]:
            continue
        total_assigned += row["assigned"]
        total_came += row["came"]
        rate = round(100 * row["came"] / row["assigned"]) if row["assigned"] else 0
        result.append(
            {
                "gathering": gathering,
                "assigned": anonymity.fact(row["assigned"], base=row["assigned"]),
                "came": anonymity.fact(row["came"], base=row["assigned"]),
                "rate": anonymity.fact(rate, base=row["assigned"]),
            }
        )
    overall = round(100 * total_came / total_assigned) if total_assigned else None
    return {"gatherings": result, "rate": anonymity.fact(overall, base=total_assigned)}
