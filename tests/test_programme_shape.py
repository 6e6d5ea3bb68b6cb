"""HR reshapes a programme: 1–12 core gatherings at creation, then adds, removes (while nothing is
recorded against it), reorders; the numbers follow the order and the case round follows the numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEvent
from programmes.services import programme_create
from sessions import shape
from sessions.models import AgendaItem, Attendance, Gathering, Run
from tests.conftest import main_text
from tests.factories import GatheringFactory

pytestmark = pytest.mark.django_db


def numbers(programme):
    return [(g.number, g.title, g.kind) for g in programme.gatherings.order_by("number")]


def case_rounds(programme):
    return sorted(
        AgendaItem.objects.filter(gathering__programme=programme, is_case_round=True).values_list(
            "gathering__number", flat=True
        )
    )


def make(world, core_count):
    return programme_create(
        created_by=world.hr,
        municipality=world.vefsn,
        name="Formet",
        start_date=datetime.date(2027, 1, 4),
        end_date=datetime.date(2028, 1, 4),
        main_goal="Mål",
        core_count=core_count,
    )


@pytest.mark.parametrize("count", [1, 2, 6])
def test_a_programme_is_created_with_the_core_gatherings_hr_asks_for(world, count):
    programme = make(world, count)
    assert numbers(programme) == [(n, f"Samling {n}", "core") for n in range(1, count + 1)]
    assert case_rounds(programme) == list(range(2, count + 1))


def test_the_create_form_asks_for_the_number_and_defaults_to_four(client, world):
    client.force_login(world.hr)
    page = client.get(reverse("programme_create"))
    assert page.context["form"]["core_count"].initial == 4
    response = client.post(
        reverse("programme_create"),
        {
            "municipality": world.vefsn.pk,
            "name": "Bergen-dagen",
            "start_date": "2027-08-30",
            "main_goal": "Aktivt medarbeiderskap",
            "status": "draft",
            "core_count": "1",
        },
    )
    programme = world.vefsn.programmes.get(name="Bergen-dagen")
    assert response["Location"] == reverse("programme_detail", kwargs={"pk": programme.pk})
    assert numbers(programme) == [(1, "Samling 1", "core")]


def test_adding_a_core_gathering_puts_it_before_the_extension(world):
    programme = world.programme  # four core gatherings and two extension ones
    gathering = shape.gathering_add(programme=programme, added_by=world.hr)
    assert gathering.number == 5 and gathering.title == "Samling 5"
    assert [(n, k) for n, _t, k in numbers(programme)] == [
        (1, "core"),
        (2, "core"),
        (3, "core"),
        (4, "core"),
        (5, "core"),
        (6, "extension"),
        (7, "extension"),
    ]
    assert 5 in case_rounds(programme)
    assert AuditEvent.objects.filter(action="gathering.added", target_id=str(gathering.pk)).count() == 1


def test_removing_the_first_moves_the_others_up_and_the_case_round_with_them(world):
    programme = make(world, 3)
    first = programme.gatherings.get(number=1)
    shape.gathering_remove(gathering=first, removed_by=world.hr)
    assert numbers(programme) == [(1, "Samling 2", "core"), (2, "Samling 3", "core")]
    # The new first gathering has no "since last time"; the second keeps its item.
    assert case_rounds(programme) == [2]
    assert not Gathering.objects.filter(pk=first.pk).exists()


def test_moving_swaps_neighbours_and_the_case_round_follows_the_order(world):
    programme = make(world, 3)
    second = programme.gatherings.get(number=2)
    run = Run.objects.create(
        gathering=second,
        number=1,
        date=datetime.date(2027, 3, 1),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Rådhuset",
        capacity=30,
    )
    shape.gathering_move(gathering=second, moved_by=world.hr, step=-1)
    assert numbers(programme) == [(1, "Samling 2", "core"), (2, "Samling 1", "core"), (3, "Samling 3", "core")]
    assert case_rounds(programme) == [2, 3]
    assert AgendaItem.objects.filter(gathering=second, is_case_round=True).count() == 0
    run.refresh_from_db()
    assert run.sequence == 1  # its calendar event now says "1. …": clients must replace it


def test_a_case_round_hr_removed_stays_removed_when_the_order_changes(world):
    programme = make(world, 3)
    third = programme.gatherings.get(number=3)
    third.agenda.filter(is_case_round=True).delete()
    shape.gathering_move(gathering=third, moved_by=world.hr, step=-1)
    assert case_rounds(programme) == [3]


def test_a_gathering_with_attendance_cannot_be_removed_and_nothing_changes(world):
    programme = world.programme
    Attendance.objects.create(
        run=world.run, participant=world.participant.participations.get(), status="present", marked_by=world.hr
    )
    before = numbers(programme)
    with pytest.raises(ValidationError) as error:
        shape.gathering_remove(gathering=world.gathering, removed_by=world.hr)
    assert "oppmøte" in error.value.messages[0]
    assert numbers(programme) == before


def test_records_are_found_for_each_kind_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    from participants.way_on import home_commitment_add

    world.gathering.start_date = datetime.date(2026, 9, 1)
    world.gathering.save()
    home_commitment_add(
        participant=world.own_space, gathering=world.gathering, text="Ringe", added_by=world.participant
    )
    with django_assert_num_queries(len(shape._relations(Gathering)) + len(shape._relations(Run))):
        records = shape.gatherings_with_records(world.programme)
    assert "tiltak" in records[world.gathering.pk]


def test_the_last_core_gathering_and_a_decided_extension_below_two_stay(world):
    programme = make(world, 1)
    with pytest.raises(ValidationError):
        shape.gathering_remove(gathering=programme.gatherings.get(), removed_by=world.hr)
    with pytest.raises(ValidationError):
        shape.gathering_move(gathering=programme.gatherings.get(), moved_by=world.hr, step=1)
    assert numbers(programme) == [(1, "Samling 1", "core")]


def test_hr_reshapes_on_the_page(client, world):
    programme = make(world, 2)
    client.force_login(world.hr)
    added = client.post(reverse("gathering_add", kwargs={"pk": programme.pk}))
    third = programme.gatherings.get(number=3)
    assert added["Location"] == reverse("gathering_update", kwargs={"pk": third.pk})
    client.post(reverse("gathering_move", kwargs={"pk": third.pk}), {"direction": "up"})
    client.post(reverse("gathering_remove", kwargs={"pk": programme.gatherings.get(title="Samling 1").pk}))
    assert numbers(programme) == [(1, "Samling 3", "core"), (2, "Samling 2", "core")]
    page = main_text(client.get(reverse("programme_shape", kwargs={"pk": programme.pk})))
    assert "1. Samling 3" in page and "2. Samling 2" in page


@pytest.mark.parametrize("extra", [0, 8])
def test_shape_page_query_count(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        GatheringFactory(programme=world.programme, number=10 + n, kind="core")
    client.force_login(world.hr)
    # session, user, roles, programme, gatherings, and one per kind of record: home commitments on a
    # gathering, attendance and feedback surveys on its runs
    relations = len(shape._relations(Gathering)) + len(shape._relations(Run))
    with django_assert_num_queries(5 + relations):
        response = client.get(reverse("programme_shape", kwargs={"pk": world.programme.pk}))
    assert len(response.context["core"]) == 4 + extra


def test_no_more_than_twelve_core_gatherings(world):
    programme = make(world, 12)
    with pytest.raises(ValidationError):
        shape.gathering_add(programme=programme, added_by=world.hr)
    assert programme.gatherings.count() == 12
