"""Writes on gatherings and their runs, agendas and attendance."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from core.services import audit_log
from sessions.assignment import PRESSURE_FREE, PRESSURE_WEIGHT, _balance_cost, _improve_assignment
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


@transaction.atomic
def runs_assign_participants(*, gathering, assigned_by):
    """Place every unassigned participant in one run of the gathering.

    Greedy by stratum: managers first, then the largest leader-level and sector groups, each person
    in the open run where their level and sector are least represented relative to its capacity,
    and never beside their own manager or report when another run has room, looking ahead so that
    a manager does not take a run whose reports would then have nowhere else to go, and spreading
    managers once their reports would fill more than half the room elsewhere. A repair
    (`_improve_assignment`) then takes apart pairs the greedy pass could not, and evens out the mix.
    People already assigned (by hand) stay where they are. Returns the number placed.
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

    # Looking ahead for the manager rule: `waiting[m]` is how many of m's reports are still to be
    # placed, and `elsewhere[run]` how many still to be placed must go to another run than this one
    # because their manager is in it. Each of them can go anywhere but one run, so they all fit
    # exactly when, for every run, those who must avoid it fit in the room left in the others.
    waiting = {}
    for p in todo:
        if p.manager_id:
            waiting[p.manager_id] = waiting.get(p.manager_id, 0) + 1
    run_of = dict(assigned)
    elsewhere = dict.fromkeys(state, 0)
    for participant_id, run_id in assigned.items():
        if run_id in elsewhere:
            elsewhere[run_id] += waiting.get(participant_id, 0)

    def room(run_id):
        return state[run_id]["capacity"] - len(state[run_id]["members"])

    def crowding(participant):
        """Whether placing the participant in a run would leave some run's waiting reports without room
        elsewhere: {run id: True/False}, for every run with room."""
        total = sum(room(r) for r in state)
        manager_run = run_of.get(participant.manager_id)
        # Room left outside each run for those who must avoid it, after this placement elsewhere.
        slack = {r: total - room(r) - elsewhere[r] for r in state}
        tight = [r for r in state if slack[r] - 1 + (manager_run == r) < 0]
        grows = waiting.get(participant.pk, 0)
        return {
            r: any(t != r for t in tight) or slack[r] - grows + (manager_run == r) < 0 for r in state if room(r) > 0
        }

    def pressure(participant, run_id):
        """For a manager: how far the other runs would be filled by reports who must avoid this one,
        beyond PRESSURE_FREE of their room (below it, the mix decides alone)."""
        grows = waiting.get(participant.pk, 0)
        if not grows:
            return 0
        outside = sum(room(r) for r in state) - room(run_id)
        share = (elsewhere[run_id] + grows) / outside if outside > 0 else 1
        return max(0, share - PRESSURE_FREE)

    new = []
    for participant in todo:
        crowds = crowding(participant)
        open_runs = [s for s in state.values() if len(s["members"]) < s["capacity"]]
        best = min(
            open_runs,
            key=lambda s: (
                _balance_cost(s, participant)
                + 500 * crowds[s["run"].pk]
                + PRESSURE_WEIGHT * pressure(participant, s["run"].pk),
                s["run"].number,
            ),
        )
        run_id = best["run"].pk
        place(participant, run_id)
        run_of[participant.pk] = run_id
        elsewhere[run_id] += waiting.get(participant.pk, 0)
        if participant.manager_id:
            waiting[participant.manager_id] -= 1
            if participant.manager_id in run_of and run_of[participant.manager_id] in elsewhere:
                elsewhere[run_of[participant.manager_id]] -= 1
        new.append(RunAssignment(run=best["run"], gathering=gathering, participant=participant))
    fixed = [(by_id[pid], run_id) for pid, run_id in assigned.items() if pid in by_id and run_id in state]
    # Seeded by what the gathering is, not by its id: ids depend on what the database held before
    # (PostgreSQL's sequences never go back), and the same programme must give the same runs.
    _improve_assignment(new, fixed, runs, seed=f"{gathering.programme.name}:{gathering.number}")
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


def attendance_check_day(*, run, day):
    """Attendance is taken on the day itself or after: a day of the run ahead is refused, so no
    one is marked present at a gathering that has not happened."""
    from django.utils import timezone
    from django.utils.formats import date_format

    if day not in range(1, run.gathering.days + 1):
        raise ValidationError(_("This run has no such day."))
    day_date = run.day_date(day)
    if day_date > timezone.localdate():
        raise ValidationError(
            _("Attendance can be taken from %(date)s, when the run starts. It has not started yet.")
            % {"date": date_format(day_date, "l j. F Y")}
        )


def attendance_mark(*, run, participant, status, marked_by, day=1):
    """Record one participant's attendance at one day of a run (one tap: insert or overwrite)."""
    if participant.programme_id != run.gathering.programme_id:
        raise ValidationError(_("The participant is not in this programme."))
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance status."))
    attendance_check_day(run=run, day=day)
    attendance, _created = Attendance.objects.update_or_create(
        run=run, participant=participant, day=day, defaults={"status": status, "marked_by": marked_by}
    )
    return attendance


@transaction.atomic
def attendance_mark_all_present(*, run, marked_by, day=1):
    """ "Alle til stede": everyone of the run not yet marked that day is marked present, in one insert.

    Those already marked keep their mark, so the exceptions taken before stay; afterwards the
    exceptions are marked one by one. Returns how many were marked."""
    attendance_check_day(run=run, day=day)
    marked = Attendance.objects.filter(run=run, day=day).values("participant_id")
    unmarked = run.assignments.exclude(participant_id__in=marked).values_list("participant_id", flat=True)
    rows = [
        Attendance(run=run, participant_id=pk, day=day, status=Attendance.Status.PRESENT, marked_by=marked_by)
        for pk in unmarked
    ]
    # ignore_conflicts: a tap on one person at the same moment wins over the bulk mark.
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    audit_log(
        actor=marked_by,
        action="attendance.all_present",
        target=run,
        municipality=run.gathering.programme.municipality,
        day=day,
        marked=len(rows),
    )
    return len(rows)
