"""Reads on surveys, respondents and reports, scoped to what the user may see.

Results (what was answered) are in evaluation/results.py and always pass the anonymity engine.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from core.roles import roles_of
from evaluation.models import Answer, Question, Report, Respondent, Survey
from programmes.selectors import in_scope


def feedback_window(run):
    """Feedback opens when the run ends and closes EVALUATION_FEEDBACK_OPEN_DAYS later."""
    ends = timezone.make_aware(datetime.datetime.combine(run.end_date, run.end_time))
    return ends, ends + datetime.timedelta(days=settings.EVALUATION_FEEDBACK_OPEN_DAYS)


def surveys_visible_to(user):
    if not roles_of(user).any:
        return Survey.objects.none()
    return Survey.objects.filter(in_scope(user, "programme")).select_related(
        "programme__municipality", "run__gathering"
    )


def reports_visible_to(user):
    if not roles_of(user).any:
        return Report.objects.none()
    return Report.objects.filter(in_scope(user, "programme")).select_related("programme__municipality")


def non_respondents(survey):
    """The users asked to answer `survey` who have not: for reminders (the reminders capability sends
    them). Says nothing of what anyone answered."""
    from core.models import User

    asked = Q(participations__programme_id=survey.programme_id)
    if survey.kind == Survey.Kind.FEEDBACK:
        asked &= Q(participations__runs__run_id=survey.run_id)
    answered = Respondent.objects.filter(survey=survey).values("user_id")
    return (
        User.objects.filter(asked, is_active=True)
        .exclude(pk__in=answered)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def programme_surveys(programme):
    """The programme's surveys with how many were asked and how many answered (for HR's overview;
    the counts are passed to the anonymity engine by the view)."""
    from participants.models import Participant
    from sessions.models import RunAssignment

    surveys = list(
        Survey.objects.filter(programme=programme)
        .select_related("run__gathering")
        .annotate(answered=Count("respondents"))
        .order_by("kind", "run__gathering__number", "run__number")
    )
    per_run = dict(
        RunAssignment.objects.filter(gathering__programme=programme)
        .values_list("run_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    participants = Participant.objects.filter(programme=programme).count()
    for survey in surveys:
        survey.asked = per_run.get(survey.run_id, 0) if survey.kind == Survey.Kind.FEEDBACK else participants
    return surveys


def runs_awaiting_feedback(programme):
    """Runs that have ended (so feedback can open) but have no survey yet, for HR to see coming."""
    from sessions.models import Run

    return Run.objects.filter(
        gathering__programme=programme, feedback_survey__isnull=True, date__lte=timezone.localdate()
    )


def open_surveys_for(user, programmes):
    """What the leader can answer now in each of `programmes`: {programme id: [(title, url)]}.

    Gathering feedback for their own runs that ended within the open window, and the programme
    evaluation while open; none they have answered. Three queries whatever the number of programmes.
    """
    from django.urls import reverse

    from sessions.models import RunAssignment

    ids = [p.pk for p in programmes]
    result = {pk: [] for pk in ids}
    if not ids:
        return result
    now = timezone.now()
    today = timezone.localdate(now)
    earliest = today - datetime.timedelta(days=settings.EVALUATION_FEEDBACK_OPEN_DAYS + 2)
    answered = set(
        Respondent.objects.filter(user=user, survey__programme_id__in=ids).values_list("survey_id", flat=True)
    )
    assignments = (
        RunAssignment.objects.filter(
            participant__user=user, gathering__programme_id__in=ids, run__date__gte=earliest, run__date__lte=today
        )
        .select_related("run__gathering", "run__feedback_survey")
        .order_by("run__date")
    )
    for assignment in assignments:
        run = assignment.run
        survey = getattr(run, "feedback_survey", None)
        opens, closes = (survey.opens_at, survey.closes_at) if survey else feedback_window(run)
        if opens <= now < closes and (survey is None or survey.pk not in answered):
            result[run.gathering.programme_id].append(
                (str(run.gathering), reverse("feedback_answer", kwargs={"pk": run.pk}), closes)
            )
    for survey in Survey.objects.filter(
        programme_id__in=ids, kind=Survey.Kind.PROGRAMME, opens_at__lte=now, closes_at__gt=now
    ).exclude(pk__in=answered):
        result[survey.programme_id].append(
            (survey.title, reverse("survey_answer", kwargs={"pk": survey.pk}), survey.closes_at)
        )
    return result


def texts_to_screen(programme):
    """Every free-text answer of the programme, in random-key order (never by time), for HR to screen.

    Screening needs the words, so HR reads them here, but never with a run, a group or a time:
    only which question they answer."""
    return (
        Answer.objects.filter(question__survey__programme=programme, question__kind=Question.Kind.TEXT)
        .exclude(text="")
        .select_related("question")
        .order_by("screening", "id")
    )


def latest_reports(programme_ids):
    """{programme id: its newest report} in one query."""
    latest = {}
    for report in Report.objects.filter(programme_id__in=programme_ids).order_by(
        "programme_id", "-requested_at", "-id"
    ):
        latest.setdefault(report.programme_id, report)
    return latest
