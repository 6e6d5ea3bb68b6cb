"""Writes on gatherings and their runs, agendas and attendance."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from core.services import audit_log
from sessions.models import AgendaItem, Attendance, Gathering, Run, RunAssignment

# What a gathering gives each of its runs' calendar events: the title (summary), the length (end),
# the venue (location, when the run has none) and the topics (description).
GATHERING_CALENDAR_FIELDS = ("title", "days", "venue", "topics")


@transaction.atomic
def gathering_update(*, gathering, updated_by, **fields):
    """Change a gathering; a change its runs' calendar events show bumps every run's SEQUENCE."""
    shown = GATHERING_CALENDAR_FIELDS
    changed = any(getattr(gathering, name) != value for name, value in fields.items() if name in shown)
    for name, value in fields.items():
        setattr(gathering, name, value)
    gathering.full_clean()
    gathering.save()
    if changed:
        gathering.runs.update(sequence=F("sequence") + 1)
    audit_log(
        actor=updated_by, action="gathering.updated", target=gathering, municipality=gathering.programme.municipality
    )
    return gathering


@transaction.atomic
def extension_gathering_add(*, programme, added_by, **fields):
    """Add an extension gathering, numbered after the last one; at most four."""
    # Lock the programme so that two HR users adding at once cannot pass the limit together.
    type(programme).objects.select_for_update().get(pk=programme.pk)
    count = programme.gatherings.filter(kind=Gathering.Kind.EXTENSION).count()
    if count >= Gathering.EXTENSION_MAX:
        raise ValidationError(
            _("The extension can have at most %(max)s gatherings.") % {"max": Gathering.EXTENSION_MAX}
        )
    number = (programme.gatherings.aggregate(n=Max("number"))["n"] or 0) + 1
    gathering = Gathering(programme=programme, number=number, kind=Gathering.Kind.EXTENSION, **fields)
    gathering.full_clean()
    gathering.save()
    agenda_ensure_case_round(gathering=gathering)
    audit_log(actor=added_by, action="gathering.added", target=gathering, municipality=programme.municipality)
    return gathering


# --- Runs -------------------------------------------------------------------------------------

CALENDAR_FIELDS = ("date", "start_time", "end_time", "venue")


@transaction.atomic
def run_create(*, gathering, created_by, **fields):
    number = (gathering.runs.aggregate(n=Max("number"))["n"] or 0) + 1
    run = Run(gathering=gathering, number=number, **fields)
    run.full_clean()
    run.save()
    audit_log(actor=created_by, action="run.created", target=run, municipality=gathering.programme.municipality)
    return run


@transaction.atomic
def run_update(*, run, updated_by, **fields):
    """Change a run; a change calendars show bumps its SEQUENCE so clients replace the event."""
    if any(getattr(run, name) != value for name, value in fields.items() if name in CALENDAR_FIELDS):
        run.sequence += 1
    for name, value in fields.items():
        setattr(run, name, value)
    if run.capacity < run.assignments.count():
        raise ValidationError(
            {"capacity": _("More participants are already assigned to this run than the new capacity.")}
        )
    run.full_clean()
    run.save()
    audit_log(actor=updated_by, action="run.updated", target=run, municipality=run.gathering.programme.municipality)
    return run


@transaction.atomic
def run_delete(*, run, deleted_by):
    if run.attendance.exists():
        raise ValidationError(_("Attendance has been recorded for this run, so it cannot be deleted."))
    audit_log(
        actor=deleted_by,
        action="run.deleted",
        target=run,
        municipality=run.gathering.programme.municipality,
        unassigned=run.assignments.count(),
    )
    run.delete()


def _balance_cost(run_state, participant):
    """How much placing the participant in this run would unbalance it (lower is better)."""
    share = run_state["capacity"]
    cost = (run_state["levels"].get(participant.leader_level, 0) + 1) / share
    cost += (run_state["sectors"].get(participant.sector, 0) + 1) / share
    # Keep leaders apart from their own manager and direct reports where at all possible.
    if participant.manager_id in run_state["members"] or participant.pk in run_state["managers"]:
        cost += 1000
    # Prefer the emptier run when all else is equal.
    cost += len(run_state["members"]) / share / 100
    return cost


BALANCED = ("leader_level", "sector")


def _improve_balance(new, fixed, runs, *, seed):
    """Swap newly placed people between runs while that evens out levels and sectors.

    The greedy pass can leave a run one or two people off its share of a group when the manager
    rule pushes people around; random pair swaps that lower the squared distance from each run's
    capacity-proportional share, and never put anyone beside their manager or report, fix that.
    `fixed` are (participant, run id) pairs placed by hand: they count but never move.
    Deterministic (seeded by the gathering), so the same input gives the same runs.
    """
    import random

    movable = [a.participant for a in new]
    if len(runs) < 2 or len(movable) < 2:
        return
    run_of = {a.participant.pk: a.run.pk for a in new}
    run_of.update({p.pk: run_id for p, run_id in fixed})
    people = movable + [p for p, _run_id in fixed]
    members = {run.pk: set() for run in runs}
    for pid, run_id in run_of.items():
        members[run_id].add(pid)

    total_capacity = sum(run.capacity for run in runs)
    counts, target = {}, {}
    for attr in BALANCED:
        totals = {}
        for p in people:
            totals[getattr(p, attr)] = totals.get(getattr(p, attr), 0) + 1
        for run in runs:
            for value, total in totals.items():
                target[(run.pk, attr, value)] = total * run.capacity / total_capacity
                counts[(run.pk, attr, value)] = 0
    for p in people:
        for attr in BALANCED:
            counts[(run_of[p.pk], attr, getattr(p, attr))] += 1

    reports = {}
    for p in people:
        if p.manager_id:
            reports.setdefault(p.manager_id, set()).add(p.pk)

    def related(p):
        return ({p.manager_id} if p.manager_id else set()) | reports.get(p.pk, set())

    def changes(a, b, ra, rb):
        for attr in BALANCED:
            va, vb = getattr(a, attr), getattr(b, attr)
            if va != vb:
                yield from (((ra, attr, va), -1), ((ra, attr, vb), 1), ((rb, attr, vb), -1), ((rb, attr, va), 1))

    def apply(moves, sign=1):
        for key, change in moves:
            counts[key] += sign * change

    def cost(moves):
        keys = {key for key, _change in moves}
        return sum((counts[key] - target[key]) ** 2 for key in keys), keys

    rng = random.Random(seed)
    for _attempt in range(min(40 * len(movable), 20000)):
        a, b = rng.sample(movable, 2)
        ra, rb = run_of[a.pk], run_of[b.pk]
        if ra == rb or related(a) & (members[rb] - {b.pk}) or related(b) & (members[ra] - {a.pk}):
            continue
        moves = list(changes(a, b, ra, rb))
        if not moves:
            continue
        before, _keys = cost(moves)
        apply(moves)
        after, _keys = cost(moves)
        if after >= before - 1e-9:
            apply(moves, -1)
            continue
        members[ra].discard(a.pk)
        members[rb].discard(b.pk)
        members[ra].add(b.pk)
        members[rb].add(a.pk)
        run_of[a.pk], run_of[b.pk] = rb, ra
    runs_by_id = {run.pk: run for run in runs}
    for assignment in new:
        assignment.run = runs_by_id[run_of[assignment.participant.pk]]


@transaction.atomic
def runs_assign_participants(*, gathering, assigned_by):
    """Place every unassigned participant in one run of the gathering.

    Greedy by stratum: managers first, then the largest leader-level and sector groups, each person
    in the open run where their level and sector are least represented relative to its capacity,
    and never beside their own manager or report when another run has room. People already
    assigned (by hand) stay where they are. Returns the number placed.
    """
    from participants.models import Participant

    runs = list(Run.objects.select_for_update().filter(gathering=gathering).order_by("number"))
    if not runs:
        raise ValidationError(_("Add at least one run before assigning participants."))
    participants = list(Participant.objects.filter(programme=gathering.programme).order_by("pk"))
    assigned = {a.participant_id: a.run_id for a in RunAssignment.objects.filter(gathering=gathering)}
    by_id = {p.pk: p for p in participants}
    state = {
        run.pk: {"run": run, "capacity": run.capacity, "levels": {}, "sectors": {}, "members": set(), "managers": set()}
        for run in runs
    }

    def place(participant, run_id):
        s = state[run_id]
        s["levels"][participant.leader_level] = s["levels"].get(participant.leader_level, 0) + 1
        s["sectors"][participant.sector] = s["sectors"].get(participant.sector, 0) + 1
        s["members"].add(participant.pk)
        if participant.manager_id:
            s["managers"].add(participant.manager_id)

    for participant_id, run_id in assigned.items():
        if participant_id in by_id and run_id in state:
            place(by_id[participant_id], run_id)

    todo = [p for p in participants if p.pk not in assigned]
    free = sum(s["capacity"] - len(s["members"]) for s in state.values())
    if len(todo) > free:
        raise ValidationError(
            _("The runs have room for %(free)s more, but %(todo)s participants are not assigned. Add capacity first.")
            % {"free": free, "todo": len(todo)}
        )
    stratum_size = {}
    for p in todo:
        stratum_size[(p.leader_level, p.sector)] = stratum_size.get((p.leader_level, p.sector), 0) + 1
    # Managers go first, so that each of their reports can then pick a run without them.
    managers = {p.manager_id for p in participants if p.manager_id}
    todo.sort(
        key=lambda p: (p.pk not in managers, -stratum_size[(p.leader_level, p.sector)], p.leader_level, p.sector, p.pk)
    )

    new = []
    for participant in todo:
        open_runs = [s for s in state.values() if len(s["members"]) < s["capacity"]]
        best = min(open_runs, key=lambda s: (_balance_cost(s, participant), s["run"].number))
        place(participant, best["run"].pk)
        new.append(RunAssignment(run=best["run"], gathering=gathering, participant=participant))
    fixed = [(by_id[pid], run_id) for pid, run_id in assigned.items() if pid in by_id and run_id in state]
    _improve_balance(new, fixed, runs, seed=gathering.pk)
    RunAssignment.objects.bulk_create(new)
    audit_log(
        actor=assigned_by,
        action="runs.assigned",
        target=gathering,
        municipality=gathering.programme.municipality,
        count=len(new),
    )
    return len(new)


@transaction.atomic
def run_move_participant(*, participant, run, moved_by):
    """Move (or first assign) a participant to `run`; the change is logged."""
    locked = Run.objects.select_for_update().get(pk=run.pk)
    current = RunAssignment.objects.filter(gathering_id=run.gathering_id, participant=participant).first()
    if current is not None and current.run_id == run.pk:
        return current
    if locked.assignments.count() >= locked.capacity:
        raise ValidationError(_("The run is full."))
    previous_run_id = current.run_id if current else None
    if current is None:
        current = RunAssignment(gathering_id=run.gathering_id, participant=participant)
    current.run = run
    current.save()
    audit_log(
        actor=moved_by,
        action="run.participant_moved",
        target=participant,
        municipality=run.gathering.programme.municipality,
        from_run=previous_run_id,
        to_run=run.pk,
    )
    return current


# --- Agenda -----------------------------------------------------------------------------------

CASE_ROUND_TITLE = "Lederutfordringer siden sist"


def agenda_ensure_case_round(*, gathering):
    """From gathering 2 on, the standing peer-case item is on the agenda unless HR removed it."""
    if gathering.number < 2 or gathering.agenda.filter(is_case_round=True).exists():
        return None
    return AgendaItem.objects.create(
        gathering=gathering,
        start_time=datetime.time(9, 30),
        title=CASE_ROUND_TITLE,
        learning_form=AgendaItem.LearningForm.EXPERIENCE,
        is_case_round=True,
    )


@transaction.atomic
def agenda_item_save(*, gathering, saved_by, item=None, **fields):
    if fields.get("day", 1) > gathering.days:
        raise ValidationError({"day": _("The gathering lasts only %(days)s day(s).") % {"days": gathering.days}})
    item = item or AgendaItem(gathering=gathering)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    audit_log(actor=saved_by, action="agenda.saved", target=gathering, municipality=gathering.programme.municipality)
    return item


@transaction.atomic
def agenda_item_delete(*, item, deleted_by):
    gathering = item.gathering
    item.delete()
    audit_log(
        actor=deleted_by, action="agenda.deleted", target=gathering, municipality=gathering.programme.municipality
    )


# --- Attendance -------------------------------------------------------------------------------


def attendance_mark(*, run, participant, status, marked_by):
    """Record one participant's attendance at a run (one tap: insert or overwrite)."""
    if participant.programme_id != run.gathering.programme_id:
        raise ValidationError(_("The participant is not in this programme."))
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    attendance, _created = Attendance.objects.update_or_create(
        run=run, participant=participant, defaults={"status": status, "marked_by": marked_by}
    )
    return attendance
