"""Answering a survey, screening free text and the 10-faktor scores.

Answering is the one write that is deliberately NOT audited: an audit row names its actor and
carries a time, which would tie a person to the moment their anonymous answer arrived.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.frameworks import TenFactor
from core.services import audit_log
from evaluation.anonymity import threshold
from evaluation.models import Answer, Question, Respondent, Response, Survey, TenFactorScore


def _coarse_groups(programme, participant):
    """The respondent's sector, leader level and (in a network programme) home municipality, each
    kept only if at least the threshold of the programme's participants share it: a rare group in
    the table would point at a person."""
    from participants.models import Participant

    k = threshold()
    rows = Participant.objects.filter(programme=programme)
    sector_n = rows.filter(sector=participant.sector).count() if participant.sector else 0
    level_n = rows.filter(leader_level=participant.leader_level).count() if participant.leader_level else 0
    home = participant.home_municipality_id if programme.network_id else None
    home_n = rows.filter(home_municipality_id=home).count() if home else 0
    return (
        participant.sector if sector_n >= k else "",
        participant.leader_level if level_n >= k else "",
        home if home_n >= k else None,
    )


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
    sector, level, municipality_id = _coarse_groups(survey.programme, participant)
    response = Response.objects.create(
        survey=survey, sector=sector, leader_level=level, municipality_id=municipality_id
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=question, value=value, text=text, ranking=ranking)
        for question, value, text, ranking in cleaned
        if value is not None or text or ranking
    )
    return response


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
