"""Writes on surveys, answers, screening, 10-faktor scores and the executive's report.

Answering is the one write that is deliberately NOT audited: an audit row names its actor and
carries a time, which would tie a person to the moment their anonymous answer arrived.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.frameworks import CompetenceDimension, TenFactor
from core.services import audit_log
from evaluation.anonymity import threshold
from evaluation.models import Answer, Kirkpatrick, Question, Report, Respondent, Response, Survey, TenFactorScore

# A date rule the selectors need too; services.feedback_window stays the name views use.
from evaluation.selectors import feedback_window

# --- Gathering feedback -----------------------------------------------------------------------------


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


# --- Programme evaluation ---------------------------------------------------------------------------


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


# --- Answering --------------------------------------------------------------------------------------


def _coarse_groups(programme, participant):
    """The respondent's sector and leader level, each kept only if at least the threshold of the
    programme's participants share it: a rare group in the table would point at a person."""
    from participants.models import Participant

    k = threshold()
    rows = Participant.objects.filter(programme=programme)
    sector_n = rows.filter(sector=participant.sector).count() if participant.sector else 0
    level_n = rows.filter(leader_level=participant.leader_level).count() if participant.leader_level else 0
    return (participant.sector if sector_n >= k else ""), (participant.leader_level if level_n >= k else "")


def respondent_participant(survey, user):
    """The user's participation that makes them a respondent of the survey, or None."""
    from participants.models import Participant

    rows = Participant.objects.filter(programme_id=survey.programme_id, user=user)
    if survey.kind == Survey.Kind.FEEDBACK:
        rows = rows.filter(runs__run_id=survey.run_id)
    return rows.first()


def _clean_answer(question, raw):
    """(value, text, ranking) for one question, or a ValidationError in plain Norwegian."""
    if question.kind == Question.Kind.TEXT:
        text = (raw or "").strip()
        if len(text) > 2000:
            raise ValidationError(_("An answer can be at most 2,000 characters."))
        return None, text, []
    if question.kind == Question.Kind.RANKING:
        order = list(raw or [])
        if sorted(order) != list(range(len(question.options))):
            raise ValidationError(_("Rank every item once."))
        return None, "", order
    if raw in (None, ""):
        if question.required:
            raise ValidationError(_("Answer every question."))
        return None, "", []
    value = int(raw)
    if value not in question.scale:
        raise ValidationError(_("An answer is outside the scale."))
    return value, "", []


@transaction.atomic
def survey_answer(*, survey, user, answers):
    """Store one person's answers anonymously and mark that they have answered.

    `answers` maps question id to a value (int), a text, or a ranking (list of option indexes).
    The 'has answered' row and the answer rows share nothing but the survey, use random keys and
    no time, and are written in one transaction so there is no gap to time either.
    """
    if not survey.is_open():
        raise ValidationError(_("This survey is not open."))
    participant = respondent_participant(survey, user)
    if participant is None:
        raise ValidationError(_("You are not asked to answer this survey."))
    return _store_answer(survey=survey, user=user, participant=participant, answers=answers)


def _store_answer(*, survey, user, participant, answers):
    """The write itself, also used by the demo loader for surveys whose window has passed."""
    questions = list(survey.questions.all())
    cleaned = [(question, *_clean_answer(question, answers.get(question.pk))) for question in questions]
    try:
        with transaction.atomic():
            Respondent.objects.create(survey=survey, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey. Thank you!")) from None
    sector, level = _coarse_groups(survey.programme, participant)
    response = Response.objects.create(survey=survey, sector=sector, leader_level=level)
    Answer.objects.bulk_create(
        Answer(response=response, question=question, value=value, text=text, ranking=ranking)
        for question, value, text, ranking in cleaned
        if value is not None or text or ranking
    )
    return response


# --- Screening and 10-faktor ------------------------------------------------------------------------


@transaction.atomic
def answer_screen(*, answer, screened_by, decision):
    if decision not in (Answer.Screening.APPROVED, Answer.Screening.HIDDEN):
        raise ValidationError(_("Choose approve or hide."))
    answer.screening = decision
    answer.save(update_fields=["screening"])
    programme = answer.question.survey.programme
    # The audit row names the question, never the text.
    audit_log(
        actor=screened_by,
        action=f"evaluation.text_{decision}",
        target=answer.question,
        municipality=programme.municipality,
    )
    return answer


@transaction.atomic
def ten_factor_save(*, programme, saved_by, scores):
    """`scores` maps a TenFactor code to (before, after); both empty removes the row."""
    for factor in TenFactor.values:
        before, after = scores.get(factor, (None, None))
        if before is None and after is None:
            TenFactorScore.objects.filter(programme=programme, factor=factor).delete()
            continue
        TenFactorScore.objects.update_or_create(
            programme=programme, factor=factor, defaults={"before": before, "after": after}
        )
    audit_log(
        actor=saved_by, action="evaluation.ten_factor_saved", target=programme, municipality=programme.municipality
    )


# --- The executive's report -------------------------------------------------------------------------


@transaction.atomic
def report_request(*, programme, requested_by, recommendation, trigger=Report.Trigger.REQUESTED, language=None):
    """Queue a build of the report; the PDF is made by a worker, never in the request."""
    recommendation = (recommendation or "").strip()
    if not recommendation:
        raise ValidationError({"recommendation": _("Write the recommendation on the extension first.")})
    busy = Report.objects.filter(programme=programme, state__in=[Report.State.QUEUED, Report.State.BUILDING])
    if busy.exists():
        raise ValidationError(_("A report is already being built. Wait until it is finished."))
    # The report is the municipality's document: in its målform unless HR chose another language.
    report = Report.objects.create(
        programme=programme,
        requested_by=requested_by,
        recommendation=recommendation,
        trigger=trigger,
        language=language or programme.municipality.language,
    )
    audit_log(
        actor=requested_by,
        action="report.requested",
        target=report,
        municipality=programme.municipality,
        trigger=trigger,
    )
    from evaluation.tasks import build_report

    transaction.on_commit(lambda: build_report.delay(report.pk))
    return report


def report_recommendation(programme):
    """The recommendation a build without HR's hand prints: HR's latest one, else what the
    participants answered on continuing (as the anonymity engine releases it) and that HR has
    not written one yet."""
    latest = (
        Report.objects.filter(programme=programme)
        .exclude(recommendation="")
        .order_by("-requested_at", "-id")
        .values_list("recommendation", flat=True)
        .first()
    )
    if latest:
        return latest
    from evaluation.decision import evidence

    share = evidence(programme).extension_yes_share
    text = _("HR has not written a recommendation on the extension yet.")
    if share is not None:
        text = " ".join(
            [_("%(share)s %% of the respondents want to continue with further gatherings.") % {"share": share}, text]
        )
    return text


def report_build_on_close(*, programme, now=None):
    """Queue the report of a programme whose evaluation has closed, once per closing: idempotent,
    whoever calls it first (the close button, the periodic task or the report page)."""
    now = now or timezone.now()
    with transaction.atomic():
        # One caller at a time per programme, so two at once cannot both queue a build.
        type(programme).objects.select_for_update().filter(pk=programme.pk).first()
        survey = Survey.objects.filter(programme=programme, kind=Survey.Kind.PROGRAMME, closes_at__lte=now).first()
        if survey is None or Report.objects.filter(programme=programme, requested_at__gte=survey.closes_at).exists():
            return None
        if Report.objects.filter(programme=programme, state__in=[Report.State.QUEUED, Report.State.BUILDING]).exists():
            return None
        return report_request(
            programme=programme,
            requested_by=None,
            recommendation=report_recommendation(programme),
            trigger=Report.Trigger.CLOSED,
        )


def reports_build_for_closed_evaluations(now=None):
    """The periodic sweep: every programme whose evaluation closed since its last report."""
    from django.db.models import Exists, OuterRef

    from programmes.models import Programme

    now = now or timezone.now()
    newer_report = Report.objects.filter(programme=OuterRef("programme"), requested_at__gte=OuterRef("closes_at"))
    programme_ids = (
        Survey.objects.filter(kind=Survey.Kind.PROGRAMME, closes_at__lte=now)
        .filter(~Exists(newer_report))
        .values_list("programme_id", flat=True)
    )
    queued = [report_build_on_close(programme=p, now=now) for p in Programme.objects.filter(pk__in=programme_ids)]
    return [r for r in queued if r is not None]


def report_rebuild(*, programme, requested_by):
    """The chief executive (or HR) builds the report again with the latest recommendation."""
    return report_request(
        programme=programme,
        requested_by=requested_by,
        recommendation=report_recommendation(programme),
        trigger=Report.Trigger.REBUILT,
    )


# Shown when a build fails for a reason that is not the data's: the details go to the log.
def _failure_text(error):
    from django.template import TemplateDoesNotExist, TemplateSyntaxError

    if isinstance(error, TemplateDoesNotExist | TemplateSyntaxError):
        return _("The report's template could not be read (%(name)s).") % {"name": type(error).__name__}
    return _("The report could not be made (%(name)s). Try again, or ask for help if it fails again.") % {
        "name": type(error).__name__
    }


def report_build(*, report_id, template_name=None):
    """Build one report: claim it, render the HTML, lay out the PDF, store it. Idempotent: a
    duplicate delivery finds the report no longer queued and does nothing."""
    import logging

    from django.core.files.base import ContentFile
    from django.utils import translation

    from core.pdf import html_to_pdf, render_pdf_html
    from evaluation.report import REPORT_TEMPLATE, SUMMARY_TEMPLATE, decision_asked, report_context

    claimed = Report.objects.filter(pk=report_id, state=Report.State.QUEUED).update(state=Report.State.BUILDING)
    if not claimed:
        return False
    report = Report.objects.select_related("programme__municipality").get(pk=report_id)
    try:
        # The findings and labels the context words in Python follow the report's language too.
        with translation.override(report.language):
            context = report_context(report.programme, recommendation=report.recommendation)
            html = render_pdf_html(template_name or REPORT_TEMPLATE, context, language=report.language)
            asked = decision_asked(report.programme)
            summary = render_pdf_html(SUMMARY_TEMPLATE, {**context, "decision_asked": asked}, language=report.language)
        report.file.save("report.pdf", ContentFile(html_to_pdf(html)), save=False)
        report.summary_file.save("summary.pdf", ContentFile(html_to_pdf(summary)), save=False)
    except Exception as error:
        logging.getLogger(__name__).exception("Report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(
            state=Report.State.FAILED, failure=_failure_text(error)[:500], finished_at=timezone.now()
        )
        return False
    report.state = Report.State.READY
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "summary_file", "state", "finished_at"])
    return True


def report_downloaded(*, report, user):
    audit_log(actor=user, action="report.downloaded", target=report, municipality=report.programme.municipality)
