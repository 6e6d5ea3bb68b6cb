"""Answering surveys: the window, who may answer, one answer per person, and answers that cannot
be tied back to the person who gave them."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.models import Municipality
from evaluation import services
from evaluation.models import Answer, Question, Respondent, Response, Survey
from evaluation.selectors import non_respondents, open_surveys_for
from participants.models import Participant
from sessions.models import Run, RunAssignment
from tests.conftest import main_text
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _participant_in_the_feedback_run(world):
    from tests.worlds.evaluation import assign_participant

    assign_participant(world)


def feedback_answers(survey, die=5, takeaway="Å lytte mer"):
    answers = {}
    for question in survey.questions.all():
        if question.kind == Question.Kind.DIE:
            answers[question.pk] = die
        elif question.kind == Question.Kind.SCALE5:
            answers[question.pk] = 4
        elif question.key == Question.Key.TAKEAWAY:
            answers[question.pk] = takeaway
    return answers


def form_data(survey, die=5, takeaway="Å lytte mer"):
    return {f"q{pk}": value for pk, value in feedback_answers(survey, die, takeaway).items()}


def test_feedback_questions_follow_the_gatherings_topics(world):
    world.gathering.topics = ["Bli kjent", "Visjon, verdier og kultur"]
    world.gathering.save()
    run = Run.objects.create(
        gathering=world.gathering,
        number=3,
        date=datetime.date(2026, 11, 1),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Sal",
        capacity=10,
    )
    survey = services.feedback_survey_ensure(run=run)
    assert services.feedback_survey_ensure(run=run) == survey
    rows = list(survey.questions.values_list("key", "kind", "topic", "level"))
    assert rows == [
        ("die", "die", "", 1),
        ("topic", "scale5", "Bli kjent", 1),
        ("topic", "scale5", "Visjon, verdier og kultur", 1),
        ("takeaway", "text", "", 2),
        ("comment", "text", "", 1),
    ]
    ends = timezone.make_aware(datetime.datetime(2026, 11, 1, 15))
    assert (survey.opens_at, survey.closes_at) == (ends, ends + datetime.timedelta(days=14))


def test_programme_evaluation_asks_every_goal_and_dimension_with_kirkpatrick_levels(world):
    survey = world.programme_survey
    keys = list(survey.questions.values_list("key", "kind", "level"))
    goals = world.programme.goals.count()
    assert keys[0] == ("main_goal", "die", 4)
    assert keys.count(("goal", "die", 3)) == goals
    assert keys.count(("self", "scale5", 2)) == 4 * goals
    assert keys[-3:] == [("needs", "ranking", 4), ("extension", "yes_no", 1), ("free", "text", 1)]
    assert survey.questions.get(key="needs").options == ["Digital omstilling", "Økonomistyring", "Vanskelige samtaler"]
    assert all(level in (1, 2, 3, 4) for _k, _kind, level in keys)


def test_leader_answers_feedback_once_and_sees_thanks(login, world):
    client = login(world.participant)
    url = reverse("feedback_answer", kwargs={"pk": world.feedback_run.pk})
    page = client.get(url)
    assert "Hvor nyttig var dagen?" in main_text(page)
    response = client.post(url, form_data(world.feedback_survey))
    assert response["Location"] == reverse("home")
    assert Respondent.objects.filter(survey=world.feedback_survey, user=world.participant).count() == 1
    assert Response.objects.filter(survey=world.feedback_survey).count() == 1
    assert Answer.objects.filter(response__survey=world.feedback_survey, question__key="die").get().value == 5
    again = client.get(url)
    assert "Du har svart på denne undersøkelsen. Takk!" in main_text(again)
    client.post(url, form_data(world.feedback_survey, die=1))
    assert Response.objects.filter(survey=world.feedback_survey).count() == 1


def test_second_answer_is_refused_by_the_service_and_nothing_is_written(world):
    services.survey_answer(
        survey=world.feedback_survey, user=world.participant, answers=feedback_answers(world.feedback_survey)
    )
    before = (Response.objects.count(), Answer.objects.count())
    with pytest.raises(ValidationError, match="allerede svart"):
        services.survey_answer(
            survey=world.feedback_survey, user=world.participant, answers=feedback_answers(world.feedback_survey, 1)
        )
    assert (Response.objects.count(), Answer.objects.count()) == before


def test_bad_input_is_refused_in_norwegian_and_nothing_is_stored(login, world):
    client = login(world.participant)
    url = reverse("feedback_answer", kwargs={"pk": world.feedback_run.pk})
    data = form_data(world.feedback_survey)
    die = world.feedback_survey.questions.get(key="die")
    data[f"q{die.pk}"] = "9"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Velg et gyldig valg" in main_text(response)
    assert not Respondent.objects.exists() and not Response.objects.exists()


def test_ranking_must_give_each_need_its_own_place(login, world):
    client = login(world.participant)
    survey = world.programme_survey
    data = {}
    for question in survey.questions.all():
        if question.kind in (Question.Kind.DIE, Question.Kind.SCALE5):
            data[f"q{question.pk}"] = 4
        elif question.kind == Question.Kind.YES_NO:
            data[f"q{question.pk}"] = 1
        elif question.kind == Question.Kind.RANKING:
            data.update({f"q{question.pk}_0": 0, f"q{question.pk}_1": 0, f"q{question.pk}_2": 2})
    response = client.post(reverse("survey_answer", kwargs={"pk": survey.pk}), data)
    assert "Gi hvert utviklingsbehov sin egen plass i rangeringen." in main_text(response)
    assert not Response.objects.exists()
    needs = survey.questions.get(key="needs")
    data[f"q{needs.pk}_0"], data[f"q{needs.pk}_1"] = 1, 0
    response = client.post(reverse("survey_answer", kwargs={"pk": survey.pk}), data)
    assert response.status_code == 302
    assert Answer.objects.get(question=needs).ranking == [1, 0, 2]


def test_feedback_is_closed_before_the_run_ends_and_after_the_window(login, world):
    client = login(world.participant)
    participant = Participant.objects.get(user=world.participant, programme=world.programme)
    later = Run.objects.create(
        gathering=world.programme.gatherings.get(number=2),
        number=1,
        date=timezone.localdate() + datetime.timedelta(days=3),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Sal",
        capacity=10,
    )
    RunAssignment.objects.create(run=later, gathering=later.gathering, participant=participant)
    body = main_text(client.get(reverse("feedback_answer", kwargs={"pk": later.pk})))
    assert "Denne undersøkelsen åpner" in body
    assert not Survey.objects.filter(run=later).exists()  # nothing made before it opens

    peer = Participant.objects.get(user=world.peer, programme=world.programme)
    RunAssignment.objects.create(run=world.run, gathering=world.gathering, participant=peer)
    body = main_text(login(world.peer).get(reverse("feedback_answer", kwargs={"pk": world.run.pk})))
    assert "Denne undersøkelsen er stengt." in body  # ran 5 October; open for 14 days
    assert not Survey.objects.filter(run=world.run).exists()


def test_a_closed_survey_takes_no_answers(world):
    services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    with pytest.raises(ValidationError, match="ikke åpen"):
        services.survey_answer(survey=Survey.objects.get(pk=world.programme_survey.pk), user=world.peer, answers={})
    assert not Respondent.objects.exists()


def test_peer_not_in_the_run_cannot_answer_its_feedback(world):
    with pytest.raises(ValidationError, match="ikke bedt om"):
        services.survey_answer(survey=world.feedback_survey, user=world.peer, answers={})
    assert not Respondent.objects.exists()


def test_answers_have_no_link_to_the_person(world):
    """No column of an answer or response points at a user or participant or holds a time, and
    their keys are random: the 'has answered' rows cannot be joined to them."""
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            if field.is_relation and field.many_to_one:
                # A network programme's home municipality is a coarse group like the sector (kept only
                # for groups of at least the threshold, issue 19), never a person.
                assert field.related_model in (Survey, Response, Question, Municipality), field
            assert not isinstance(field, models.DateTimeField | models.DateField | models.TimeField), field
        assert isinstance(model._meta.pk, models.UUIDField)
    assert isinstance(Respondent._meta.pk, models.UUIDField)
    assert [f.name for f in Respondent._meta.concrete_fields] == ["id", "survey", "user"]


def test_the_order_of_answers_in_the_database_does_not_follow_who_answered(world):
    """Twenty leaders answer in a known order with a die roll that encodes their place. Neither the
    answers' nor the respondents' keys, nor the default ordering of either, give that order back."""
    survey = world.programme_survey
    people = [world.participant, world.peer] + [ParticipantFactory(programme=world.programme).user for _ in range(18)]
    main = survey.questions.get(key="main_goal")
    for place, user in enumerate(people):
        answers = {}
        for question in survey.questions.all():
            if question.kind in (Question.Kind.DIE, Question.Kind.SCALE5):
                answers[question.pk] = 1 + place % 5
            elif question.kind == Question.Kind.YES_NO:
                answers[question.pk] = 1
            elif question.kind == Question.Kind.RANKING:
                answers[question.pk] = [0, 1, 2]
        answers[main.pk] = 1 + place % 6
        services.survey_answer(survey=survey, user=user, answers=answers)
    order_answered = [1 + place % 6 for place in range(len(people))]
    by_response_key = list(Answer.objects.filter(question=main).order_by("response_id").values_list("value", flat=True))
    by_default = [a.value for a in Answer.objects.filter(question=main)]
    respondents = [r.user_id for r in Respondent.objects.filter(survey=survey)]
    assert sorted(by_response_key) == sorted(order_answered)
    assert by_response_key != order_answered and by_default != order_answered
    assert respondents != [u.pk for u in people]


def test_rare_groups_are_not_stored_with_the_answer(world, settings):
    settings.ANONYMITY_THRESHOLD = 3
    rare = ParticipantFactory(programme=world.programme, sector="Brann", leader_level="strategic")
    for _ in range(2):
        ParticipantFactory(programme=world.programme, sector="Oppvekst", leader_level="unit")
    survey = world.programme_survey
    answers = {}
    for question in survey.questions.all():
        if question.kind in (Question.Kind.DIE, Question.Kind.SCALE5):
            answers[question.pk] = 3
        elif question.kind == Question.Kind.YES_NO:
            answers[question.pk] = 0
        elif question.kind == Question.Kind.RANKING:
            answers[question.pk] = [2, 1, 0]
    services.survey_answer(survey=survey, user=rare.user, answers=answers)
    # world's two participants share "Helse og omsorg"/unit with the factory default: 5 unit leaders.
    assert list(Response.objects.values_list("sector", "leader_level")) == [("", "")]
    services.survey_answer(survey=survey, user=world.participant, answers=answers)
    assert sorted(Response.objects.values_list("leader_level", flat=True)) == ["", "unit"]


def test_non_respondents_lists_who_has_not_answered_and_nothing_they_answered(login, world):
    services.survey_answer(
        survey=world.programme_survey,
        user=world.participant,
        answers={
            q.pk: ([0, 1, 2] if q.kind == "ranking" else (1 if q.kind in ("die", "scale5", "yes_no") else "Hemmelig"))
            for q in world.programme_survey.questions.all()
        },
    )
    assert list(non_respondents(world.programme_survey)) == [world.peer]
    assert list(non_respondents(world.feedback_survey)) == [world.participant]
    body = main_text(login(world.hr).get(reverse("non_respondents", kwargs={"pk": world.programme_survey.pk})))
    assert "kollega@vefsn.no" in body
    assert "deltaker@vefsn.no" not in body
    assert "Hemmelig" not in body


def test_open_surveys_on_the_leaders_start_page(login, world):
    programme = world.programme
    found = open_surveys_for(world.participant, [programme])[programme.pk]
    assert [title for title, _url, _closes in found] == [
        str(world.feedback_run.gathering),
        "Evaluering av Lederprogram Vefsn",
    ]
    body = main_text(login(world.participant).get(reverse("home")))
    assert "Svar: 6. Opsjon 6" in body and "Svar: Evaluering av Lederprogram Vefsn" in body
    services.survey_answer(
        survey=world.feedback_survey, user=world.participant, answers=feedback_answers(world.feedback_survey)
    )
    found = open_surveys_for(world.participant, [programme])[programme.pk]
    assert [title for title, _url, _closes in found] == ["Evaluering av Lederprogram Vefsn"]
    assert [t for t, _u, _c in open_surveys_for(world.peer, [programme])[programme.pk]] == [
        "Evaluering av Lederprogram Vefsn"
    ]


def test_hr_opens_the_programme_evaluation_with_a_list_of_needs(login, world):
    world.programme_survey.delete()
    client = login(world.hr)
    url = reverse("programme_evaluation_create", kwargs={"pk": world.programme.pk})
    bad = client.post(url, {"needs": "Bare ett", "closes_on": "2027-01-10"})
    assert "Før opp minst to utviklingsbehov" in main_text(bad)
    past = client.post(url, {"needs": "A\nB", "closes_on": "2020-01-10"})
    assert "Sluttdatoen må være fram i tid." in main_text(past)
    assert not Survey.objects.filter(kind="programme").exists()
    response = client.post(url, {"needs": "Digital omstilling\nØkonomi\n", "closes_on": "2027-01-10"})
    assert response["Location"] == reverse("evaluation_overview", kwargs={"pk": world.programme.pk})
    survey = Survey.objects.get(kind="programme")
    assert survey.questions.get(key="needs").options == ["Digital omstilling", "Økonomi"]
    from core.models import AuditEvent

    assert AuditEvent.objects.filter(action="evaluation.created", target_id=str(survey.pk)).count() == 1


def test_hr_closes_the_programme_evaluation(login, world):
    response = login(world.hr).post(reverse("survey_close", kwargs={"pk": world.programme_survey.pk}))
    assert response.status_code == 302
    world.programme_survey.refresh_from_db()
    assert not world.programme_survey.is_open()
    page = login(world.peer).get(reverse("survey_answer", kwargs={"pk": world.programme_survey.pk}))
    assert "Denne undersøkelsen er stengt." in main_text(page)


def test_random_is_not_used_for_keys():
    # uuid4 draws from os.urandom, so seeding Python's random cannot reproduce the keys.
    random.seed(1)
    first = Response().pk
    random.seed(1)
    assert Response().pk != first
