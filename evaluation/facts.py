"""Facts other parts of the product hold, for Kirkpatrick levels 3 and 4 in the report.

The one place evaluation reads them. The leader's space (participants) and peer groups are built
alongside; until their selectors exist, each function here answers None and the report says
"not available". Attendance is counted in evaluation/attendance.py. Everything leaves here
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
    # Case counts and the meetings' attendance come from disclosure plans, which answer None for a
    # hidden one.
    return {
        name: anonymity.fact(value, base=base)
        if value is not None or name not in ("cases", "cases_with_follow_up", "attendance_rate")
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
    """Per gathering with held and marked runs: how many were assigned and how many came (present
    or late), and the overall rate, as released by evaluation/attendance.py (cells through the
    disclosure engine, moving only when a run has closed and in steps of at least the threshold)."""
    from evaluation.attendance import released

    figures, taken_at = released(programme)
    names = {gathering.pk: gathering for gathering in programme.gatherings.all()}
    hidden = anonymity.Fact(shown=False)
    result = []
    for gathering_id, assigned, came in figures["gatherings"]:
        gathering = names.get(gathering_id)
        if gathering is None:
            continue
        if assigned is None:
            result.append({"gathering": gathering, "assigned": hidden, "came": hidden, "rate": hidden})
            continue
        result.append(
            {
                "gathering": gathering,
                "assigned": anonymity.Fact(shown=True, value=assigned),
                "came": anonymity.Fact(shown=True, value=came),
                "rate": anonymity.Fact(shown=True, value=round(100 * came / assigned)),
            }
        )
    result.sort(key=lambda row: row["gathering"].number)
    assigned, came = figures["overall"]
    rate = anonymity.Fact(shown=True, value=round(100 * came / assigned)) if assigned else hidden
    return {"gatherings": result, "rate": rate, "taken_at": taken_at}
