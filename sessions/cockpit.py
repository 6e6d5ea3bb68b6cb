"""The cockpit's gathering items: the next gathering without a date, runs, agenda or venue, leaders
without a run for it, and attendance not taken at a run that has been held. Three queries for any
number of programmes (runs with their counts, agenda counts, participant counts)."""

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.home import COCKPIT
from programmes.cockpit import Item, Severity, soon

# How far ahead the next gathering's gaps are urgent, and when they start to matter at all.
URGENT_DAYS = 14
WARNING_DAYS = 60


@COCKPIT.register(key="sessions", order=20)
def items(programmes, today):
    from participants.models import Participant
    from sessions.models import AgendaItem, Attendance, Run

    ids = [p.pk for p in programmes]
    runs = list(
        Run.objects.filter(gathering__programme_id__in=ids)
        .annotate(
            assigned=Count("assignments"),
            marked=Exists(Attendance.objects.filter(run=OuterRef("pk"))),
        )
        .order_by("date", "number")
    )
    agenda = dict(
        AgendaItem.objects.filter(gathering__programme_id__in=ids, is_case_round=False)
        .values_list("gathering_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    participants = dict(
        Participant.objects.filter(programme_id__in=ids).values_list("programme_id").annotate(n=Count("id")).order_by()
    )
    runs_of = {}
    for run in runs:
        runs_of.setdefault(run.gathering_id, []).append(run)
    found = []
    for programme in programmes:
        gatherings = [g for g in programme.gatherings.all() if g.is_active]  # prefetched by the caller
        found += _undated(programme, gatherings)
        upcoming = sorted(
            (g for g in gatherings if g.start_date is not None and g.end_date >= today), key=lambda g: g.start_date
        )
        if upcoming:
            found += _next_gathering(
                programme,
                upcoming[0],
                runs_of.get(upcoming[0].pk, []),
                agenda,
                participants.get(programme.pk, 0),
                today,
            )
        for gathering in gatherings:
            for run in runs_of.get(gathering.pk, []):
                run.gathering = gathering  # no query for its dates
                if run.date <= today and run.assigned and not run.marked:
                    found.append(
                        Item(
                            programme=programme,
                            key=f"sessions.attendance:{run.pk}",
                            severity=Severity.WARNING,
                            title=_("Attendance not taken: %(gathering)s, run %(number)s")
                            % {"gathering": gathering, "number": run.number},
                            url=reverse("run_attendance", args=[run.pk]),
                            action=_("Take attendance"),
                            due=run.date,
                        )
                    )
    return found


def _undated(programme, gatherings):
    undated = [g for g in gatherings if g.start_date is None]
    if not undated:
        return []
    first = undated[0]
    return [
        Item(
            programme=programme,
            key="sessions.undated",
            severity=Severity.WARNING,
            title=ngettext(
                "%(count)s gathering has no date",
                "%(count)s gatherings have no date",
                len(undated),
            )
            % {"count": len(undated)},
            detail=", ".join(str(g) for g in undated),
            url=reverse("gathering_update", args=[first.pk]),
            action=_("Set the date of %(gathering)s") % {"gathering": first},
        )
    ]


def _next_gathering(programme, gathering, runs, agenda, participant_count, today):
    found = []
    due = gathering.start_date
    severity = soon(due, today, URGENT_DAYS, WARNING_DAYS)
    if not runs:
        found.append(
            Item(
                programme=programme,
                key=f"sessions.no_runs:{gathering.pk}",
                severity=severity,
                title=_("%(gathering)s has no run") % {"gathering": gathering},
                detail=_("Nobody can be assigned, and the gathering is missing from the leaders' calendars."),
                url=reverse("run_create", args=[gathering.pk]),
                action=_("Add a run"),
                due=due,
            )
        )
    else:
        unassigned = participant_count - sum(run.assigned for run in runs)
        if unassigned > 0:
            found.append(
                Item(
                    programme=programme,
                    key=f"sessions.unassigned:{gathering.pk}",
                    severity=severity,
                    title=ngettext(
                        "%(count)s leader has no run of %(gathering)s",
                        "%(count)s leaders have no run of %(gathering)s",
                        unassigned,
                    )
                    % {"count": unassigned, "gathering": gathering},
                    url=reverse("gathering_runs", args=[gathering.pk]),
                    action=_("Assign participants to runs"),
                    due=due,
                )
            )
    if not agenda.get(gathering.pk):
        found.append(
            Item(
                programme=programme,
                key=f"sessions.no_agenda:{gathering.pk}",
                severity=min(severity, Severity.WARNING),
                title=_("%(gathering)s has no agenda") % {"gathering": gathering},
                url=reverse("agenda_edit", args=[gathering.pk]),
                action=_("Make the agenda"),
                due=due,
            )
        )
    if not gathering.venue and not any(run.venue for run in runs):
        found.append(
            Item(
                programme=programme,
                key=f"sessions.no_venue:{gathering.pk}",
                severity=min(severity, Severity.WARNING),
                title=_("%(gathering)s has no venue") % {"gathering": gathering},
                url=reverse("gathering_update", args=[gathering.pk]),
                action=_("Set the venue"),
                due=due,
            )
        )
    return found
