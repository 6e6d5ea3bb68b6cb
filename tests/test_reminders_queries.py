"""The scan asks the database the same number of times for 100 due reminders as for 10,000, with
many due of every kind at once."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from core.models import Reminder, User
from core.reminders.services import reminders_scan
from evaluation.models import Survey
from participants.models import DevelopmentPlan, Facilitator, Participant
from peergroups.models import Case, Meeting, PeerGroup, PeerGroupMember
from sessions.bench import build_reminder_world
from sessions.models import Gathering, Run, RunAssignment
from tests.test_reminders_world import set_aside_other_reminders

GROUP_SIZE = 10


@pytest.fixture
def queued(settings):
    from lederprogram.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False


def build_every_kind(size):
    """build_reminder_world's programme, `size` participants due a gathering reminder, made due for
    every other kind as well: joined a month ago with no baseline or profile, a plan untouched for
    ten weeks, in peer groups of GROUP_SIZE (each with its own facilitator and an open case) that
    meet tomorrow, a gathering in two days, a programme evaluation and a run's feedback open."""
    now = timezone.now()
    today = timezone.localdate(now)
    run = build_reminder_world(size)
    programme = run.gathering.programme
    participants = Participant.objects.filter(programme=programme)
    participants.update(created_at=now - datetime.timedelta(days=30))
    DevelopmentPlan.objects.bulk_create(
        DevelopmentPlan(participant=p, updated_at=now - datetime.timedelta(weeks=10)) for p in participants
    )
    groups = size // GROUP_SIZE
    User.objects.bulk_create(User(email=f"veileder{i:04d}@gruppe.example.no") for i in range(groups))
    facilitators = Facilitator.objects.bulk_create(
        Facilitator(programme=programme, user=user)
        for user in User.objects.filter(email__endswith="@gruppe.example.no").order_by("email")
    )
    PeerGroup.objects.bulk_create(
        PeerGroup(programme=programme, number=i + 1, name=f"Gruppe {i + 1}", facilitator=facilitator)
        for i, facilitator in enumerate(facilitators)
    )
    group_list = list(PeerGroup.objects.filter(programme=programme).order_by("number"))
    PeerGroupMember.objects.bulk_create(
        PeerGroupMember(group=group_list[i // GROUP_SIZE], participant=p)
        for i, p in enumerate(participants.order_by("pk"))
    )
    tomorrow = today + datetime.timedelta(days=1)
    Meeting.objects.bulk_create(
        Meeting(group=g, date=tomorrow, start_time=datetime.time(23, 58), end_time=datetime.time(23, 59), place="Rom")
        for g in group_list
    )
    Case.objects.bulk_create(
        Case(group=g, discussed_on=today, title="Sak", situation="Situasjon", challenge="Spørsmål") for g in group_list
    )
    Gathering.objects.create(
        programme=programme, number=2, title="Samling 2", start_date=today + datetime.timedelta(days=2)
    )
    Survey.objects.create(
        programme=programme,
        kind=Survey.Kind.PROGRAMME,
        title="Evaluering",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=10),
    )
    past = Gathering.objects.create(programme=programme, number=3, title="Samling 3")
    ended = Run.objects.create(
        gathering=past,
        number=1,
        date=today - datetime.timedelta(days=1),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Rådhuset",
        capacity=size,
    )
    RunAssignment.objects.bulk_create(RunAssignment(run=ended, gathering=past, participant=p) for p in participants)
    Survey.objects.create(
        programme=programme,
        kind=Survey.Kind.FEEDBACK,
        run=ended,
        title="Tilbakemelding",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=10),
    )
    return groups


@pytest.mark.django_db
@pytest.mark.parametrize("size", [100, 10_000])
def test_scan_query_count_is_the_same_for_100_and_10000(world, queued, django_assert_num_queries, size):
    set_aside_other_reminders(world)
    groups = build_every_kind(size)
    # 15 INSERT ... SELECT: invitations 1; gathering runs 4 (each offset, participants and
    # facilitators); peer meetings 2 (members, facilitators); plan check-ins 1; baseline and
    # profile 2; evaluations 4 (feedback and programme, open and closing); case follow-ups 1.
    # Then giving up on rows that keep dying, stamping the rows to queue, reading their ids.
    with django_assert_num_queries(18):
        result = reminders_scan()
    expected = {
        ("gathering_run", "7d"): size + groups,
        ("peer_meeting", "2d"): size + groups,
        ("plan_checkin", "w"): size,
        ("baseline_profile", "baseline"): size,
        ("baseline_profile", "profile"): size,
        ("evaluation", "open"): 2 * size,
        ("case_followup", "3d"): groups,
    }
    created = Counter((kind, slot.split(":")[0]) for kind, slot in Reminder.objects.values_list("kind", "slot"))
    assert dict(created) == expected
    total = sum(expected.values())
    assert (result.created, result.enqueued) == (total, total)
    assert Reminder.objects.filter(state="pending", enqueued_at__isnull=False).count() == total
    with django_assert_num_queries(18):
        assert reminders_scan().created == 0
