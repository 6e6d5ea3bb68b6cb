"""Every kind of reminder, in one place (the interface is in core/reminders/__init__.py).

All are ready: invitations (not optional), gathering runs, peer-group meetings, plan check-ins,
baseline and profile, evaluations, and the facilitator's case follow-ups.

A mail says what is due and links to the page; it never carries what is sensitive (a case's text,
a plan's content, an answer): the page behind the link checks who may read it.
"""

import datetime

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
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

# Reminders of things with a date but no time of their own (a gathering's start date, the day an
# evaluation closes) go out from this hour, Oslo wall-clock time, rather than at midnight.
MORNING = datetime.time(8)


def absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def days_slot(days, date_path):
    """ "7d:2026-10-05": the offset and the date it counts from, so a moved date is reminded again."""
    return Concat(Value(f"{days}d:"), Cast(date_path, output_field=CharField()), output_field=CharField())


def slot_is_for(reminder, day):
    """Whether a days_slot reminder still counts from `day`: False when the thing is gone (None) or moved."""
    return day is not None and reminder.slot.partition("d:")[2] == day.isoformat()


def offsets(setting):
    """Distinct positive day offsets, the earliest reminder first."""
    return sorted({int(days) for days in setting if int(days) > 0}, reverse=True)


def morning_reached(days_before, *, today, time_now):
    """The last date whose reminder `days_before` days ahead is due now: reminders of a date D go
    from MORNING on D − days_before, so before that hour today counts for one day less."""
    day = today + datetime.timedelta(days=days_before)
    return day if time_now >= MORNING else day - datetime.timedelta(days=1)


def active_programme(prefix):
    from programmes.models import Programme

    return Q(**{f"{prefix}status": Programme.Status.ACTIVE})


def windows(days_list):
    """(days, next smaller offset or 0): a reminder is due from its moment until the next one's, so
    a run created 3 days ahead gets only the 1-day reminder, never two at once."""
    return [(days, days_list[i + 1] if i + 1 < len(days_list) else 0) for i, days in enumerate(days_list)]


@register
class InvitationKind(Kind):
    """The invitation e-mail. It is sent at once by `send_invitation_email`; this kind is the safety
    net that sends the ones that never left (Redis away, SMTP failing), and records why one failed.
    The slot is the invitation's nonce: a resent invitation is a new reminder."""

    key = "invitation"
    label = _("Invitations")
    optional = False
    template = "invitation"

    def due(self, now):
        # Not before the immediate send has had its chance.
        issued_before = now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS) - self.grace()
        from core.models import Invitation, User

        invitations = Invitation.objects.filter(
            sent_at__isnull=True, accepted_at__isnull=True, expires_at__gt=now, expires_at__lte=issued_before
        ).annotate(_user=Subquery(User.objects.filter(email=OuterRef("email"), is_active=True).values("pk")[:1]))
        yield Due(
            invitations.filter(_user__isnull=False),
            recipient="_user",
            target="pk",
            slot="nonce",
            municipality="municipality_id",
        )

    def grace(self):
        return datetime.timedelta(seconds=settings.REMINDER_REQUEUE_AFTER)

    def _open(self, reminder):
        from core.models import Invitation

        return Invitation.objects.filter(pk=reminder.target_id, nonce=reminder.slot, accepted_at__isnull=True)

    def message(self, reminder):
        from core.services import invitation_accept_path

        invitation = self._open(reminder).select_related("municipality", "programme", "invited_by").first()
        if invitation is None or invitation.is_expired:
            return None
        return Message({"invitation": invitation, "accept_url": absolute(invitation_accept_path(invitation))})

    def claim_target(self, reminder, now):
        # The immediate send claims the same mark, so only one of the two sends.
        return self._open(reminder).filter(sent_at__isnull=True).update(sent_at=now) == 1

    def release_target(self, reminder):
        self._open(reminder).update(sent_at=None)


@register
class GatheringRunKind(Kind):
    """A gathering's run, REMINDER_GATHERING_DAYS_BEFORE (7 and 1) days before it starts, in Oslo
    wall-clock time: to the participants assigned to the run and to the programme's facilitators.
    Only runs of active gatherings (core ones, extension ones once decided) of active programmes."""

    key = "gathering_run"
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


@register
class PeerMeetingKind(Kind):
    """A peer-group meeting, REMINDER_PEER_MEETING_DAYS_BEFORE (2) days before it starts in Oslo
    wall-clock time, to the group's members and its facilitator. Groups of active programmes only."""

    key = "peer_meeting"
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


def _quiet_since_date(updated_at):
    return updated_at.astimezone(OSLO).date().isoformat()


@register
class PlanCheckinKind(Kind):
    """A leader whose development plan has not been saved or checked in for REMINDER_PLAN_CHECKIN_WEEKS
    weeks (every save and check-in stamps the plan's updated_at). One reminder per quiet spell: the
    slot is the Oslo date of the last update, so an update starts a new spell."""

    key = "plan_checkin"
    audience = frozenset({"participant"})
    label = _("When my development plan has not been updated for a while")
    template = "reminder_plan_checkin"

    @staticmethod
    def _quiet(now):
        return now - datetime.timedelta(weeks=settings.REMINDER_PLAN_CHECKIN_WEEKS)

    def due(self, now):
        from participants.models import DevelopmentPlan

        yield Due(
            DevelopmentPlan.objects.filter(
                active_programme("participant__programme__"),
                updated_at__lte=self._quiet(now),
                participant__user__is_active=True,
            ),
            recipient="participant__user_id",
            target="pk",
            slot=Concat(
                Value("w:"),
                Cast(TruncDate("updated_at", tzinfo=OSLO), output_field=CharField()),
                output_field=CharField(),
            ),
            municipality="participant__programme__municipality_id",
        )

    def message(self, reminder):
        from participants.models import DevelopmentPlan
        from programmes.models import Programme

        # Only the plan's dates and owner are read: its content stays on the page.
        plan = (
            DevelopmentPlan.objects.select_related("participant__programme")
            .only("updated_at", "participant__user_id", "participant__programme")
            .filter(pk=reminder.target_id, participant__user_id=reminder.recipient_id)
            .first()
        )
        now = timezone.now()
        if (
            plan is None
            or reminder.slot != f"w:{_quiet_since_date(plan.updated_at)}"
            or plan.updated_at > self._quiet(now)
            or plan.participant.programme.status != Programme.Status.ACTIVE
        ):
            return None  # updated since (a new spell), gone, or the programme is over
        return Message(
            {
                "programme": plan.participant.programme,
                "weeks": (now - plan.updated_at).days // 7,
                "url": absolute(reverse("plan", args=[plan.participant_id])),
            }
        )


@register
class BaselineProfileKind(Kind):
    """A leader who has not done the baseline mapping (slot "baseline") or recorded a personality
    profile (slot "profile") REMINDER_BASELINE_AFTER_DAYS days after joining the programme. Each
    is reminded once."""

    key = "baseline_profile"
    audience = frozenset({"participant"})
    label = _("When my baseline mapping or personality profile is not done")
    template = "reminder_baseline_profile"

    def _missing(self):
        from participants.models import Baseline, PersonalityProfile

        return {
            "baseline": (
                Baseline.objects.filter(participant=OuterRef("pk"), phase=Baseline.Phase.BASELINE),
                _("The baseline mapping"),
                "baseline",
            ),
            "profile": (
                PersonalityProfile.objects.filter(participant=OuterRef("pk")),
                _("The personality profile"),
                "profile",
            ),
        }

    def due(self, now):
        from participants.models import Participant

        joined_before = now - datetime.timedelta(days=settings.REMINDER_BASELINE_AFTER_DAYS)
        for slot, (done, _label, _url) in self._missing().items():
            yield Due(
                Participant.objects.filter(
                    active_programme("programme__"), ~Exists(done), created_at__lte=joined_before, user__is_active=True
                ),
                recipient="user_id",
                target="pk",
                slot=Value(slot, output_field=CharField()),
                municipality="programme__municipality_id",
            )

    def message(self, reminder):
        from participants.models import Participant

        missing = self._missing().get(reminder.slot)
        if missing is None:
            return None
        done, label, url_name = missing
        participant = (
            Participant.objects.select_related("programme")
            .filter(active_programme("programme__"), pk=reminder.target_id, user_id=reminder.recipient_id)
            .annotate(done=Exists(done))
            .first()
        )
        if participant is None or participant.done:
            return None
        return Message(
            {
                "programme": participant.programme,
                "missing": [label],
                "url": absolute(reverse(url_name, args=[participant.pk])),
            }
        )


@register
class EvaluationKind(Kind):
    """An open evaluation survey, only to those asked who have not answered: when it opens (slot
    "open") and from MORNING REMINDER_EVALUATION_CLOSING_DAYS_BEFORE (2) days before the day it
    closes (slot "closing"). A survey opened inside the closing window gets only "closing".

    Asked: for a gathering's feedback, the participants of its run; for the programme evaluation,
    all the programme's participants (as evaluation.selectors.non_respondents). "Answered" is a
    Respondent row, which is never linked to the answers. One query per survey kind and slot,
    across every open survey."""

    key = "evaluation"
    audience = frozenset({"participant"})
    label = _("When an evaluation opens and before it closes, if I have not answered")
    template = "reminder_evaluation"

    @staticmethod
    def closing_boundary(now):
        """Surveys closing before this instant are in their closing window now."""
        today, time_now = oslo(now)
        last_day = morning_reached(settings.REMINDER_EVALUATION_CLOSING_DAYS_BEFORE, today=today, time_now=time_now)
        return datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(), tzinfo=OSLO)

    def due(self, now):
        from evaluation.models import Respondent, Survey
        from participants.models import Participant
        from sessions.models import RunAssignment

        boundary = self.closing_boundary(now)
        for slot, in_window in (("open", "gte"), ("closing", "lt")):
            yield Due(
                RunAssignment.objects.filter(
                    active_programme("gathering__programme__"),
                    ~Exists(
                        Respondent.objects.filter(
                            survey=OuterRef("run__feedback_survey"), user=OuterRef("participant__user_id")
                        )
                    ),
                    participant__user__is_active=True,
                    run__feedback_survey__opens_at__lte=now,
                    run__feedback_survey__closes_at__gt=now,
                    **{f"run__feedback_survey__closes_at__{in_window}": boundary},
                ),
                recipient="participant__user_id",
                target="run__feedback_survey__id",
                slot=Value(slot, output_field=CharField()),
                municipality="gathering__programme__municipality_id",
            )
            # At most one programme evaluation per programme. The conditions on the survey come
            # first in the one filter() call, so the not-answered subquery uses the same survey row.
            yield Due(
                Participant.objects.filter(
                    Q(
                        programme__surveys__kind=Survey.Kind.PROGRAMME,
                        programme__surveys__opens_at__lte=now,
                        programme__surveys__closes_at__gt=now,
                        **{f"programme__surveys__closes_at__{in_window}": boundary},
                    ),
                    ~Exists(
                        Respondent.objects.filter(survey=OuterRef("programme__surveys__id"), user=OuterRef("user_id"))
                    ),
                    active_programme("programme__"),
                    user__is_active=True,
                ),
                recipient="user_id",
                target="programme__surveys__id",
                slot=Value(slot, output_field=CharField()),
                municipality="programme__municipality_id",
            )

    def message(self, reminder):
        from evaluation.models import Respondent, Survey
        from programmes.models import Programme

        survey = Survey.objects.select_related("programme", "run").filter(pk=reminder.target_id).first()
        now = timezone.now()
        if survey is None or not survey.is_open(now) or survey.programme.status != Programme.Status.ACTIVE:
            return None
        if Respondent.objects.filter(survey=survey, user_id=reminder.recipient_id).exists():
            return None
        if survey.kind == Survey.Kind.FEEDBACK:
            asked = survey.run.assignments.filter(participant__user_id=reminder.recipient_id).exists()
            url = reverse("feedback_answer", kwargs={"pk": survey.run_id})
        else:
            asked = survey.programme.participants.filter(user_id=reminder.recipient_id).exists()
            url = reverse("survey_answer", kwargs={"pk": survey.pk})
        if not asked:
            return None
        return Message(
            {
                "survey": survey,
                "programme": survey.programme,
                "closing": reminder.slot == "closing",
                "closes_at": survey.closes_at,
                "url": absolute(url),
            }
        )


@register
class CaseFollowupKind(Kind):
    """To a facilitator, from MORNING REMINDER_CASE_FOLLOWUP_DAYS_BEFORE (3) days before a gathering
    starts: that cases of the peer groups they facilitate in its programme, discussed before the
    gathering, still have no follow-up written. The mail gives the count only, never a case."""

    key = "case_followup"
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
