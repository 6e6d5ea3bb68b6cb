"""Attendance at the gatherings, as the dashboard and the report release it (issue 14).

Who came is marked by HR by name, so attendance is no secret to HR; the executive and the report
see it in aggregate only, and it is released by the same rules as the answers:

* **Cells over people.** A gathering's attendance is a cell: the leaders assigned to its runs that
  have been held and marked. Whether each came is summed over the cell, as a die roll's distribution
  is summed over its respondents. `core.disclosure` releases a cell only if no group of fewer than
  the threshold's leaders (a run of three, say) can be worked out from every cell shown, the
  programme's total included.
* **Time.** A run counts from the day after its last day, never while HR is marking it. Each closing
  is a moment of the plan: a gathering's total that grew by a run of fewer than the threshold since
  a reader last saw it stays hidden. Corrections made afterwards move the figures only in steps of
  at least the threshold's number of leaders: the figures are a snapshot of kind "attendance"
  (participants/release.py), renewed when that many leaders' rows have changed.
"""

import datetime
from collections import Counter

from django.utils import timezone

from core import disclosure

KIND = "attendance"


def live_rows(programme, today=None):
    """{participant id: [[run, gathering, last day (ISO), came], ...]} over the runs held before
    today whose attendance has been marked (two queries)."""
    from sessions.models import Attendance, RunAssignment

    today = today or timezone.localdate()
    fields = ("participant_id", "run_id", "run__gathering_id", "run__date", "run__gathering__days")
    came, marked, seats = set(), set(), {}
    for *seat, status in Attendance.objects.filter(
        run__gathering__programme=programme, run__date__lt=today
    ).values_list(*fields, "status"):
        marked.add(seat[1])
        seats[tuple(seat[:2])] = seat
        if status in (Attendance.Status.PRESENT, Attendance.Status.LATE):
            came.add(tuple(seat[:2]))
    # Everyone assigned to a marked run, and anyone marked there without an assignment (a walk-in).
    for seat in RunAssignment.objects.filter(gathering__programme=programme, run__date__lt=today).values_list(
        "participant_id", "run_id", "gathering_id", "run__date", "gathering__days"
    ):
        seats.setdefault(tuple(seat[:2]), seat)
    rows = {}
    for (participant, run), (_p, _r, gathering, date, days) in sorted(seats.items(), key=lambda kv: (kv[0], kv[1][3])):
        last_day = date + datetime.timedelta(days=days - 1)
        if run in marked and last_day < today:
            rows.setdefault(participant, []).append([run, gathering, last_day.isoformat(), (participant, run) in came])
    return rows


def figures_of(rows):
    """{"gatherings": [[gathering, assigned, came], ...], "overall": [assigned, came]}, with None
    for what the plan withholds. Atoms are runs; one moment per day a run closed.

    Rows that end with a home municipality (`home_rows`, a network programme) also give
    "homes": [[municipality, assigned, came], ...], decided in the same plan as the network's
    figures, so no municipality is the network's figure minus the others'."""
    people, came = Counter(), Counter()
    for values in rows.values():
        for run, gathering, last_day, present, *home in values:
            people[(gathering, run, last_day, *home)] += 1
            came[(gathering, run, last_day, *home)] += bool(present)
    if not people:
        return {"gatherings": [], "overall": [None, None], "homes": []}
    moments = []
    for closing in sorted({atom[2] for atom in people}):
        held = [atom for atom in people if atom[2] <= closing]
        by_gathering = {}
        for atom in held:
            by_gathering.setdefault(atom[0], []).append(atom)
        cells = [disclosure.Cell(("all", closing), frozenset(held))]
        cells += sorted(
            (disclosure.Cell((gathering, closing), frozenset(atoms)) for gathering, atoms in by_gathering.items()),
            key=lambda cell: (-sum(people[a] for a in cell.atoms), cell.key[0]),
        )
        by_home = {}
        for atom in held:
            if len(atom) > 3 and atom[3] is not None:
                by_home.setdefault(atom[3], []).append(atom)
        cells += sorted(
            (disclosure.Cell(("home", home, closing), frozenset(atoms)) for home, atoms in by_home.items()),
            key=lambda cell: (-sum(people[a] for a in cell.atoms), cell.key[1]),
        )
        moments.append(cells)
    plan = disclosure.release_plan(dict(people), moments)
    last = moments[-1][0].key[1]

    def released(key, atoms):
        assigned = plan.count(key)
        return [assigned, sum(came[a] for a in atoms)] if assigned is not None else [None, None]

    gatherings = sorted({atom[0] for atom in people})
    return {
        "gatherings": [
            [gathering, *released((gathering, last), [a for a in people if a[0] == gathering])]
            for gathering in gatherings
        ],
        "overall": released(("all", last), list(people)),
        "homes": [
            [home, *released(("home", home, last), [a for a in people if a[3:] == (home,)])]
            for home in sorted({atom[3] for atom in people if len(atom) > 3 and atom[3] is not None})
        ],
    }


def released(programme):
    """The attendance figures shown now, and when they were taken: ({...}, taken_at)."""
    from participants.release import released as released_in_steps

    rows = live_rows(programme)
    return released_in_steps(programme, KIND, rows, lambda: figures_of(rows))


HOME_KIND = "network_attendance"


def home_rows(programme, today=None):
    """`live_rows` with each leader's home municipality at the end of every row (a network programme:
    one more query)."""
    from participants.models import Participant

    homes = dict(Participant.objects.filter(programme=programme).values_list("pk", "home_municipality_id"))
    return {p: [[*row, homes.get(p)] for row in values] for p, values in live_rows(programme, today).items()}


def released_by_home(programme):
    """A network programme's attendance with each member municipality's share, shown now: its own
    snapshot (corrections move it only in steps of the threshold), ({...}, taken_at)."""
    from participants.release import released as released_in_steps

    rows = home_rows(programme)
    return released_in_steps(programme, HOME_KIND, rows, lambda: figures_of(rows))
