"""Figures about the leaders' own work, released in steps of at least the threshold (issue 14, time).

The dashboard is live, and the leaders' own work changes one leader at a time: a check-in moves the
average progress, a goal marked achieved moves the count, a session with one's staff moves the staff
reached. Read before and after, each change would show one leader's plan. So the dashboard and the
report show a snapshot of kind "own_work" (participants/release.py, `ReleaseSnapshot`), renewed only
when at least `ANONYMITY_THRESHOLD` leaders have changed something since it was taken.

The figures themselves are released as before: counts and shares over the whole programme only if
it has at least the threshold's number of leaders; the average progress only over at least that
many leaders with a check-in; train the trainers per unit through core.disclosure (report.py).
"""

from django.db.models import Count, Q, Sum

from evaluation import anonymity

UPTAKE = ("baseline", "profile", "feedback", "plan", "cascade")
# Per leader, in this order: the unit, the five uptake flags, then the plan and cascade counts.
FIELDS = (
    "unit",
    *UPTAKE,
    "goals",
    "goals_done",
    "actions",
    "actions_done",
    "checkins",
    "progress",
    "sessions",
    "staff",
)


def live_rows(programme):
    """{participant id: [the FIELDS]} as the database holds them now (five queries)."""
    from participants.models import CascadeSession, Participant, PlanAction, PlanCheckIn, PlanGoal
    from participants.selectors import with_space_status

    rows = {}
    for pk, unit, *flags in with_space_status(Participant.objects.filter(programme=programme)).values_list(
        "pk", "unit", *(f"has_{name}" for name in UPTAKE)
    ):
        rows[pk] = {"unit": unit or "", **dict(zip(UPTAKE, map(bool, flags), strict=True))}
    for row in rows.values():
        row.update(goals=0, goals_done=0, actions=0, actions_done=0, checkins=0, progress=None, sessions=0, staff=0)
    saved = PlanGoal.objects.filter(plan__participant__programme=programme, is_draft=False)
    for pk, goals, done in (
        saved.values_list("plan__participant")
        .annotate(n=Count("id"), done=Count("id", filter=Q(status=PlanGoal.Status.ACHIEVED)))
        .order_by()
    ):
        rows[pk].update(goals=goals, goals_done=done)
    for pk, actions, done in (
        PlanAction.objects.filter(goal__in=saved)
        .values_list("goal__plan__participant")
        .annotate(n=Count("id"), done=Count("id", filter=Q(status=PlanAction.Status.DONE)))
        .order_by()
    ):
        rows[pk].update(actions=actions, actions_done=done)
    for pk, progress in (
        PlanCheckIn.objects.filter(plan__participant__programme=programme)
        .order_by("plan__participant", "created_at", "id")
        .values_list("plan__participant", "progress")
    ):
        rows[pk]["checkins"] += 1
        rows[pk]["progress"] = progress  # the latest wins
    for pk, sessions, staff in (
        CascadeSession.objects.filter(participant__programme=programme)
        .values_list("participant")
        .annotate(n=Count("id"), staff=Sum("staff_count"))
        .order_by()
    ):
        rows[pk].update(sessions=sessions, staff=staff or 0)
    return {pk: [row[name] for name in FIELDS] for pk, row in rows.items()}


def figures_of(rows):
    """The released totals of a set of leader rows (what a snapshot keeps)."""
    named = [dict(zip(FIELDS, values, strict=True)) for values in rows.values()]
    progress = [row["progress"] for row in named if row["progress"] is not None]
    units = {}
    for row in named:
        if row["sessions"]:
            unit = units.setdefault(row["unit"], {"unit": row["unit"], "leaders": 0, "sessions": 0, "staff": 0})
            unit["leaders"] += 1
            unit["sessions"] += row["sessions"]
            unit["staff"] += row["staff"]
    return {
        "participants": len(named),
        "uptake": {name: sum(1 for row in named if row[name]) for name in UPTAKE},
        "plans": {
            "with_plan": sum(1 for row in named if row["plan"]),
            "goals": sum(row["goals"] for row in named),
            "goals_done": sum(row["goals_done"] for row in named),
            "actions": sum(row["actions"] for row in named),
            "actions_done": sum(row["actions_done"] for row in named),
            "checkins": sum(row["checkins"] for row in named),
            "participants_with_checkin": len(progress),
            "progress_sum": sum(progress),
        },
        "cascade": sorted(units.values(), key=lambda unit: unit["unit"]),
    }


def released(programme):
    """The figures the dashboard and the report may show now: the snapshot, renewed first if at
    least the threshold's number of leaders have changed something since it was taken."""
    from participants.release import released as released_in_steps

    rows = live_rows(programme)
    figures, taken_at = released_in_steps(programme, "own_work", rows, lambda: figures_of(rows))
    return {**figures, "taken_at": taken_at}


def plan_facts(figures):
    """The plan facts the report prints, in participants.selectors.plan_facts's shape."""
    plans = figures["plans"]
    with_checkin = plans["participants_with_checkin"]
    average = None
    if with_checkin and with_checkin >= anonymity.threshold():
        average = round(plans["progress_sum"] / with_checkin, 1)
    # In this order (PostgreSQL's jsonb keeps no key order); the report prints them so.
    order = ("with_plan", "goals", "goals_done", "actions", "actions_done", "checkins", "participants_with_checkin")
    facts = {"participants": figures["participants"], **{name: plans[name] for name in order}}
    facts["average_progress"] = average
    return facts
