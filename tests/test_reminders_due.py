"""What is due when: gathering runs 7 days and 1 day before, in Oslo wall-clock time, across the
switches to and from summer time, to whom, and who is left out."""

import datetime

import pytest

from core.models import Reminder, ReminderOptOut
from core.reminders.services import reminders_scan
from participants.models import Facilitator, Participant
from programmes.models import ExtensionDecision, Programme
from sessions.models import Run, RunAssignment
from tests.factories import FacilitatorFactory, ParticipantFactory, set_aside_other_facilitators

UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def queued(settings):
    """Tasks go to the in-memory broker instead of running: these tests look at what the scan decides."""
    from lederprogram.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False


def assign(run, user):
    participant = Participant.objects.get(user=user, programme=run.gathering.programme)
    return RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)


def set_run(run, date, hour=9, minute=0):
    run.date = date
    run.start_time = datetime.time(hour, minute)
    run.end_time = datetime.time(15)
    run.save()
    return run


def one_day_rows():
    return [row for row in due_rows() if row[3].startswith("1d:")]


def due_rows():
    return sorted(
        (r.kind, r.recipient.email, r.target_id, r.slot) for r in Reminder.objects.select_related("recipient")
    )


@pytest.fixture
def run(world, queued):
    set_aside_other_facilitators(world)
    assign(world.run, world.participant)
    assign(world.run, world.peer)
    return world.run


# Sunday 29 March 2026 02:00 CET → 03:00 CEST. A run on Monday 30 March 09:00 CEST (07:00 UTC):
# "1 day before" is Sunday 09:00 CEST = 07:00 UTC, 23 hours before, not 24 (08:00 UTC).
@pytest.mark.django_db
def test_one_day_before_across_spring_switch_is_wall_clock(world, run):
    set_run(run, datetime.date(2026, 3, 30))

    reminders_scan(now=at(2026, 3, 29, 6, 59))
    assert one_day_rows() == []

    reminders_scan(now=at(2026, 3, 29, 7, 0))
    run_id = run.pk
    assert one_day_rows() == [
        ("gathering_run", "deltaker@vefsn.no", run_id, "1d:2026-03-30"),
        ("gathering_run", "kollega@vefsn.no", run_id, "1d:2026-03-30"),
        ("gathering_run", "veileder@example.no", run_id, "1d:2026-03-30"),
    ]


# A run on Wednesday 1 April 09:00 CEST: "7 days before" is Wednesday 25 March 09:00 CET = 08:00 UTC.
@pytest.mark.django_db
def test_seven_days_before_across_spring_switch_is_wall_clock(world, run):
    set_run(run, datetime.date(2026, 4, 1))

    reminders_scan(now=at(2026, 3, 25, 7, 59))
    assert due_rows() == []
    reminders_scan(now=at(2026, 3, 25, 8, 0))
    assert {slot for *_rest, slot in due_rows()} == {"7d:2026-04-01"}
    assert len(due_rows()) == 3


# Sunday 25 October 2026 03:00 CEST → 02:00 CET. A run on Sunday 25 October 09:00 CET (08:00 UTC):
# "1 day before" is Saturday 24 October 09:00 CEST = 07:00 UTC, 25 hours before.
@pytest.mark.django_db
def test_one_day_before_across_autumn_switch_is_wall_clock(world, run):
    set_run(run, datetime.date(2026, 10, 25))

    reminders_scan(now=at(2026, 10, 24, 6, 59))
    assert one_day_rows() == []
    reminders_scan(now=at(2026, 10, 24, 7, 0))
    assert len(one_day_rows()) == 3


# A run on Saturday 31 October 09:00 CET (08:00 UTC): "7 days before" is Saturday 24 October
# 09:00 CEST = 07:00 UTC.
@pytest.mark.django_db
def test_seven_days_before_across_autumn_switch_is_wall_clock(world, run):
    set_run(run, datetime.date(2026, 10, 31))

    reminders_scan(now=at(2026, 10, 24, 6, 59))
    assert due_rows() == []
    reminders_scan(now=at(2026, 10, 24, 7, 0))
    assert {slot for *_rest, slot in due_rows()} == {"7d:2026-10-31"}


@pytest.mark.django_db
def test_each_reminder_is_due_until_the_next_one_and_created_once(world, run):
    set_run(run, datetime.date(2026, 10, 20), hour=10)  # 10:00 CEST = 08:00 UTC

    # Six days before, the 7-day reminder is still due (a scan that was down catches up) ...
    reminders_scan(now=at(2026, 10, 14, 12, 0))
    assert {slot for *_rest, slot in due_rows()} == {"7d:2026-10-20"}
    # ... and scanning again creates nothing new.
    assert reminders_scan(now=at(2026, 10, 14, 12, 10)).created == 0
    assert Reminder.objects.count() == 3

    # One day before, the 1-day reminder; after the start, nothing more.
    reminders_scan(now=at(2026, 10, 19, 8, 0))
    assert Reminder.objects.filter(slot="1d:2026-10-20").count() == 3
    assert reminders_scan(now=at(2026, 10, 20, 8, 0)).created == 0
    assert Reminder.objects.count() == 6


@pytest.mark.django_db
def test_a_run_set_up_late_gets_only_the_last_reminder(world, run):
    set_run(run, datetime.date(2026, 10, 20))
    reminders_scan(now=at(2026, 10, 19, 12, 0))
    assert {slot for *_rest, slot in due_rows()} == {"1d:2026-10-20"}


@pytest.mark.django_db
def test_a_moved_run_is_reminded_for_its_new_date(world, run):
    set_run(run, datetime.date(2026, 10, 20))
    reminders_scan(now=at(2026, 10, 13, 12, 0))
    set_run(run, datetime.date(2026, 10, 21))
    reminders_scan(now=at(2026, 10, 14, 12, 0))
    assert {slot for *_rest, slot in due_rows()} == {"7d:2026-10-20", "7d:2026-10-21"}


@pytest.mark.django_db
def test_only_the_runs_people_and_the_programmes_facilitators(world, run):
    set_run(run, datetime.date(2026, 10, 20))
    other_run = Run.objects.create(
        gathering=world.gathering,
        number=2,
        date=datetime.date(2026, 10, 20),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Rådhuset",
        capacity=40,
    )
    someone_else = ParticipantFactory(programme=world.programme, user__email="annen@vefsn.no")
    RunAssignment.objects.create(run=other_run, gathering=world.gathering, participant=someone_else)
    # A participant of the programme with no run, and Bindal's people, get nothing.
    ParticipantFactory(programme=world.programme, user__email="uten.samling@vefsn.no")
    FacilitatorFactory(programme=world.other_programme, user__email="bindal.veileder@example.no")

    reminders_scan(now=at(2026, 10, 13, 12, 0))

    assert due_rows() == sorted(
        [
            ("gathering_run", "deltaker@vefsn.no", run.pk, "7d:2026-10-20"),
            ("gathering_run", "kollega@vefsn.no", run.pk, "7d:2026-10-20"),
            ("gathering_run", "veileder@example.no", run.pk, "7d:2026-10-20"),
            ("gathering_run", "annen@vefsn.no", other_run.pk, "7d:2026-10-20"),
            ("gathering_run", "veileder@example.no", other_run.pk, "7d:2026-10-20"),
        ]
    )
    assert set(Reminder.objects.values_list("municipality", flat=True)) == {world.vefsn.pk}


@pytest.mark.django_db
def test_opted_out_inactive_and_inactive_programmes_are_left_out(world, run):
    set_run(run, datetime.date(2026, 10, 20))
    ReminderOptOut.objects.create(user=world.peer, kind="gathering_run")
    world.facilitator.is_active = False
    world.facilitator.save()

    reminders_scan(now=at(2026, 10, 13, 12, 0))
    assert [email for _k, email, *_rest in due_rows()] == ["deltaker@vefsn.no"]

    Reminder.objects.all().delete()
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.DRAFT)
    reminders_scan(now=at(2026, 10, 13, 12, 0))
    assert due_rows() == []


@pytest.mark.django_db
def test_extension_runs_only_once_the_extension_is_decided(world, queued):
    set_aside_other_facilitators(world)
    extension = world.extension_gathering
    run = Run.objects.create(
        gathering=extension,
        number=1,
        date=datetime.date(2026, 10, 20),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Kulturverkstedet",
        capacity=40,
    )
    assign(run, world.participant)
    reminders_scan(now=at(2026, 10, 13, 12, 0))
    assert due_rows() == []

    ExtensionDecision.objects.create(
        programme=world.programme,
        run_extension=True,
        gathering_count=2,
        decided_on=datetime.date(2026, 6, 1),
        decision_body="Kommunestyret",
        rationale="God evaluering",
    )
    reminders_scan(now=at(2026, 10, 13, 12, 0))
    assert [email for _k, email, *_rest in due_rows()] == ["deltaker@vefsn.no", "veileder@example.no"]


@pytest.mark.django_db
def test_a_facilitator_of_two_programmes_gets_each_run_once(world, run):
    set_run(run, datetime.date(2026, 10, 20))
    Facilitator.objects.create(programme=world.other_programme, user=world.facilitator)
    reminders_scan(now=at(2026, 10, 13, 12, 0))
    assert Reminder.objects.filter(recipient=world.facilitator).count() == 1
