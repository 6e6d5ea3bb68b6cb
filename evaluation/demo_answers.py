"""How the demo and the bench make evaluation answers: Norwegian free text, feedback on a held
run (answered through the services' own storing, so the anonymity engine releases the results as
in real use), screened texts, bulk answers at Bergen's scale, and closing every survey.

Every word here is data a Norwegian municipality's leaders would write, so it is in Norwegian.
"""

import datetime
import random

from django.utils import timezone

TAKEAWAYS = [
    "At vi er én ledergruppe, ikke tretti enheter hver for oss.",
    "Å stille flere spørsmål før jeg gir råd til mine ansatte.",
    "Kollegaveiledning: jeg er ikke alene om utfordringene.",
    "Personlighetsprofilen ga meg språk på hvorfor jeg reagerer som jeg gjør.",
    "Forskjellen på styring og ledelse, og at begge trengs.",
    "Å bruke verdiene våre aktivt i medarbeidersamtaler.",
    "Ro til å tenke langsiktig midt i driften.",
    "Hvordan jeg kan møte motstand mot endring med nysgjerrighet.",
    "Nettverket på tvers av sektorene.",
    "At tydelige forventninger gir trygghet i teamet.",
]
COMMENTS = [
    "Gjerne mer tid til gruppearbeid.",
    "Veldig god dag, godt opplegg.",
    "Lunsjen kunne vært lengre, gode samtaler der.",
]
FREE = [
    "Programmet har gitt oss et felles språk for ledelse.",
    "Vi bør fortsette med kollegagruppene også etter programmet.",
    "Mer om økonomistyring i neste runde.",
    "Samlingene har vært nyttige, men det er krevende å finne tid mellom dem.",
    "Endringsledelse har vært det mest nyttige temaet.",
    "Flott at strategisk ledelse deltok på lik linje med oss andre.",
    "Ønsker mer trening på vanskelige samtaler.",
    "Verdiene våre er blitt tydeligere for meg.",
    "Anbefaler opsjonen med to samlinger til.",
]
NEEDS = [
    "Ledelse av digital omstilling",
    "Økonomistyring for enhetsledere",
    "Vanskelige personalsamtaler",
    "Innovasjon og tjenesteutvikling",
    "Rekruttering og å beholde ansatte",
]


def _hr_of(programme):
    from core.models import MunicipalityRole

    role = MunicipalityRole.objects.filter(municipality=programme.municipality, role="hr").select_related("user")
    return role.first().user if role.exists() else None


def _ensure_run(gathering, hr):
    """The demo's past gatherings need a run with everyone in it, if the gatherings demo made none."""
    from sessions import services as gathering_services
    from sessions.models import Attendance

    run = gathering.runs.order_by("number").first()
    if run is None:
        run = gathering_services.run_create(
            gathering=gathering,
            created_by=hr,
            date=gathering.start_date,
            start_time=datetime.time(9),
            end_time=datetime.time(15, 30),
            venue=gathering.venue or "Kulturverkstedet, Mosjøen",
            capacity=max(40, gathering.programme.participants.count()),
        )
    if not run.assignments.exists():
        gathering_services.runs_assign_participants(gathering=gathering, assigned_by=hr)
    if not run.attendance.exists():
        # Seeded by what the run is, never its id (ids depend on what the database held before).
        rng = random.Random(f"{gathering.programme.name}:{gathering.number}:{run.number}")
        Attendance.objects.bulk_create(
            Attendance(
                run=run, participant=a.participant, status=rng.choice(["present"] * 9 + ["excused"]), marked_by=hr
            )
            for a in run.assignments.select_related("participant")
        )
    return run


def _gathering_feedback(run, rng, number):
    """Most of the run's leaders answer its feedback survey."""
    from evaluation import services
    from evaluation.models import Question
    from evaluation.services.answering import _store_answer

    survey = services.feedback_survey_ensure(run=run)
    questions = list(survey.questions.all())
    for index, assignment in enumerate(run.assignments.select_related("participant__user").order_by("participant_id")):
        if index % 6 == 5:  # a few have not answered
            continue
        answers = {}
        for question in questions:
            if question.kind == Question.Kind.DIE:
                answers[question.pk] = rng.choice([4, 5, 5, 5, 6, 6, 3])
            elif question.kind == Question.Kind.SCALE5:
                answers[question.pk] = rng.choice([3, 4, 4, 5, 5, 2])
            elif question.key == Question.Key.TAKEAWAY:
                answers[question.pk] = TAKEAWAYS[(index + number) % len(TAKEAWAYS)]
            elif question.key == Question.Key.COMMENT and index < len(COMMENTS):
                answers[question.pk] = COMMENTS[index]
        _store_answer(
            survey=survey, user=assignment.participant.user, participant=assignment.participant, answers=answers
        )


def _approve_texts(programme):
    """HR has screened the free text, except a couple of new ones."""
    from evaluation.models import Answer, Question

    texts = list(
        Answer.objects.filter(question__survey__programme=programme)
        .exclude(text="")
        .select_related("question")
        .order_by("id")
    )
    for position, answer in enumerate(texts):
        if answer.question.key == Question.Key.FREE or position % 9 != 8:
            answer.screening = Answer.Screening.APPROVED
    Answer.objects.bulk_update(texts, ["screening"])


def bulk_answers(programme, *, rng, share=1.0):
    """Everyone assigned to a run answers its feedback, and every participant the programme
    evaluation, in a handful of bulk inserts (for the bench at 336 and 5,000 participants)."""
    from collections import Counter

    from evaluation import services
    from evaluation.anonymity import threshold
    from evaluation.models import Answer, Question, Respondent, Response, Survey
    from participants.models import Participant
    from sessions.models import Run

    def fill(survey, people):
        questions = list(survey.questions.all())
        responses, respondents, answers = [], [], []
        for participant in people:
            if rng.random() > share:
                continue
            respondents.append(Respondent(survey=survey, user_id=participant.user_id))
            response = Response(
                survey=survey,
                sector=participant.sector,
                leader_level=participant.leader_level,
                municipality_id=home_kept.get(participant.home_municipality_id),
            )
            responses.append(response)
            for question in questions:
                if question.kind == Question.Kind.RANKING:
                    order = list(range(len(question.options)))
                    rng.shuffle(order)
                    answers.append(Answer(response=response, question=question, ranking=order))
                elif question.kind == Question.Kind.TEXT:
                    if rng.random() < 0.3:
                        answers.append(
                            Answer(
                                response=response, question=question, text=rng.choice(TAKEAWAYS), screening="approved"
                            )
                        )
                else:
                    answers.append(Answer(response=response, question=question, value=rng.choice(list(question.scale))))
        Respondent.objects.bulk_create(respondents, batch_size=1000)
        Response.objects.bulk_create(responses, batch_size=1000)
        Answer.objects.bulk_create(answers, batch_size=2000)

    participants = {p.pk: p for p in Participant.objects.filter(programme=programme)}
    # A network programme's home municipality, kept as answering does (at least the threshold's leaders).
    homes = Counter(p.home_municipality_id for p in participants.values() if p.home_municipality_id)
    home_kept = {pk: pk for pk, n in homes.items() if programme.network_id and n >= threshold()}
    for run in Run.objects.filter(gathering__programme=programme).select_related("gathering"):
        survey = services.feedback_survey_ensure(run=run)
        fill(survey, [participants[pk] for pk in run.assignments.values_list("participant_id", flat=True)])
    if not Survey.objects.filter(programme=programme, kind=Survey.Kind.PROGRAMME).exists():
        survey = services.programme_evaluation_create(
            programme=programme,
            created_by=None,
            needs=NEEDS,
            closes_on=timezone.localdate() + datetime.timedelta(days=7),
        )
        fill(survey, list(participants.values()))


def close_surveys(programme):
    """Close every survey of the programme a moment ago, so all its answers are released (the
    bench measures the results page and the report with everything in them: the engine's worst
    case). Results of an open survey are never shown (evaluation/anonymity.py)."""
    from django.db.models.functions import Least

    from evaluation import services
    from evaluation.models import Survey

    services.feedback_surveys_ensure(programme=programme)
    now = timezone.now()
    surveys = Survey.objects.filter(programme=programme)
    surveys.update(opens_at=Least("opens_at", now - datetime.timedelta(days=2)))
    surveys.update(closes_at=now - datetime.timedelta(seconds=1))
