"""The evaluation reminder: when a survey opens and before it closes (registered with
core/reminders/base.py; see core/registry.py)."""

import datetime

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q, Value
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
)
from core.reminders.kinds import absolute, morning_reached
from programmes.reminders import active_programme


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
    order = 60
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
