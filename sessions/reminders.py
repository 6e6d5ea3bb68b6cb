"""The gathering-run reminder (registered with core/reminders/base.py; see core/registry.py)."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import ngettext

from core.reminders.base import (
    OSLO,
    Due,
    Kind,
    Message,
    oslo,
    register,
    wall_clock_not_reached,
    wall_clock_reached,
)
from core.reminders.kinds import absolute, days_slot, offsets, slot_is_for, windows


@register
class GatheringRunKind(Kind):
    """A gathering's run, REMINDER_GATHERING_DAYS_BEFORE (7 and 1) days before it starts, in Oslo
    wall-clock time: to the participants assigned to the run and to the programme's facilitators.
    Only runs of active gatherings (core ones, extension ones once decided) of active programmes."""

    key = "gathering_run"
    order = 20
    template = "reminder_gathering_run"

    @property
    def label(self):
        days = offsets(settings.REMINDER_GATHERING_DAYS_BEFORE)
        return ngettext(
            "Before a gathering (%(days)s day before)", "Before a gathering (%(days)s days before)", days[0]
        ) % {"days": " / ".join(map(str, days))}

    @staticmethod
    def _active(programme, gathering):
        from programmes.models import Programme
        from sessions.models import Gathering

        return Q(**{f"{programme}status": Programme.Status.ACTIVE}) & (
            Q(**{f"{gathering}kind": Gathering.Kind.CORE})
            | Q(**{f"{programme}extension_decision__run_extension": True})
        )

    def due(self, now):
        from participants.models import Facilitator
        from sessions.models import RunAssignment

        today, time_now = oslo(now)
        for days, later in windows(offsets(settings.REMINDER_GATHERING_DAYS_BEFORE)):

            def window(run, gathering, programme, days=days, later=later):
                reached = wall_clock_reached(run, days_before=days, today=today, time_now=time_now)
                not_yet = wall_clock_not_reached(run, days_before=later, today=today, time_now=time_now)
                return reached & not_yet & self._active(programme, gathering)

            yield Due(
                RunAssignment.objects.filter(
                    window("run__", "run__gathering__", "run__gathering__programme__"),
                    participant__user__is_active=True,
                ),
                recipient="participant__user_id",
                target="run_id",
                slot=days_slot(days, "run__date"),
                municipality="run__gathering__programme__municipality_id",
            )
            # One filter() call, so that the runs, their gathering and the window are the same join.
            yield Due(
                Facilitator.objects.filter(
                    window("programme__gatherings__runs__", "programme__gatherings__", "programme__"),
                    user__is_active=True,
                ),
                recipient="user_id",
                target="programme__gatherings__runs__id",
                slot=days_slot(days, "programme__gatherings__runs__date"),
                municipality="programme__municipality_id",
            )

    def message(self, reminder):
        from participants.models import Facilitator
        from programmes.models import Programme
        from sessions.calendar import build_calendar
        from sessions.models import Run

        run = (
            Run.objects.select_related("gathering__programme__municipality", "gathering__programme__extension_decision")
            .filter(pk=reminder.target_id)
            .first()
        )
        if run is None or not slot_is_for(reminder, run.date):
            return None  # gone, or moved: the new date has reminders of its own
        gathering, programme = run.gathering, run.gathering.programme
        starts = datetime.datetime.combine(run.date, run.start_time, tzinfo=OSLO)
        if starts <= timezone.now() or not gathering.is_active or programme.status != Programme.Status.ACTIVE:
            return None
        is_participant = run.assignments.filter(participant__user_id=reminder.recipient_id).exists()
        is_facilitator = Facilitator.objects.filter(programme=programme, user_id=reminder.recipient_id).exists()
        if not (is_participant or is_facilitator):
            return None
        today, _time = oslo(timezone.now())
        url = absolute(reverse("gathering_detail", args=[gathering.pk]))
        ics = build_calendar([run], name=str(gathering), url_of=lambda _run: url).to_ical()
        filename = f"{slugify(str(gathering), allow_unicode=True)}-{run.date:%Y-%m-%d}.ics"
        return Message(
            {
                "recipient": reminder.recipient,
                "run": run,
                "gathering": gathering,
                "programme": programme,
                "agenda": list(gathering.agenda.all()),
                # How far off it is now, which is less than the slot's offset when a scan caught up.
                "days_before": (run.date - today).days,
                "is_facilitator": is_facilitator and not is_participant,
                "url": url,
            },
            attachments=[(filename, ics, "text/calendar")],
        )
