from django.db.models import Exists, OuterRef, Subquery

from core.roles import roles_of
from programmes.selectors import in_scope
from sessions.models import Gathering


def gatherings_visible_to(user):
    if not roles_of(user).any:
        return Gathering.objects.none()
    return Gathering.objects.filter(in_scope(user, "programme")).select_related(
        "programme__municipality", "programme__extension_decision"
    )


def runs_visible_to(user):
    from sessions.models import Run

    if not roles_of(user).any:
        return Run.objects.none()
    return Run.objects.filter(in_scope(user, "gathering__programme")).select_related(
        "gathering__programme__municipality", "gathering__programme__extension_decision"
    )


def runs_of_gathering(gathering):
    """The gathering's runs, each with how many are assigned and its mix of leader levels and sectors,
    and the programme's participant count: `(runs, participant_count)` in two queries.

    The mix is counted in the database from the programme's participants, each joined to their run
    of this gathering if they have one: a few dozen groups instead of one row per participant, and
    those without a run form the groups without one, so the participant count comes with it."""
    from collections import Counter, defaultdict

    from participants.models import Participant
    from sessions.models import Run

    runs = list(Run.objects.filter(gathering_id=gathering.pk).order_by("number"))
    rows = _participants_by_run(gathering)
    # A default, not the runs' keys: a run added between the two queries must not fail the page.
    mix = defaultdict(lambda: {"levels": Counter(), "sectors": Counter(), "beside_manager": 0})
    participant_count = 0
    for run_id, level, sector, n, beside_manager in rows:
        participant_count += n
        if run_id is not None:
            mix[run_id]["levels"][level] += n
            mix[run_id]["sectors"][sector] += n
            mix[run_id]["beside_manager"] += beside_manager or 0
    labels = dict(Participant.LeaderLevel.choices)
    for run in runs:
        run.gathering = gathering  # the run's dates need its gathering's length: no query per run
        run.assigned_count = sum(mix[run.pk]["levels"].values())
        run.beside_manager = mix[run.pk]["beside_manager"]
        run.level_mix = sorted((str(labels.get(level, level) or "–"), n) for level, n in mix[run.pk]["levels"].items())
        run.sector_mix = sorted((sector or "–", n) for sector, n in mix[run.pk]["sectors"].items())
        # Joined here: a template loop per group cost more than the rest of the page together.
        run.level_summary = ", ".join(f"{label}: {n}" for label, n in run.level_mix) or "–"
        run.sector_summary = ", ".join(f"{sector}: {n}" for sector, n in run.sector_mix) or "–"
    return runs, participant_count


def _participants_by_run(gathering):
    """`(run id or None, leader level, sector, count, beside their manager)` for the programme's
    participants, grouped by their run of this gathering (None: not assigned to one); the last
    counts those whose manager is in the same run.

    Plain SQL on purpose. It is the run page's hot query, and the same LEFT JOIN built by the ORM
    (a FilteredRelation) cost 1.9 ms on PostgreSQL, 1.2 ms of it building and compiling the query
    (bench world of 336). Table and column names come from the models; values are parameters.
    """
    from django.db import connection

    from participants.models import Participant
    from sessions.models import RunAssignment

    quote = connection.ops.quote_name
    people, assigned = Participant._meta, RunAssignment._meta

    def column(meta, name):
        return quote(meta.get_field(name).column)

    run, participant, in_gathering = (column(assigned, name) for name in ("run", "participant", "gathering"))
    person, manager = column(people, "id"), column(people, "manager")
    table = quote(assigned.db_table)
    sql = (
        f"SELECT a.{run}, p.{column(people, 'leader_level')}, p.{column(people, 'sector')}, COUNT(*), "  # noqa: S608  # nosec B608
        f"SUM(CASE WHEN m.{run} = a.{run} THEN 1 ELSE 0 END) FROM {quote(people.db_table)} p "
        f"LEFT JOIN {table} a ON a.{participant} = p.{person} AND a.{in_gathering} = %s "
        f"LEFT JOIN {table} m ON m.{participant} = p.{manager} AND m.{in_gathering} = %s "
        f"WHERE p.{column(people, 'programme')} = %s GROUP BY 1, 2, 3"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (gathering.pk, gathering.pk, gathering.programme_id))
        return cursor.fetchall()


def run_roster(run, day=1):
    """The participants of a run, with their attendance at it (on day 1 or 2) and whether their
    manager is in it too (one query)."""
    from participants.models import Participant
    from sessions.models import Attendance, RunAssignment

    return (
        Participant.objects.filter(runs__run=run)
        .select_related("user", "manager__user")
        .annotate(
            attendance_status=Subquery(
                Attendance.objects.filter(run=run, day=day, participant=OuterRef("pk")).values("status")[:1]
            ),
            beside_manager=Exists(RunAssignment.objects.filter(run=run, participant=OuterRef("manager_id"))),
        )
        .order_by("user__first_name", "user__last_name")
    )


def catering_counts(roster):
    """Expected attendees of a run (its roster, less those already marked excused or absent) and their diets."""
    from collections import Counter

    expected = [p for p in roster if p.attendance_status not in ("excused", "absent")]
    diets = Counter(" ".join(p.dietary_needs.split()).capitalize() for p in expected if p.dietary_needs.strip())
    return {"assigned": len(roster), "expected": len(expected), "diets": sorted(diets.items())}


def attendance_overview(programme, missed_warning=2, participants=None):
    """Per participant: status at each active gathering's run, and how many gatherings they missed.

    "Missed" is absent or excused on every marked day of a run that has been held; runs not yet
    held do not count. A two-day run shows each day's mark when they differ. `participants` is the
    page to show (a list); by default the whole programme. Three queries at most, whatever the page.
    """
    from django.utils import timezone

    from participants.models import Participant
    from sessions.models import Attendance, RunAssignment

    today = timezone.localdate()
    labels = dict(Attendance.Status.choices)
    gatherings = [g for g in programme.gatherings.all() if g.is_active]
    if participants is None:
        participants = list(Participant.objects.filter(programme=programme).select_related("user"))
    ids = [p.pk for p in participants]
    assignments = {
        (a.participant_id, a.gathering_id): a
        for a in RunAssignment.objects.filter(gathering__programme=programme, participant_id__in=ids).select_related(
            "run"
        )
    }
    marks = {}
    for a in (
        Attendance.objects.filter(run__gathering__programme=programme, participant_id__in=ids)
        .only("participant_id", "run_id", "status", "day")
        .order_by("day")
    ):
        marks.setdefault((a.participant_id, a.run_id), []).append(a.status)
    rows = []
    for participant in participants:
        cells, missed = [], 0
        for gathering in gatherings:
            assignment = assignments.get((participant.pk, gathering.pk))
            statuses = marks.get((participant.pk, assignment.run_id), []) if assignment else []
            held = assignment is not None and assignment.run.date <= today
            if held and statuses and all(status in ("absent", "excused") for status in statuses):
                missed += 1
            status = statuses[0] if statuses and len(set(statuses)) == 1 else (statuses and "mixed") or None
            cells.append(
                {
                    "gathering": gathering,
                    "run": assignment.run if assignment else None,
                    "status": status,
                    "label": " / ".join(str(labels.get(s, "")) for s in dict.fromkeys(statuses))
                    if status == "mixed"
                    else labels.get(status, ""),
                }
            )
        rows.append({"participant": participant, "cells": cells, "missed": missed, "warn": missed >= missed_warning})
    return {"gatherings": gatherings, "rows": rows}


def runs_of_participant(participant):
    """Per gathering of the participant's programme: their run (or None) and their attendance at
    it per day. Two queries; the gatherings come from the programme's prefetch when there is one."""
    from sessions.models import Attendance, RunAssignment

    labels = dict(Attendance.Status.choices)
    assignments = {
        a.gathering_id: a.run
        for a in RunAssignment.objects.filter(participant=participant).select_related("run__gathering")
    }
    marks = {}
    for mark in Attendance.objects.filter(participant=participant).order_by("day"):
        marks.setdefault(mark.run_id, []).append((mark.day, labels.get(mark.status, mark.status), mark.status))
    rows = []
    for gathering in Gathering.objects.filter(programme_id=participant.programme_id).order_by("number"):
        run = assignments.get(gathering.pk)
        rows.append({"gathering": gathering, "run": run, "marks": marks.get(run.pk, []) if run else []})
    return rows
