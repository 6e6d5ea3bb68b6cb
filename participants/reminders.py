"""The leader's own reminders: plan check-ins, and baseline and profile not done (registered with
core/reminders/base.py; see core/registry.py)."""

import datetime

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.reminders.base import (
    OSLO,
    Due,
    Kind,
    Message,
    register,
)
from core.reminders.kinds import absolute
from programmes.reminders import active_programme


def _quiet_since_date(updated_at):
    return updated_at.astimezone(OSLO).date().isoformat()


@register
class PlanCheckinKind(Kind):
    """A leader whose development plan has not been saved or checked in for REMINDER_PLAN_CHECKIN_WEEKS
    weeks (every save and check-in stamps the plan's updated_at). One reminder per quiet spell: the
    slot is the Oslo date of the last update, so an update starts a new spell."""

    key = "plan_checkin"
    order = 40
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
    order = 50
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
