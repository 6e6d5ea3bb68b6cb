"""Evaluation objects for the `world` fixture: a run that ended yesterday (feedback open), an open
programme evaluation, and a finished report.

The run belongs to the last extension gathering (6), which no other capability's tests touch, and
nobody is assigned to it here: an assignment would change other tests' rosters and counts. Tests
that need the participant in the run call `assign_participant(world)`."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from evaluation import services
from evaluation.models import Report
from participants.models import Participant
from sessions.models import Run, RunAssignment


def extend(world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    gathering = world.programme.gatherings.get(number=6)
    run = Run.objects.create(
        gathering=gathering,
        number=1,
        date=yesterday,
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Vefsn rådhus",
        capacity=40,
    )
    world.feedback_run = run
    world.feedback_survey = services.feedback_survey_ensure(run=run)
    world.programme_survey = services.programme_evaluation_create(
        programme=world.programme,
        created_by=world.hr,
        needs=["Digital omstilling", "Økonomistyring", "Vanskelige samtaler"],
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    report = Report(
        programme=world.programme,
        recommendation="Vi anbefaler opsjonen.",
        state=Report.State.READY,
        requested_by=world.hr,
        finished_at=timezone.now(),
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    world.report = report


def assign_participant(world):
    """Put the world's participant (Ingrid) in the feedback run, so she is asked to answer it."""
    participant = Participant.objects.get(user=world.participant, programme=world.programme)
    return RunAssignment.objects.create(
        run=world.feedback_run, gathering=world.feedback_run.gathering, participant=participant
    )


def close_surveys(programme):
    """Close every survey of the programme a moment ago: results are released only once closed."""
    from django.db.models.functions import Least

    from evaluation.models import Survey

    services.feedback_surveys_ensure(programme=programme)
    now = timezone.now()
    surveys = Survey.objects.filter(programme=programme)
    surveys.update(opens_at=Least("opens_at", now - datetime.timedelta(days=2)))
    surveys.update(closes_at=now - datetime.timedelta(seconds=1))
