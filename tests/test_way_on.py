"""The way on ("veien videre"): what a leader does first at home after a gathering reaches their peer
group at the next case round; a plan kept after the programme is the leader's alone, survives the
retention erasure until consent is withdrawn, and is in "Mine data"; alumni stay on the programme."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.gdpr import material_purge_expired, person_erase, personal_data
from core.models import AuditEvent
from participants import way_on
from participants.models import DevelopmentPlan, PlanAction, PlanKeeping
from participants.services import plan_goal_add
from programmes.models import Programme
from sessions.models import Attendance
from tests.conftest import main_text
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(world):
    """Gathering 1 was held; Ingrid wrote what she does first at home after it."""
    world.gathering.start_date = timezone.localdate() - datetime.timedelta(days=20)
    world.gathering.save(update_fields=["start_date"])
    world.home_commitment = way_on.home_commitment_add(
        participant=world.own_space,
        gathering=world.gathering,
        text="Ringe verneombudet om turnusen",
        added_by=world.participant,
    )
    return world


def end_programme(programme, days_ago=1):
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.COMPLETED, start_date=end - datetime.timedelta(days=700), end_date=end
    )


def test_the_first_thing_at_home_is_a_plan_action_the_group_sees_at_the_next_case_round(client, world):
    action = world.home_commitment
    assert (action.goal.title, action.goal.plan.participant, action.home_commitment_after) == (
        "Det første jeg gjør når jeg kommer hjem",
        world.own_space,
        world.gathering,
    )
    url = reverse("peergroup_commitments", kwargs={"pk": world.pg_north.pk})
    client.force_login(world.participant)
    page = main_text(client.get(url))
    assert (
        "Lederutfordringer siden sist på samling 2. Samling 2 "
        "Ingrid Deltakersen : Ringe verneombudet om turnusen (Ikke startet)" in page
    )
    assert "Opsjon 5" not in page  # the extension is not decided
    # The facilitator's case round at gathering 2 shows it; gathering 3's does not (it was after 1).
    client.force_login(world.facilitator)
    second = world.programme.gatherings.get(number=2)
    assert "Ringe verneombudet om turnusen" in main_text(client.get(reverse("case_round", kwargs={"pk": second.pk})))
    third = world.programme.gatherings.get(number=3)
    assert "Ringe verneombudet" not in main_text(client.get(reverse("case_round", kwargs={"pk": third.pk})))
    # Another group's member and HR do not see it.
    for outsider in (world.peer, world.hr):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_the_leader_records_it_on_the_way_on_page_only_after_the_gathering_has_begun(client, world):
    client.force_login(world.participant)
    url = reverse("home_commitment_create", kwargs={"pk": world.own_space.pk})
    later = world.programme.gatherings.get(number=4)
    later.start_date = timezone.localdate() + datetime.timedelta(days=30)
    later.save()
    before = PlanAction.objects.count()
    client.post(url, {"gathering": later.pk, "text": "For tidlig"})
    assert PlanAction.objects.count() == before
    client.post(url, {"gathering": world.gathering.pk, "text": "Innkalle til personalmøte"})
    action = PlanAction.objects.get(text="Innkalle til personalmøte")
    assert action.goal == world.home_commitment.goal and action.home_commitment_after == world.gathering
    assert "Innkalle til personalmøte" in main_text(client.get(reverse("way_on", kwargs={"pk": world.own_space.pk})))
    with pytest.raises(ValidationError):
        way_on.home_commitment_add(
            participant=world.own_space, gathering=world.gathering, text="x", added_by=world.peer
        )


def test_a_kept_plan_is_the_leaders_alone_once_the_programme_has_ended(client, world):
    client.force_login(world.participant)
    client.post(reverse("way_on_keep", kwargs={"pk": world.own_space.pk}), {"keep": "yes"})
    keeping = PlanKeeping.objects.get(participant=world.own_space)
    assert (keeping.keep, keeping.withdrawn_at) == (True, None)
    assert AuditEvent.objects.filter(action="plan.kept", actor=world.participant).count() == 1
    plan_url = reverse("plan", kwargs={"pk": world.own_space.pk})
    client.force_login(world.facilitator)
    assert client.get(plan_url).status_code == 200  # during the programme they work on it together
    end_programme(world.programme)
    assert client.get(plan_url).status_code == 404
    own_space = type(world.own_space).objects.select_related("programme").get(pk=world.own_space.pk)
    assert not world.facilitator.has_perm("participants.comment_plan", own_space)
    client.force_login(world.participant)
    assert "Delegere oppgaver i teamet" in main_text(client.get(plan_url))
    # The peer chose nothing: their facilitator still reaches their space until retention.
    assert way_on.plan_kept_after_end(world.peer_space) is False


def test_retention_leaves_a_kept_plan_until_consent_is_withdrawn(world):
    peer_plan = plan_goal_add(participant=world.peer_space, added_by=world.peer, title="Peers mål").plan
    way_on.plan_keeping_choose(participant=world.own_space, keep=True, chosen_by=world.participant)
    end_programme(world.programme, days_ago=400)
    material_purge_expired()
    assert DevelopmentPlan.objects.filter(participant=world.own_space).exists()
    assert not DevelopmentPlan.objects.filter(pk=peer_plan.pk).exists()
    assert world.own_space.profiles.count() == 0  # the profile goes as before
    way_on.plan_keeping_choose(participant=world.own_space, keep=False, chosen_by=world.participant)
    keeping = PlanKeeping.objects.get(participant=world.own_space)
    assert keeping.keep is False and keeping.withdrawn_at is not None
    material_purge_expired()
    assert not DevelopmentPlan.objects.filter(participant=world.own_space).exists()


def test_erasing_the_person_takes_a_kept_plan_too(world):
    way_on.plan_keeping_choose(participant=world.own_space, keep=True, chosen_by=world.participant)
    person_erase(user=world.participant, municipality=world.vefsn, erased_by=world.hr)
    assert not DevelopmentPlan.objects.filter(participant=world.own_space).exists()


def test_mine_data_holds_the_choice_and_the_commitments(world):
    way_on.plan_keeping_choose(participant=world.own_space, keep=True, chosen_by=world.participant)
    data = personal_data(world.participant)
    (participation,) = [p for p in data["participations"] if p["programme"]["name"] == "Lederprogram Vefsn"]
    assert participation["plan_kept_after_programme"]["keep"] is True
    actions = [a for g in participation["plan"]["goals"] for a in g["actions"]]
    assert {"text": "Ringe verneombudet om turnusen", "first_thing_at_home_after": "1. Samling 1"}.items() <= next(
        a for a in actions if a["text"] == "Ringe verneombudet om turnusen"
    ).items()


def test_alumni_stay_listed_with_attendance_after_the_material_is_gone(client, world):
    Attendance.objects.create(run=world.run, participant=world.own_space, status="present", marked_by=world.hr)
    end_programme(world.programme, days_ago=400)
    material_purge_expired()
    client.force_login(world.hr)
    participants = main_text(client.get(reverse("programme_participants", kwargs={"pk": world.programme.pk})))
    assert "deltaker@vefsn.no" in participants and "kollega@vefsn.no" in participants
    overview = client.get(reverse("attendance_overview", kwargs={"pk": world.programme.pk}))
    assert "Deltakersen" in main_text(overview)
    assert Attendance.objects.filter(run=world.run, participant=world.own_space).exists()


@pytest.mark.parametrize("extra", [0, 6])
def test_group_commitments_page_query_count(client, world, django_assert_num_queries, extra):
    from peergroups.models import PeerGroupMember

    for n in range(extra):
        member = ParticipantFactory(programme=world.programme)
        PeerGroupMember.objects.create(group=world.pg_north, participant=member)
        way_on.home_commitment_add(
            participant=member, gathering=world.gathering, text=f"Gjøre {n}", added_by=member.user
        )
    client.force_login(world.participant)
    # session, user, roles, the group, the participant's own groups (scope), the gatherings, the
    # commitments, the extension decision (are the extension's gatherings held?)
    with django_assert_num_queries(8):
        response = client.get(reverse("peergroup_commitments", kwargs={"pk": world.pg_north.pk}))
    assert sum(len(actions) for _g, actions in response.context["rounds"]) == 1 + extra


@pytest.mark.parametrize("extra", [0, 6])
def test_way_on_page_query_count(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        way_on.home_commitment_add(
            participant=world.own_space, gathering=world.gathering, text=f"Gjøre {n}", added_by=world.participant
        )
    client.force_login(world.participant)
    # session, user, roles, the space, the keeping, the commitments, and the gatherings begun three
    # times (any at all, the latest as the form's initial choice, the choices)
    with django_assert_num_queries(9):
        response = client.get(reverse("way_on", kwargs={"pk": world.own_space.pk}))
    assert len(response.context["commitments"]) == 1 + extra
