"""Lists at Bergen's scale: search, filters and pages on the participant list, the attendance
overview and the people page; namesakes told apart by unit; the same queries at 30 and at 336."""

import datetime

import pytest
from django.urls import reverse

from participants.models import Participant
from sessions import services as session_services
from tests.conftest import main_text
from tests.factories import FacilitatorFactory, ParticipantFactory

UNITS = ["Åsane sykehjem", "Fana hjemmetjeneste", "Laksevåg helsestasjon", "Arna bo- og aktivitetssenter"]


def _cohort(world, leaders):
    """`leaders` in all (with the world's two), across four units and three sectors; every fourth
    without a facilitator; two namesakes called Annaliese Hagenbakk in different units."""
    programme = world.programme
    facilitators = [FacilitatorFactory(programme=programme).user for _ in range(2)]
    ParticipantFactory(
        programme=programme,
        user__first_name="Annaliese",
        user__last_name="Hagenbakk",
        unit="Åsane sykehjem",
        sector="Sykehjem",
    )
    ParticipantFactory(
        programme=programme,
        user__first_name="Annaliese",
        user__last_name="Hagenbakk",
        unit="Fana hjemmetjeneste",
        sector="Hjemmetjenesten",
        leader_level="unit",
    )
    for n in range(leaders - 4):
        ParticipantFactory(
            programme=programme,
            unit=UNITS[n % 4],
            sector=["Sykehjem", "Hjemmetjenesten", "Helsestasjon"][n % 3],
            leader_level="department" if n % 6 else "unit",
            facilitator=facilitators[n % 2] if n % 4 else None,
        )
    return facilitators


def _list(client, world, query=""):
    return client.get(reverse("programme_participants", kwargs={"pk": world.programme.pk}) + query)


@pytest.mark.django_db
@pytest.mark.parametrize("leaders", [30, 336])
def test_filtered_participant_list_queries_are_flat(client, world, django_assert_num_queries, leaders):
    facilitators = _cohort(world, leaders)
    client.force_login(world.hr)
    query = f"?q=a&unit=Fana+hjemmetjeneste&leader_level=department&facilitator={facilitators[1].pk}&status=active"
    # session, user, roles, programme, facilitators, units and sectors, runs, count, page, not invited
    with django_assert_num_queries(10):
        response = _list(client, world, query)
    rows = response.context["participants"]
    assert rows and len(rows) <= 50
    assert {(p.unit, p.leader_level, p.facilitator_id) for p in rows} == {
        ("Fana hjemmetjeneste", "department", facilitators[1].pk)
    }


@pytest.mark.django_db
def test_paging_at_336_keeps_the_filters(client, world):
    _cohort(world, 336)
    client.force_login(world.hr)

    first = _list(client, world, "?leader_level=department")
    third = _list(client, world, "?leader_level=department&side=3")

    total = Participant.objects.filter(programme=world.programme, leader_level="department").count()
    assert first.context["page"].paginator.count == total
    assert len(first.context["participants"]) == 50
    assert 'href="?leader_level=department&amp;side=2"' in first.content.decode()
    assert third.context["page"].number == 3
    assert not {p.pk for p in first.context["participants"]} & {p.pk for p in third.context["participants"]}


@pytest.mark.django_db
def test_search_tells_namesakes_apart_by_unit_and_names_link_to_the_record(client, world):
    _cohort(world, 30)
    client.force_login(world.hr)

    both = _list(client, world, "?q=annaliese+hagenbakk")
    one = _list(client, world, "?q=annaliese+hagenbakk+fana")

    assert sorted(p.unit for p in both.context["participants"]) == ["Fana hjemmetjeneste", "Åsane sykehjem"]
    (fana,) = one.context["participants"]
    assert fana.unit == "Fana hjemmetjeneste"
    assert f'href="{reverse("participant_record", args=[fana.pk])}"' in one.content.decode()
    assert 'aria-label="Velg Annaliese Hagenbakk (Fana hjemmetjeneste)"' in one.content.decode()


@pytest.mark.django_db
def test_filters_without_a_facilitator_without_a_run_and_not_invited(client, world):
    _cohort(world, 30)
    gathering = world.gathering
    gathering.start_date = datetime.date(2027, 3, 1)
    gathering.save()
    own = Participant.objects.get(user=world.participant)
    session_services.run_move_participant(participant=own, run=world.run, moved_by=world.hr)
    client.force_login(world.hr)

    no_facilitator = _list(client, world, "?facilitator=none")
    no_run = _list(client, world, f"?run=none-{gathering.pk}")
    in_run = _list(client, world, f"?run={world.run.pk}")

    expected = set(Participant.objects.filter(programme=world.programme, facilitator=None).values_list("pk", flat=True))
    assert {p.pk for p in no_facilitator.context["participants"]} == expected
    assert own.pk not in {p.pk for p in no_run.context["participants"]}
    assert no_run.context["page"].paginator.count == 29
    assert [p.pk for p in in_run.context["participants"]] == [own.pk]
    assert "Ingen passer med søket og filtrene." not in main_text(in_run)
    assert "Ingen passer med søket og filtrene." in main_text(_list(client, world, "?q=finnesikke"))


@pytest.mark.django_db
@pytest.mark.parametrize("leaders", [30, 336])
def test_attendance_overview_queries_are_flat_and_units_show(client, world, django_assert_num_queries, leaders):
    _cohort(world, leaders)
    client.force_login(world.hr)
    url = reverse("attendance_overview", kwargs={"pk": world.programme.pk}) + "?q=hagenbakk"
    # session, user, roles, programme, gatherings, facilitators, units and sectors, runs, count, page,
    # assignments, attendance
    with django_assert_num_queries(12):
        response = client.get(url)
    text = main_text(response)
    assert "Annaliese Hagenbakk Åsane sykehjem" in text
    assert "Annaliese Hagenbakk Fana hjemmetjeneste" in text


@pytest.mark.django_db
def test_people_page_search_role_filter_and_pages(client, world):
    _cohort(world, 80)
    client.force_login(world.hr)
    url = reverse("people", kwargs={"pk": world.vefsn.pk})

    everyone = client.get(url)
    fana = client.get(url + "?q=hagenbakk+fana&role=participant")
    hr = client.get(url + "?role=hr")

    assert len(everyone.context["people"]) == 50
    assert everyone.context["page"].paginator.count > 80
    (anna,) = fana.context["people"]
    assert anna.last_name == "Hagenbakk"
    assert "(Fana hjemmetjeneste)" in main_text(fana)
    assert [p.email for p in hr.context["people"]] == ["hr@vefsn.no"]
