"""The organiser sets up a network programme in the browser (issue 19): it belongs to the network,
gets its core gatherings, and the member municipalities' HR finds it; nobody else may create one."""

import pytest
from django.urls import reverse

from core.models import AuditEvent, Network
from programmes.models import Programme
from tests.conftest import main_text
from tests.network_world import build

pytestmark = pytest.mark.django_db

URL = "/nettverk/nytt-program/"


@pytest.fixture
def net(db):
    return build()


def _form(network, **extra):
    return {
        "network": network.pk,
        "name": "Helgeland lederprogram 2027",
        "start_date": "2027-01-11",
        "end_date": "",
        "main_goal": "Felles lederutvikling i regionen",
        "goals": "Erfaringsdeling\nSamarbeid på tvers",
        "values": "",
        "target_group": "",
        "status": "draft",
        "core_count": "3",
        **extra,
    }


def test_the_url_is_the_norwegian_one():
    assert reverse("network_programme_create") == URL


def test_the_organiser_creates_a_network_programme(client, net):
    client.force_login(net.organiser)
    page = main_text(client.get(reverse("network_list")))
    assert "Nytt nettverksprogram" in page
    response = client.post(URL, _form(net.network))
    programme = Programme.objects.get(name="Helgeland lederprogram 2027")
    assert response["Location"] == reverse("programme_detail", kwargs={"pk": programme.pk})
    assert (programme.network, programme.municipality, str(programme.end_date)) == (net.network, None, "2029-01-11")
    assert list(programme.gatherings.values_list("number", flat=True)) == [1, 2, 3]
    assert list(programme.goals.values_list("text", flat=True)) == ["Erfaringsdeling", "Samarbeid på tvers"]
    assert AuditEvent.objects.filter(
        action="programme.created", target_id=str(programme.pk), actor=net.organiser
    ).exists()
    # The organiser owns it as HR owns a municipality's; member HR finds it among the network's.
    assert client.get(reverse("programme_detail", kwargs={"pk": programme.pk})).status_code == 200
    client.force_login(net.hr_b)
    assert "Helgeland lederprogram 2027" in main_text(client.get(reverse("network_list")))
    client.force_login(net.hr_outside)
    assert "Helgeland lederprogram 2027" not in main_text(client.get(reverse("network_list")))


def test_another_networks_id_is_refused_and_nothing_is_created(client, net):
    other = Network.objects.create(name="Et annet nettverk", slug="annet")
    client.force_login(net.organiser)
    response = client.post(URL, _form(other))
    assert "Velg et gyldig valg" in main_text(response)
    assert not Programme.objects.filter(name="Helgeland lederprogram 2027").exists()


@pytest.mark.parametrize("persona", ["hr_a", "hr_b", "hr_outside", "leader_a", "facilitator", "exec_a"])
def test_nobody_but_an_organiser_may_create_one(client, net, persona):
    client.force_login(getattr(net, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form(net.network)).status_code == 403
    assert not Programme.objects.filter(name="Helgeland lederprogram 2027").exists()
    assert "Nytt nettverksprogram" not in client.get(reverse("network_list")).content.decode()


def test_bad_input_keeps_what_was_typed(client, net):
    client.force_login(net.organiser)
    response = client.post(URL, _form(net.network, start_date="2027-01-11", end_date="2026-01-01"))
    page = main_text(response)
    assert "Sluttdatoen må være etter startdatoen." in page
    assert 'value="Helgeland lederprogram 2027"' in response.content.decode()
    assert not Programme.objects.filter(name="Helgeland lederprogram 2027").exists()
