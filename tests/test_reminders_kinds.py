"""What is due when for the kinds built on the other capabilities' data: peer-group meetings, plan
check-ins, baseline and profile, evaluations and case follow-ups. Exact recipients and slots, who
is left out, that a second scan creates nothing, and Oslo wall-clock time across the switches to
and from summer time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from core.models import Reminder, ReminderOptOut
from core.reminders.services import reminders_scan
from evaluation.models import Respondent, Survey
from participants.models import Baseline, DevelopmentPlan, Participant
from peergroups.models import Case, Meeting, PeerGroup, PeerGroupMember
from programmes.models import Programme
from sessions.models import RunAssignment
from tests.factories import ParticipantFactory
from tests.test_reminders_world import set_aside_other_reminders

UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def queued(settings, world):
    """Tasks go to the in-memory broker instead of running: these tests look at what the scan decides."""
    from lederprogram.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    set_aside_other_reminders(world)


def rows(kind):
    return sorted(
        (r.recipient.email, r.target_id, r.slot, r.municipality.slug)
        for r in Reminder.objects.filter(kind=kind).select_related("recipient", "municipality")
    )


def participant_of(world, user):
    return Participant.objects.get(user=user, programme=world.programme)


# --- Peer-group meetings -------------------------------------------------------------------------


def meet(group, date, hour=14):
    return Meeting.objects.create(
        group=group, date=date, start_time=datetime.time(hour), end_time=datetime.time(hour + 1), place="Biblioteket"
    )


@pytest.mark.django_db
def test_peer_meeting_two_days_before_to_the_members_and_the_facilitator(world, queued):
    north = meet(world.pg_north, datetime.date(2026, 10, 14))  # 14:00 CEST = 12:00 UTC
    south = meet(world.pg_south, datetime.date(2026, 10, 14))
    # Bindal's group meets the same day: its people are reminded of their own meeting only.
    bindal_group = PeerGroup.objects.create(programme=world.other_programme, number=1, name="Bindal-gruppa")
    bindal_member = ParticipantFactory(programme=world.other_programme, user__email="leder@bindal.no")
    PeerGroupMember.objects.create(group=bindal_group, participant=bindal_member)
    bindal = meet(bindal_group, datetime.date(2026, 10, 14))

    reminders_scan(now=at(2026, 10, 12, 11, 59))
    assert rows("peer_meeting") == []
    reminders_scan(now=at(2026, 10, 12, 12, 0))
    # Gruppe Sør's facilitator is set aside (inactive), so only its member is reminded.
    assert rows("peer_meeting") == [
        ("deltaker@vefsn.no", north.pk, "2d:2026-10-14", "vefsn"),
        ("kollega@vefsn.no", south.pk, "2d:2026-10-14", "vefsn"),
        ("leder@bindal.no", bindal.pk, "2d:2026-10-14", "bindal"),
        ("veileder@example.no", north.pk, "2d:2026-10-14", "vefsn"),
    ]
    assert reminders_scan(now=at(2026, 10, 13, 9, 0)).created == 0
    # After it has started, nothing more; a moved meeting is reminded for its new date.
    north.date = datetime.date(2026, 10, 21)
    north.save()
    reminders_scan(now=at(2026, 10, 19, 12, 0))
    assert [r for r in rows("peer_meeting") if r[2] == "2d:2026-10-21"] == [
        ("deltaker@vefsn.no", north.pk, "2d:2026-10-21", "vefsn"),
        ("veileder@example.no", north.pk, "2d:2026-10-21", "vefsn"),
    ]


# Sunday 29 March 2026 02:00 CET → 03:00 CEST. A meeting on Monday 30 March at 14:00 CEST: "2 days
# before" is Saturday 28 March 14:00 CET = 13:00 UTC, 47 hours before, not 48 (12:00 UTC).
@pytest.mark.django_db
def test_peer_meeting_across_the_spring_switch_is_wall_clock(world, queued):
    meeting = meet(world.pg_north, datetime.date(2026, 3, 30))
    reminders_scan(now=at(2026, 3, 28, 12, 59))
    assert rows("peer_meeting") == []
    reminders_scan(now=at(2026, 3, 28, 13, 0))
    assert [r[:3] for r in rows("peer_meeting")] == [
        ("deltaker@vefsn.no", meeting.pk, "2d:2026-03-30"),
        ("veileder@example.no", meeting.pk, "2d:2026-03-30"),
    ]


# Sunday 25 October 2026 03:00 CEST → 02:00 CET. A meeting on Monday 26 October at 14:00 CET: "2 days
# before" is Saturday 24 October 14:00 CEST = 12:00 UTC, 49 hours before, not 48 (13:00 UTC).
@pytest.mark.django_db
def test_peer_meeting_across_the_autumn_switch_is_wall_clock(world, queued):
    meet(world.pg_north, datetime.date(2026, 10, 26))
    reminders_scan(now=at(2026, 10, 24, 11, 59))
    assert rows("peer_meeting") == []
    reminders_scan(now=at(2026, 10, 24, 12, 0))
    assert len(rows("peer_meeting")) == 2


@pytest.mark.django_db
def test_peer_meeting_leaves_out_opted_out_inactive_and_inactive_programmes(world, queued):
    meet(world.pg_north, datetime.date(2026, 10, 14))
    ReminderOptOut.objects.create(user=world.participant, kind="peer_meeting")
    reminders_scan(now=at(2026, 10, 12, 12, 0))
    assert [r[0] for r in rows("peer_meeting")] == ["veileder@example.no"]

    Reminder.objects.all().delete()
    ReminderOptOut.objects.all().delete()
    world.facilitator.is_active = False
    world.facilitator.save()
    reminders_scan(now=at(2026, 10, 12, 12, 0))
    assert [r[0] for r in rows("peer_meeting")] == ["deltaker@vefsn.no"]

    Reminder.objects.all().delete()
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.COMPLETED)
    reminders_scan(now=at(2026, 10, 12, 12, 0))
    assert rows("peer_meeting") == []


# --- Plan check-ins ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_checkin_once_per_quiet_spell(world, queued, settings):
    settings.REMINDER_PLAN_CHECKIN_WEEKS = 6
    plan = DevelopmentPlan.objects.get(participant__user=world.participant)
    # 23:30 UTC is 01:30 the next day in Oslo: the spell is named by its Oslo date.
    last = at(2026, 9, 1, 23, 30)
    DevelopmentPlan.objects.filter(pk=plan.pk).update(updated_at=last)
    # The peer has no plan: there is nothing to look at yet, so no reminder.

    reminders_scan(now=last + datetime.timedelta(weeks=6, minutes=-1))
    assert rows("plan_checkin") == []
    reminders_scan(now=last + datetime.timedelta(weeks=6))
    assert rows("plan_checkin") == [("deltaker@vefsn.no", plan.pk, "w:2026-09-02", "vefsn")]
    assert reminders_scan(now=last + datetime.timedelta(weeks=9)).created == 0

    # A check-in starts a new spell, reminded once it too has lasted six weeks.
    checked_in = at(2026, 10, 20, 10, 0)
    DevelopmentPlan.objects.filter(pk=plan.pk).update(updated_at=checked_in)
    reminders_scan(now=checked_in + datetime.timedelta(weeks=5))
    assert len(rows("plan_checkin")) == 1
    reminders_scan(now=checked_in + datetime.timedelta(weeks=6))
    assert [r[2] for r in rows("plan_checkin")] == ["w:2026-09-02", "w:2026-10-20"]


@pytest.mark.django_db
def test_plan_checkin_leaves_out_opted_out_and_inactive_programmes(world, queued):
    old = at(2026, 1, 5, 9, 0)
    DevelopmentPlan.objects.filter(participant__user=world.participant).update(updated_at=old)
    peer_plan = DevelopmentPlan.objects.create(participant=participant_of(world, world.peer), updated_at=old)
    bindal_leader = ParticipantFactory(programme=world.other_programme, user__email="leder@bindal.no")
    bindal_plan = DevelopmentPlan.objects.create(participant=bindal_leader, updated_at=old)
    ReminderOptOut.objects.create(user=world.participant, kind="plan_checkin")

    reminders_scan(now=at(2026, 6, 1, 9, 0))
    assert rows("plan_checkin") == [
        ("kollega@vefsn.no", peer_plan.pk, "w:2026-01-05", "vefsn"),
        ("leder@bindal.no", bindal_plan.pk, "w:2026-01-05", "bindal"),
    ]
    Reminder.objects.all().delete()
    Programme.objects.update(status=Programme.Status.COMPLETED)
    reminders_scan(now=at(2026, 6, 1, 9, 0))
    assert rows("plan_checkin") == []


# --- Baseline and profile ------------------------------------------------------------------------


@pytest.mark.django_db
def test_baseline_and_profile_after_the_set_days_only_what_is_missing(world, queued, settings):
    settings.REMINDER_BASELINE_AFTER_DAYS = 7
    joined = at(2026, 9, 1, 10, 0)
    Participant.objects.update(created_at=joined)
    ingrid, peer = participant_of(world, world.participant), participant_of(world, world.peer)
    # Ingrid has both (tests/worlds/leader_space.py); the peer neither; a third only the baseline.
    third = ParticipantFactory(programme=world.programme, user__email="tredje@vefsn.no", created_at=joined)
    Baseline.objects.create(participant=third)
    # Only the end-of-programme self-assessment does not count as the baseline.
    Baseline.objects.create(participant=peer, phase=Baseline.Phase.END)
    # Someone who joined later is reminded later.
    late = ParticipantFactory(programme=world.programme, user__email="sen@vefsn.no", created_at=at(2026, 9, 5, 10))

    reminders_scan(now=at(2026, 9, 8, 9, 59))
    assert rows("baseline_profile") == []
    reminders_scan(now=at(2026, 9, 8, 10, 0))
    assert rows("baseline_profile") == [
        ("kollega@vefsn.no", peer.pk, "baseline", "vefsn"),
        ("kollega@vefsn.no", peer.pk, "profile", "vefsn"),
        ("tredje@vefsn.no", third.pk, "profile", "vefsn"),
    ]
    assert ingrid.pk not in {r[1] for r in rows("baseline_profile")}
    assert reminders_scan(now=at(2026, 9, 10, 10, 0)).created == 0
    reminders_scan(now=at(2026, 9, 12, 10, 0))
    assert [r[:3] for r in rows("baseline_profile") if r[0] == "sen@vefsn.no"] == [
        ("sen@vefsn.no", late.pk, "baseline"),
        ("sen@vefsn.no", late.pk, "profile"),
    ]


@pytest.mark.django_db
def test_baseline_and_profile_leave_out_opted_out_inactive_and_other_programmes(world, queued):
    Participant.objects.update(created_at=at(2026, 1, 1))
    bindal_leader = ParticipantFactory(
        programme=world.other_programme, user__email="leder@bindal.no", created_at=at(2026, 1, 1)
    )
    ReminderOptOut.objects.create(user=world.peer, kind="baseline_profile")
    reminders_scan(now=at(2026, 3, 1, 9, 0))
    assert rows("baseline_profile") == [
        ("leder@bindal.no", bindal_leader.pk, "baseline", "bindal"),
        ("leder@bindal.no", bindal_leader.pk, "profile", "bindal"),
    ]
    Reminder.objects.all().delete()
    bindal_leader.user.is_active = False
    bindal_leader.user.save()
    reminders_scan(now=at(2026, 3, 1, 9, 0))
    assert rows("baseline_profile") == []


# --- Evaluations ---------------------------------------------------------------------------------


def oslo_at(*args):
    return datetime.datetime(*args, tzinfo=ZoneInfo("Europe/Oslo"))


@pytest.fixture
def surveys(world):
    """A programme evaluation and the feedback on the world's run, open 2–20 March 2026 (23:59)."""
    run = world.run
    run.date = datetime.date(2026, 3, 2)
    run.save()
    RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant_of(world, world.participant))
    window = {"opens_at": oslo_at(2026, 3, 2, 15, 0), "closes_at": oslo_at(2026, 3, 20, 23, 59)}
    programme = Survey.objects.create(programme=world.programme, kind="programme", title="Evaluering", **window)
    feedback = Survey.objects.create(programme=world.programme, kind="feedback", run=run, title="Samling 1", **window)
    return programme, feedback


@pytest.mark.django_db
def test_evaluation_at_opening_only_to_those_asked_who_have_not_answered(world, queued, surveys):
    programme, feedback = surveys
    # Ingrid answered the programme evaluation; the peer is not on the run, so not asked for its feedback.
    Respondent.objects.create(survey=programme, user=world.participant)
    bindal_leader = ParticipantFactory(programme=world.other_programme, user__email="leder@bindal.no")
    bindal_survey = Survey.objects.create(
        programme=world.other_programme,
        kind="programme",
        title="Bindal",
        opens_at=oslo_at(2026, 3, 1),
        closes_at=oslo_at(2026, 3, 30),
    )

    reminders_scan(now=oslo_at(2026, 3, 2, 14, 59))
    assert [r for r in rows("evaluation") if r[3] == "vefsn"] == []
    reminders_scan(now=oslo_at(2026, 3, 2, 15, 0))
    assert rows("evaluation") == [
        ("deltaker@vefsn.no", feedback.pk, "open", "vefsn"),
        ("kollega@vefsn.no", programme.pk, "open", "vefsn"),
        ("leder@bindal.no", bindal_survey.pk, "open", "bindal"),
    ]
    assert bindal_leader.user.email == "leder@bindal.no"
    assert reminders_scan(now=oslo_at(2026, 3, 10, 12, 0)).created == 0


@pytest.mark.django_db
def test_evaluation_two_days_before_closing_from_the_morning(world, queued, surveys, settings):
    settings.REMINDER_EVALUATION_CLOSING_DAYS_BEFORE = 2
    programme, feedback = surveys
    reminders_scan(now=oslo_at(2026, 3, 5, 12, 0))
    # The peer answers the programme evaluation between the two reminders.
    Respondent.objects.create(survey=programme, user=world.peer)
    ReminderOptOut.objects.create(user=world.facilitator, kind="evaluation")  # not asked anyway

    reminders_scan(now=oslo_at(2026, 3, 18, 7, 59))
    assert [r for r in rows("evaluation") if r[2] == "closing"] == []
    reminders_scan(now=oslo_at(2026, 3, 18, 8, 0))
    assert [r for r in rows("evaluation") if r[2] == "closing"] == [
        ("deltaker@vefsn.no", programme.pk, "closing", "vefsn"),
        ("deltaker@vefsn.no", feedback.pk, "closing", "vefsn"),
    ]
    assert reminders_scan(now=oslo_at(2026, 3, 19, 8, 0)).created == 0
    # Once closed, nothing.
    Reminder.objects.all().delete()
    reminders_scan(now=oslo_at(2026, 3, 21, 8, 0))
    assert rows("evaluation") == []


@pytest.mark.django_db
def test_evaluation_opened_inside_the_closing_window_gets_only_the_closing_one(world, queued, surveys):
    programme, feedback = surveys
    Survey.objects.filter(pk__in=[programme.pk, feedback.pk]).update(opens_at=oslo_at(2026, 3, 19, 9, 0))
    ReminderOptOut.objects.create(user=world.peer, kind="evaluation")
    reminders_scan(now=oslo_at(2026, 3, 19, 9, 0))
    assert rows("evaluation") == [
        ("deltaker@vefsn.no", programme.pk, "closing", "vefsn"),
        ("deltaker@vefsn.no", feedback.pk, "closing", "vefsn"),
    ]


# --- Case follow-ups -----------------------------------------------------------------------------


@pytest.fixture
def next_gathering(world):
    """Gathering 2 on Friday 20 November 2026; the world's case (3 November, Gruppe Nord) has no follow-up."""
    gathering = world.programme.gatherings.get(number=2)
    gathering.start_date = datetime.date(2026, 11, 20)
    gathering.save()
    return gathering


@pytest.mark.django_db
def test_case_followup_three_days_before_to_the_facilitator_of_groups_with_open_cases(
    world, queued, next_gathering, settings
):
    settings.REMINDER_CASE_FOLLOWUP_DAYS_BEFORE = 3
    # Gruppe Sør's facilitator (active again) has a case that is followed up, and one discussed
    # after the gathering: neither is due before it.
    world.pg_facilitator2.is_active = True
    world.pg_facilitator2.save()
    for discussed_on, follow_up in ((datetime.date(2026, 11, 2), "Det gikk bra"), (datetime.date(2026, 11, 21), "")):
        Case.objects.create(
            group=world.pg_south,
            discussed_on=discussed_on,
            title="Sør",
            situation="s",
            challenge="c",
            follow_up=follow_up,
        )
    # An extension gathering not yet decided, in the same window, is not reminded.
    extension = world.programme.gatherings.get(number=5)
    extension.start_date = datetime.date(2026, 11, 20)
    extension.save()

    # From 08:00 Oslo (07:00 UTC) on Tuesday 17 November.
    reminders_scan(now=at(2026, 11, 17, 6, 59))
    assert rows("case_followup") == []
    reminders_scan(now=at(2026, 11, 17, 7, 0))
    assert rows("case_followup") == [("veileder@example.no", next_gathering.pk, "3d:2026-11-20", "vefsn")]
    assert reminders_scan(now=at(2026, 11, 19, 7, 0)).created == 0
    # On the day itself it is too late.
    Reminder.objects.all().delete()
    reminders_scan(now=at(2026, 11, 20, 7, 0))
    assert rows("case_followup") == []


@pytest.mark.django_db
def test_case_followup_leaves_out_followed_up_opted_out_and_inactive(world, queued, next_gathering):
    now = at(2026, 11, 18, 9, 0)
    ReminderOptOut.objects.create(user=world.facilitator, kind="case_followup")
    reminders_scan(now=now)
    assert rows("case_followup") == []

    ReminderOptOut.objects.all().delete()
    Case.objects.filter(pk=world.pg_case.pk).update(follow_up="Turnusen er endret.")
    reminders_scan(now=now)
    assert rows("case_followup") == []

    Case.objects.filter(pk=world.pg_case.pk).update(follow_up="")
    Programme.objects.filter(pk=world.programme.pk).update(status=Programme.Status.DRAFT)
    reminders_scan(now=now)
    assert rows("case_followup") == []
