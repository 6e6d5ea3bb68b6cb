"""Worlds for the disclosure auditor: a programme in Vefsn with runs of given sizes, leaders in
sectors and levels, and their surveys open (runs ended yesterday). Works on the code before
issue 14 as well, so the same scenarios can be run there."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from evaluation import services
from evaluation.models import Question
from participants.models import Facilitator
from sessions.models import Run, RunAssignment
from tests.factories import FacilitatorFactory, ParticipantFactory, programme_with_gatherings

LEVELS = ["strategic", "unit", "department"]


@dataclass
class AuditWorld:
    programme: object
    runs: dict = field(default_factory=dict)  # gathering number -> [run, ...]
    people: dict = field(default_factory=dict)  # run pk -> [participant, ...]
    surveys: dict = field(default_factory=dict)  # run pk -> survey
    evaluation: object = None


def build(world, run_people, *, gatherings=1, evaluation=True, name="Revidert program"):
    """`run_people` is, per run of gathering 1, a list of (sector, level) for its leaders; later
    gatherings split the same leaders over as many runs, round robin."""
    programme = programme_with_gatherings(world.vefsn, name=name)
    if not Facilitator.objects.filter(programme=programme, user=world.facilitator).exists():
        FacilitatorFactory(programme=programme, user=world.facilitator)
    everyone = []
    first = []
    for people in run_people:
        made = [ParticipantFactory(programme=programme, sector=sector, leader_level=level) for sector, level in people]
        first.append(made)
        everyone += made
    audit = AuditWorld(programme)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for number in range(1, gatherings + 1):
        gathering = programme.gatherings.get(number=number)
        groups = first if number == 1 else [everyone[i :: len(first)] for i in range(len(first))]
        for index, people in enumerate(groups):
            run = Run.objects.create(
                gathering=gathering,
                number=index + 1,
                date=yesterday - datetime.timedelta(days=gatherings - number),
                start_time=datetime.time(9),
                end_time=datetime.time(15),
                venue="Sal",
                capacity=200,
            )
            RunAssignment.objects.bulk_create(
                RunAssignment(run=run, gathering=gathering, participant=p) for p in people
            )
            audit.runs.setdefault(number, []).append(run)
            audit.people[run.pk] = people
            audit.surveys[run.pk] = services.feedback_survey_ensure(run=run)
    if evaluation:
        audit.evaluation = services.programme_evaluation_create(
            programme=programme,
            created_by=world.hr,
            needs=["Økonomi", "Samtaler", "Digitalisering"],
            closes_on=timezone.localdate() + datetime.timedelta(days=14),
        )
    audit.everyone = everyone
    return audit


def answers_for(survey, value=4):
    """A full set of answers (the values do not matter to the auditor: cells do)."""
    answers = {}
    for question in survey.questions.all():
        if question.kind == Question.Kind.DIE:
            answers[question.pk] = 1 + value % 6
        elif question.kind == Question.Kind.SCALE5:
            answers[question.pk] = 1 + value % 5
        elif question.kind == Question.Kind.YES_NO:
            answers[question.pk] = value % 2
        elif question.kind == Question.Kind.RANKING:
            answers[question.pk] = [0, 1, 2]
    return answers
