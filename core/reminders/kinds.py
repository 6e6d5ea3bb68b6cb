"""Every kind of reminder, in one place (the interface is in core/reminders/__init__.py).

Ready now: invitations (not optional) and gathering runs. The others are defined with their
settings and templates but wait for the data of other capabilities: each says, at its TODO, which
model and selector its `due()` needs. Set `ready = True` once it is wired.
"""

import datetime

from django.conf import settings
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
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


def absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def days_slot(days, date_path):
    """ "7d:2026-10-05": the offset and the date it counts from, so a moved date is reminded again."""
    return Concat(Value(f"{days}d:"), Cast(date_path, output_field=CharField()), output_field=CharField())


def offsets(setting):
    """Distinct positive day offsets, the earliest reminder first."""
    return sorted({int(days) for days in setting if int(days) > 0}, reverse=True)


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
        _days, _sep, date = reminder.slot.partition("d:")
        if run is None or date != run.date.isoformat():
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


# --- Kinds waiting for other capabilities ------------------------------------------------------
# Each is complete apart from due() and message(): key, label, whether optional, its setting and
# its templates (templates/emails/<template>/, with the context they expect named at the top).


@register
class PeerMeetingKind(Kind):
    """A peer-group meeting, REMINDER_PEER_MEETING_DAYS_BEFORE (2) days before, to the group's members.

    TODO(peergroups): needs a meeting model with a date and start time (e.g. peergroups.Meeting:
    group FK, date, start_time, place) and the members (e.g. peergroups.Membership: group FK,
    participant FK). due(): for each (days, later) in windows(offsets(setting)), one Due over
    Membership filtered by wall_clock_reached/not_reached on "group__meetings__" (one filter() call),
    recipient="participant__user_id", target="group__meetings__id",
    slot=days_slot(days, "group__meetings__date"), municipality="group__programme__municipality_id".
    message(): context {recipient, meeting, group, programme, url}; None if the meeting moved
    (slot date ≠ meeting date), was cancelled, or the person left the group.
    """

    key = "peer_meeting"
    label = _("Before a peer-group meeting")
    template = "reminder_peer_meeting"
    ready = False


@register
class PlanCheckinKind(Kind):
    """A leader whose development plan has not been updated for REMINDER_PLAN_CHECKIN_WEEKS weeks.

    TODO(participants): needs the plan's last update (e.g. participants.DevelopmentPlan:
    participant O2O, updated_at; or the newest check-in row). due(): one Due over plans with
    updated_at <= now − weeks (participant.user active, programme active), recipient=
    "participant__user_id", target="pk", slot=Concat("w", Cast(TruncDate("updated_at"))) so that
    each quiet spell is reminded once and an update starts a new one,
    municipality="participant__programme__municipality_id".
    message(): context {recipient, plan, programme, weeks, url}; None if updated since.
    """

    key = "plan_checkin"
    label = _("When my development plan has not been updated for a while")
    template = "reminder_plan_checkin"
    ready = False


@register
class BaselineProfileKind(Kind):
    """A leader who has not done the baseline mapping or the personality profile
    REMINDER_BASELINE_AFTER_DAYS days after joining the programme.

    TODO(participants): needs "done" marks (e.g. participants.Baseline: participant, submitted_at;
    participants.Profile: participant, recorded_at). due(): two Dues over Participant
    (created_at <= now − days, user active, programme active, no submitted baseline / no profile:
    ~Exists(...) on the participant's own row, not across a multi-valued join), recipient=
    "user_id", target="pk", slot=Value("baseline") / Value("profile"),
    municipality="programme__municipality_id". message(): {recipient, programme, missing, url};
    None if done since.
    """

    key = "baseline_profile"
    label = _("When my baseline mapping or personality profile is not done")
    template = "reminder_baseline_profile"
    ready = False


@register
class EvaluationKind(Kind):
    """An evaluation survey: when it opens and REMINDER_EVALUATION_CLOSING_DAYS_BEFORE (2) days before
    it closes, only to those who have not answered.

    TODO(evaluation): needs the survey's opening and closing moments (e.g. evaluation.Survey:
    programme, opens_at, closes_at) and "who has answered" kept apart from the answers (e.g.
    evaluation.Submission: survey, user — never linked to an answer). `non_respondents(survey)`
    works per survey; the scan needs one queryset across all surveys, e.g. Participant.objects
    .filter(programme__surveys__opens_at__lte=now, programme__surveys__closes_at__gt=now)
    .exclude(Exists(Submission(survey=OuterRef("programme__surveys"), user=OuterRef("user")))).
    due(): two Dues (slot Value("open") while open; Value("closing") once closes_at − days has
    come), recipient="user_id", target="programme__surveys__id",
    municipality="programme__municipality_id". message(): {recipient, survey, programme,
    closes_at, url}; None if answered or closed since.
    """

    key = "evaluation"
    label = _("When an evaluation opens and before it closes, if I have not answered")
    template = "reminder_evaluation"
    ready = False


@register
class CaseFollowupKind(Kind):
    """To a facilitator, REMINDER_CASE_FOLLOWUP_DAYS_BEFORE (3) days before a gathering: cases of
    their peer groups with a follow-up due before it. The mail says how many, never what.

    TODO(peergroups): needs cases with a follow-up date and state (e.g. peergroups.Case: group,
    follow_up_due, follow_up_done_at) and the group's facilitator. due(): one Due over Gathering
    runs in the window (as GatheringRunKind, days=setting), joined to the programme's facilitators
    who have an open case with follow_up_due <= the gathering's date, .distinct();
    recipient=facilitator user id, target=gathering id, slot=days_slot(days, "start_date"),
    municipality=programme municipality. message(): {recipient, gathering, programme,
    case_count, url} with the count from a query limited to that facilitator's groups; None when
    no case is open any more.
    """

    key = "case_followup"
    label = _("Cases with follow-ups due before a gathering (facilitators)")
    template = "reminder_case_followup"
    ready = False
