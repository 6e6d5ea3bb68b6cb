"""The programme cockpit: HR's checklist derived from the data, each item linking to the page that
does it, with a severity and a date; flat in queries at 30 and at 336 leaders."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Participant
from programmes.cockpit import Severity, cockpit_items
from programmes.models import Programme
from sessions import services as session_services
from tests.conftest import main_text
from tests.factories import FacilitatorFactory, ParticipantFactory, programme_with_gatherings


def _programme(pk):
    return (
        Programme.objects.select_related("municipality", "extension_decision").prefetch_related("gatherings").get(pk=pk)
    )


def _items(programme):
    return {item.key: item for item in cockpit_items([_programme(programme.pk)])}


def _date_gatherings(programme, first_in_days, spacing=60):
    today = timezone.localdate()
    for gathering in programme.gatherings.order_by("number"):
        gathering.start_date = today + datetime.timedelta(days=first_in_days + spacing * (gathering.number - 1))
        gathering.venue = "Kulturhuset"
        gathering.save()


@pytest.mark.django_db
def test_vefsn_gathering_in_five_days_without_a_run_is_urgent_and_links_to_adding_one(world):
    """Issue 16: gathering 2 in 5 days had no run, and the start page said only "Opsjonen er ikke avklart"."""
    programme = world.programme
    world.run.delete()
    _date_gatherings(programme, first_in_days=-55)  # gathering 1 held 55 days ago, gathering 2 in 5 days
    second = programme.gatherings.get(number=2)

    items = _items(programme)

    item = items[f"sessions.no_runs:{second.pk}"]
    assert (item.severity, item.title, item.when, item.url) == (
        Severity.URGENT,
        "2. Samling 2 har ingen gjennomføring",
        "om 5 dager",
        reverse("run_create", args=[second.pk]),
    )
    assert f"sessions.no_agenda:{second.pk}" in items
    assert items["programmes.extension"].severity == Severity.INFO  # the core gatherings are not all held


@pytest.mark.django_db
def test_leaders_without_a_run_or_a_facilitator_become_items_and_go_away_when_done(client, world):
    programme = world.programme
    _date_gatherings(programme, first_in_days=10)
    first = programme.gatherings.get(number=1)
    world.run.date = first.start_date
    world.run.save()
    ParticipantFactory.create_batch(3, programme=programme)  # no facilitator

    items = _items(programme)
    assert items[f"sessions.unassigned:{first.pk}"].title == "5 ledere har ingen gjennomføring av 1. Samling 1"
    assert items[f"sessions.unassigned:{first.pk}"].url == reverse("gathering_runs", args=[first.pk])
    no_facilitator = items["participants.no_facilitator"]
    assert (no_facilitator.title, no_facilitator.severity) == ("4 ledere har ingen prosessveileder", Severity.URGENT)
    assert no_facilitator.url == reverse("programme_participants", args=[programme.pk]) + "?facilitator=none"

    session_services.runs_assign_participants(gathering=first, assigned_by=world.hr)
    client.force_login(world.hr)
    client.post(
        reverse("participants_assign_facilitator", kwargs={"pk": programme.pk}),
        {
            "participants": list(Participant.objects.filter(programme=programme).values_list("pk", flat=True)),
            "facilitator": world.facilitator.pk,
        },
    )

    items = _items(programme)
    assert f"sessions.unassigned:{first.pk}" not in items
    assert "participants.no_facilitator" not in items


@pytest.mark.django_db
def test_a_held_run_without_attendance_and_the_evaluation_to_open(world):
    programme = world.programme
    _date_gatherings(programme, first_in_days=-200, spacing=40)  # all four core gatherings held
    gathering = programme.gatherings.get(number=1)
    session_services.run_move_participant(
        participant=Participant.objects.get(user=world.participant), run=world.run, moved_by=world.hr
    )
    world.run.date = gathering.start_date
    world.run.save()

    items = _items(programme)

    assert items[f"sessions.attendance:{world.run.pk}"].url == reverse("run_attendance", args=[world.run.pk])
    assert items[f"sessions.attendance:{world.run.pk}"].when == "for 200 dager siden"
    # The world's programme already has its evaluation (tests/worlds/evaluation.py): no "open" item.
    assert "evaluation.open" not in items
    assert items["programmes.extension"].severity in (Severity.URGENT, Severity.WARNING)


@pytest.mark.django_db
def test_cockpit_page_lists_items_with_links_for_hr_only(client, world):
    world.run.delete()
    _date_gatherings(world.programme, first_in_days=5)
    client.force_login(world.hr)

    response = client.get(reverse("programme_cockpit", kwargs={"pk": world.programme.pk}))

    text = main_text(response)
    assert "Sjekkliste: Lederprogram Vefsn" in text
    assert "Haster" in text
    assert "1. Samling 1 har ingen gjennomføring" in text
    assert "om 5 dager" in text
    first = world.programme.gatherings.get(number=1)
    assert f'href="{reverse("run_create", args=[first.pk])}"' in response.content.decode()
    client.force_login(world.facilitator)
    assert client.get(reverse("programme_cockpit", kwargs={"pk": world.programme.pk})).status_code == 403


@pytest.mark.django_db
def test_hr_start_page_shows_the_top_items_across_programmes(client, world):
    world.run.delete()
    _date_gatherings(world.programme, first_in_days=3)
    other = programme_with_gatherings(world.vefsn, name="Lederløftet 2")
    _date_gatherings(other, first_in_days=8)
    client.force_login(world.hr)

    response = client.get(reverse("home"))

    text = main_text(response)
    assert "Dette må gjøres nå" in text
    assert "1. Samling 1 har ingen gjennomføring · Lederprogram Vefsn" in text
    assert "1. Samling 1 har ingen gjennomføring · Lederløftet 2" in text
    assert text.index("· Lederprogram Vefsn") < text.index("· Lederløftet 2")  # sooner first
    assert len(response.context["cockpit_top"]) <= 8


def _scaled(world, leaders):
    programme = world.programme
    _date_gatherings(programme, first_in_days=-30)
    facilitators = [FacilitatorFactory(programme=programme).user for _ in range(3)]
    for n in range(leaders - 2):
        ParticipantFactory(
            programme=programme, facilitator=facilitators[n % 3] if n % 4 else None, unit=f"Enhet {n % 40}"
        )
    gathering = programme.gatherings.get(number=2)
    for _ in range(4):
        session_services.run_create(
            gathering=gathering,
            created_by=world.hr,
            date=gathering.start_date,
            start_time=datetime.time(9),
            end_time=datetime.time(15),
            venue="Grieghallen",
            capacity=100,
        )
    return programme


@pytest.mark.django_db
@pytest.mark.parametrize("leaders", [30, 336])
def test_cockpit_query_count_is_flat(client, world, django_assert_num_queries, leaders):
    programme = _scaled(world, leaders)
    client.force_login(world.hr)
    # session, user, roles, programme with its gatherings (2), runs, agenda counts, participant counts
    # (sessions), participant status counts, facilitator counts (participants), surveys, reports (evaluation)
    with django_assert_num_queries(12):
        response = client.get(reverse("programme_cockpit", kwargs={"pk": programme.pk}))
    keys = {item.key for item in response.context["items"]}
    assert "participants.no_facilitator" in keys
    assert f"sessions.unassigned:{programme.gatherings.get(number=2).pk}" in keys
