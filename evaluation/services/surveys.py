"""Surveys: each run's gathering feedback, the programme evaluation HR opens, and closing a survey."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.frameworks import CompetenceDimension
from core.services import audit_log
from evaluation.models import Kirkpatrick, Question, Survey
from evaluation.selectors import feedback_window
from evaluation.services.reports import report_build_on_close


def _feedback_questions(gathering):
    yield Question.Key.DIE, Question.Kind.DIE, _("How useful was the day? Give it a die roll from 1 to 6."), 1, ""
    for topic in gathering.topics:
        yield Question.Key.TOPIC, Question.Kind.SCALE5, topic, Kirkpatrick.REACTION, topic
    yield (
        Question.Key.TAKEAWAY,
        Question.Kind.TEXT,
        _("What is the most important thing you take with you?"),
        Kirkpatrick.LEARNING,
        "",
    )
    yield Question.Key.COMMENT, Question.Kind.TEXT, _("Anything else you want to say?"), Kirkpatrick.REACTION, ""


@transaction.atomic
def feedback_survey_ensure(*, run):
    """The run's feedback survey, made on first need with a question per central topic.

    Made lazily (the sessions app knows nothing of evaluation) and idempotently: the unique run
    makes a second caller find the first one's survey."""
    survey = Survey.objects.filter(run=run).first()
    if survey is not None:
        return survey
    gathering = run.gathering
    opens, closes = feedback_window(run)
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                programme=gathering.programme,
                kind=Survey.Kind.FEEDBACK,
                run=run,
                title=_("Feedback on %(gathering)s, run %(number)s") % {"gathering": gathering, "number": run.number},
                opens_at=opens,
                closes_at=closes,
            )
    except IntegrityError:
        return Survey.objects.get(run=run)
    Question.objects.bulk_create(
        Question(
            survey=survey,
            position=position,
            key=key,
            kind=kind,
            text=text,
            level=level,
            topic=topic,
            required=kind != Question.Kind.TEXT,
        )
        for position, (key, kind, text, level, topic) in enumerate(_feedback_questions(gathering))
    )
    return survey


def feedback_surveys_ensure(*, programme):
    """Make the feedback survey of every run that has ended, so HR's overview lists each one (and
    who has not answered) before any leader has opened it. Idempotent; one query when all exist."""
    from evaluation.selectors import runs_awaiting_feedback

    now = timezone.now()
    return [
        feedback_survey_ensure(run=run) for run in runs_awaiting_feedback(programme) if feedback_window(run)[0] <= now
    ]


@transaction.atomic
def programme_evaluation_create(*, programme, created_by, needs, closes_on, opens_on=None):
    """The evaluation after gathering 4: goals, self-assessment, needs to rank, extension, free text."""
    if Survey.objects.filter(programme=programme, kind=Survey.Kind.PROGRAMME).exists():
        raise ValidationError(_("This programme already has a programme evaluation."))
    if len(needs) < 2:
        raise ValidationError({"needs": _("List at least two development needs to rank.")})
    now = timezone.now()
    opens = now if opens_on is None else timezone.make_aware(datetime.datetime.combine(opens_on, datetime.time()))
    closes = timezone.make_aware(datetime.datetime.combine(closes_on, datetime.time(23, 59)))
    if closes <= max(opens, now):
        raise ValidationError({"closes_on": _("The closing date must be in the future.")})
    survey = Survey.objects.create(
        programme=programme,
        kind=Survey.Kind.PROGRAMME,
        title=_("Evaluation of %(programme)s") % {"programme": programme.name},
        opens_at=opens,
        closes_at=closes,
    )
    goals = list(programme.goals.all())
    rows = [
        Question(
            key=Question.Key.MAIN_GOAL,
            kind=Question.Kind.DIE,
            level=Kirkpatrick.RESULTS,
            text=_("To what degree has the programme reached its main goal? (1–6)"),
        )
    ]
    rows += [
        Question(key=Question.Key.GOAL, kind=Question.Kind.DIE, level=Kirkpatrick.BEHAVIOUR, text=goal.text, goal=goal)
        for goal in goals
    ]
    rows += [
        Question(
            key=Question.Key.SELF,
            kind=Question.Kind.SCALE5,
            level=Kirkpatrick.LEARNING,
            text=f"{goal.text}: {dimension.label}",
            goal=goal,
            dimension=dimension.value,
        )
        for goal in goals
        for dimension in CompetenceDimension
    ]
    rows += [
        Question(
            key=Question.Key.NEEDS,
            kind=Question.Kind.RANKING,
            level=Kirkpatrick.RESULTS,
            text=_("Which development needs should come next? Rank them, most important first."),
            options=list(needs),
        ),
        Question(
            key=Question.Key.EXTENSION,
            kind=Question.Kind.YES_NO,
            level=Kirkpatrick.REACTION,
            text=_("Should the municipality run the extension with further gatherings?"),
        ),
        Question(
            key=Question.Key.FREE,
            kind=Question.Kind.TEXT,
            level=Kirkpatrick.REACTION,
            text=_("Anything else about the programme?"),
            required=False,
        ),
    ]
    for position, question in enumerate(rows):
        question.survey = survey
        question.position = position
    Question.objects.bulk_create(rows)
    audit_log(actor=created_by, action="evaluation.created", target=survey, municipality=programme.municipality)
    return survey


@transaction.atomic
def survey_close(*, survey, closed_by):
    now = timezone.now()
    if survey.closes_at <= now:
        raise ValidationError(_("The survey is already closed."))
    survey.closes_at = now
    # A survey closed before it opened keeps a valid window (opens before it closes).
    survey.opens_at = min(survey.opens_at, now - datetime.timedelta(seconds=1))
    survey.save(update_fields=["opens_at", "closes_at"])
    audit_log(actor=closed_by, action="evaluation.closed", target=survey, municipality=survey.programme.municipality)
    if survey.kind == Survey.Kind.PROGRAMME:
        # The report is always there: closing the evaluation builds it.
        programme = survey.programme
        transaction.on_commit(lambda: report_build_on_close(programme=programme))
    return survey
