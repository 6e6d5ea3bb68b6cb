"""Peer-group reminders: before a meeting, and the facilitator's case follow-ups before a gathering
(registered with core/reminders/base.py; see core/registry.py)."""

import datetime

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
from core.reminders.kinds import absolute, days_slot, morning_reached, offsets, slot_is_for, windows
from programmes.reminders import active_programme
from sessions.reminders import GatheringRunKind


@register
class PeerMeetingKind(Kind):
    """A peer-group meeting, REMINDER_PEER_MEETING_DAYS_BEFORE (2) days before it starts in Oslo
    wall-clock time, to the group's members and its facilitator. Groups of active programmes only."""

    key = "peer_meeting"
    order = 30
    label = _("Before a peer-group meeting")
    template = "reminder_peer_meeting"

    def due(self, now):
        from peergroups.models import Meeting

        today, time_now = oslo(now)
        for days, later in windows(offsets(settings.REMINDER_PEER_MEETING_DAYS_BEFORE)):
            window = (
                wall_clock_reached("", days_before=days, today=today, time_now=time_now)
                & wall_clock_not_reached("", days_before=later, today=today, time_now=time_now)
                & active_programme("group__programme__")
            )
            # The meeting is the base, so each (meeting, member) row appears once.
            yield Due(
                Meeting.objects.filter(window, group__members__participant__user__is_active=True),
                recipient="group__members__participant__user_id",
                target="pk",
                slot=days_slot(days, "date"),
                municipality="group__programme__municipality_id",
            )
            yield Due(
                Meeting.objects.filter(window, group__facilitator__user__is_active=True),
                recipient="group__facilitator__user_id",
                target="pk",
                slot=days_slot(days, "date"),
                municipality="group__programme__municipality_id",
            )

    def message(self, reminder):
        from peergroups.models import Meeting
        from programmes.models import Programme

        meeting = (
            Meeting.objects.select_related("group__programme", "group__facilitator")
            .filter(pk=reminder.target_id)
            .first()
        )
        if meeting is None or not slot_is_for(reminder, meeting.date):
            return None  # deleted, or moved: the new date has reminders of its own
        group, programme = meeting.group, meeting.group.programme
        starts = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=OSLO)
        if starts <= timezone.now() or programme.status != Programme.Status.ACTIVE:
            return None
        is_member = group.members.filter(participant__user_id=reminder.recipient_id).exists()
        is_facilitator = group.facilitator is not None and group.facilitator.user_id == reminder.recipient_id
        if not (is_member or is_facilitator):
            return None
        return Message(
            {
                "meeting": meeting,
                "group": group,
                "programme": programme,
                "is_facilitator": is_facilitator and not is_member,
                "url": absolute(reverse("peergroup_detail", args=[group.pk])),
            }
        )


@register
class CaseFollowupKind(Kind):
    """To a facilitator, from MORNING REMINDER_CASE_FOLLOWUP_DAYS_BEFORE (3) days before a gathering
    starts: that cases of the peer groups they facilitate in its programme, discussed before the
    gathering, still have no follow-up written. The mail gives the count only, never a case."""

    key = "case_followup"
    order = 70
    audience = frozenset({"facilitator"})
    label = _("Cases with follow-ups due before a gathering (facilitators)")
    template = "reminder_case_followup"

    @staticmethod
    def _open_cases(gathering, user_id):
        from peergroups.models import Case

        return Case.objects.filter(
            group__programme_id=gathering.programme_id,
            group__facilitator__user_id=user_id,
            follow_up="",
            discussed_on__lt=gathering.start_date,
        )

    def due(self, now):
        from sessions.models import Gathering

        days = settings.REMINDER_CASE_FOLLOWUP_DAYS_BEFORE
        today, time_now = oslo(now)
        # One filter() call: the group, its facilitator and its open case are the same join.
        yield Due(
            Gathering.objects.filter(
                GatheringRunKind._active("programme__", ""),
                start_date__gt=today,
                start_date__lte=morning_reached(days, today=today, time_now=time_now),
                programme__peer_groups__facilitator__user__is_active=True,
                programme__peer_groups__cases__follow_up="",
                programme__peer_groups__cases__discussed_on__lt=F("start_date"),
            ).distinct(),
            recipient="programme__peer_groups__facilitator__user_id",
            target="pk",
            slot=days_slot(days, "start_date"),
            municipality="programme__municipality_id",
        )

    def message(self, reminder):
        from programmes.models import Programme
        from sessions.models import Gathering

        gathering = (
            Gathering.objects.select_related("programme__extension_decision").filter(pk=reminder.target_id).first()
        )
        if gathering is None or not slot_is_for(reminder, gathering.start_date):
            return None
        programme = gathering.programme
        if (
            gathering.start_date <= timezone.localdate(timezone.now(), OSLO)
            or not gathering.is_active
            or programme.status != Programme.Status.ACTIVE
        ):
            return None
        count = self._open_cases(gathering, reminder.recipient_id).count()
        if not count:
            return None  # followed up since, or no longer their group
        return Message(
            {
                "gathering": gathering,
                "programme": programme,
                "case_count": count,
                "url": absolute(reverse("peergroups_mine")),
            }
        )
