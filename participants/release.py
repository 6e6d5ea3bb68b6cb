"""Figures about a programme's leaders released in steps of at least the anonymity threshold
(issue 14, time).

Pages that are live would otherwise move one leader at a time: one baseline submitted moves the
cohort's distribution by exactly that leader's ratings, and HR's status page says who just did it;
one check-in moves the average progress by exactly that leader's value. So such pages show a
*snapshot* (`ReleaseSnapshot`): the figures as they were when it was taken, with a keyed digest per
leader of what they were computed from. A new snapshot replaces it only when at least
`ANONYMITY_THRESHOLD` leaders' digests differ (a leader who joins or leaves counts as changed), so any
two readings differ by the work of at least that many leaders. The figures are still released on
their own terms (each shown only for at least the threshold's number of leaders).
"""

import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from participants.models import Baseline, ReleaseSnapshot, SelfAssessment


def _digest(programme, kind, pk, values):
    text = json.dumps([programme.pk, kind, pk, values], sort_keys=True, default=str)
    return salted_hmac("lederprogram.release", text).hexdigest()[:16]


def _jsonable(value):
    """The figures as the snapshot stores them (JSON: dict keys become text)."""
    return json.loads(json.dumps(value, default=str))


def _changed(before, after):
    return sum(1 for pk in before.keys() | after.keys() if before.get(pk) != after.get(pk))


def released(programme, kind, rows, compute):
    """(figures, taken_at): the snapshot of `kind`, renewed first with `compute()` if at least the
    threshold's number of leaders' rows ({participant id: JSON-able values}) have changed since.
    Reading it is one query; only a new or renewed snapshot takes the row lock.

    `rows` is the rows, when `compute` works from them alone, or a function that reads them, when
    `compute` reads the database itself: the rows are then read again after computing, and the
    figures are kept only if nothing changed in between (else computed again), so a snapshot's
    figures are always those of its digests."""
    read = rows if callable(rows) else (lambda: rows)
    k = settings.ANONYMITY_THRESHOLD
    snapshot = ReleaseSnapshot.objects.filter(programme=programme, kind=kind).first()
    current = read()
    for _attempt in range(3):
        digests = _digests(programme, kind, current)
        if snapshot is not None and _changed(snapshot.digests, digests) < k:
            return snapshot.figures, snapshot.taken_at
        figures = _jsonable(compute())
        if not callable(rows):
            break
        after = read()
        if after == current:
            break
        current = after
    else:
        # The rows kept changing while the figures were computed: keep what was released.
        if snapshot is not None:
            return snapshot.figures, snapshot.taken_at
    with transaction.atomic():
        # Two first readers at once: get_or_create takes the row the other one made.
        snapshot, created = ReleaseSnapshot.objects.select_for_update().get_or_create(
            programme=programme, kind=kind, defaults={"figures": figures, "digests": digests}
        )
        if not created and _changed(snapshot.digests, digests) >= k:
            snapshot.figures, snapshot.digests, snapshot.taken_at = figures, digests, timezone.now()
            snapshot.save(update_fields=["figures", "digests", "taken_at"])
    return snapshot.figures, snapshot.taken_at


def _digests(programme, kind, rows):
    return {str(pk): _digest(programme, kind, pk, values) for pk, values in rows.items()}


def baseline_rows(programme, phase):
    """{participant id: [education, years, [[goal, dimension, score], ...]]} for the phase (two queries)."""
    rows = {
        pk: [education, years, []]
        for pk, education, years in Baseline.objects.filter(participant__programme=programme, phase=phase).values_list(
            "participant_id", "leadership_education", "years_as_leader"
        )
    }
    for pk, goal, dimension, score in (
        SelfAssessment.objects.filter(baseline__participant__programme=programme, baseline__phase=phase)
        .order_by("baseline__participant_id", "goal_id", "dimension")
        .values_list("baseline__participant_id", "goal_id", "dimension", "score")
    ):
        if pk in rows:
            rows[pk][2].append([goal, dimension, score])
    return rows


def released_baseline(programme, phase=Baseline.Phase.BASELINE):
    """The cohort's self-assessment for the phase (participants.selectors.baseline_summary) and, at the
    start, its background (needs_summary), as last released: {"summary", "background", "taken_at"}.
    Words are put in at reading, in the reader's language: the goals' current texts, the education
    levels' labels (the snapshot keeps ids and codes)."""
    from participants.selectors import baseline_summary, needs_summary

    codes = list(Baseline.Education.values)

    def compute():
        background = needs_summary(programme) if phase == Baseline.Phase.BASELINE else None
        if background and background["education"]:
            background["education"] = [
                [code, n] for code, (_label, n) in zip(codes, background["education"], strict=True)
            ]
        return {"summary": baseline_summary(programme, phase=phase), "background": background}

    figures, taken_at = released(programme, phase, lambda: baseline_rows(programme, phase), compute)
    from core.frameworks import CompetenceDimension

    texts = dict(programme.goals.values_list("pk", "text"))
    for goal in figures["summary"]["goals"]:
        goal["goal"] = texts.get(goal["goal_id"], goal["goal"])
        # PostgreSQL's jsonb keeps no key order: put the dimensions and scores back in theirs.
        dimensions = goal["dimensions"]
        goal["dimensions"] = {d: dimensions[d] for d in CompetenceDimension.values if d in dimensions}
        for values in goal["dimensions"].values():
            if values.get("distribution"):
                values["distribution"] = dict(sorted(values["distribution"].items(), key=lambda kv: int(kv[0])))
    background = figures["background"]
    if background and background["education"]:
        labels = dict(Baseline.Education.choices)
        background["education"] = [(labels.get(code, code), n) for code, n in background["education"]]
    return {**figures, "taken_at": taken_at}
