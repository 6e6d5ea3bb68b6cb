"""The network demo (issue 19, item 6): seed 003's network with three municipalities, one of them
Bindal, at its third gathering with the seed's agenda, a cross-municipal panel and pairs; each
municipality's HR sees its own people only, the organiser all of them."""

import pytest
from django.urls import reverse

from core.demo import load_demo
from core.models import Network, User
from networks.demo import LOGINS
from networks.models import Composition, ThemeDay
from programmes.models import Programme
from tests.conftest import main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_demo(db):
    logins = load_demo()
    return logins, Programme.objects.get(network__slug="ks-saman")


def test_three_municipalities_with_bindal_and_the_logins_printed(network_demo):
    logins, programme = network_demo
    network = Network.objects.get(slug="ks-saman")
    assert sorted(network.municipalities.values_list("slug", flat=True)) == ["bindal", "grane", "vefsn"]
    assert programme.municipality is None
    for login in LOGINS:
        assert login in logins
        assert User.objects.filter(email=login[1]).exists()
    # Loading again changes nothing and still prints them.
    assert load_demo() == logins
    assert Programme.objects.filter(network=network).count() == 1


def test_the_third_gathering_has_the_seeds_two_day_agenda(network_demo):
    _logins, programme = network_demo
    gathering = programme.gatherings.get(number=3)
    agenda = list(gathering.agenda.order_by("day", "start_time"))
    assert gathering.days == 2
    assert (agenda[0].day, agenda[0].start_time.strftime("%H%M"), agenda[0].title.split(":")[0]) == (
        1,
        "1000",
        "Velkommen",
    )
    assert (agenda[-1].day, agenda[-1].start_time.strftime("%H%M"), agenda[-1].title) == (
        2,
        "1300",
        "LUNSJ og vel hjem",
    )
    assert any(item.title == "Middag" and item.day == 1 for item in agenda)


def test_the_panel_has_one_per_municipality_and_no_project_leader_and_pairs_cross_borders(network_demo):
    _logins, programme = network_demo
    panel = Composition.objects.get(programme=programme, kind=Composition.Kind.PANEL)
    members = [m.participant for m in panel.members.select_related("participant")]
    assert sorted(p.home_municipality.slug for p in members) == ["bindal", "grane", "vefsn"]
    assert not any(p.is_project_leader for p in members)
    pairs = Composition.objects.get(programme=programme, kind=Composition.Kind.PAIRS)
    groups = {}
    for member in pairs.members.select_related("participant"):
        groups.setdefault(member.group, []).append(member.participant.home_municipality_id)
    assert sum(len(g) for g in groups.values()) == 18
    assert all(len(set(g)) >= 2 for g in groups.values())


def test_each_hr_sees_its_own_people_and_the_organiser_all(client, network_demo):
    _logins, programme = network_demo
    url = reverse("network_people", kwargs={"pk": programme.pk})
    client.force_login(User.objects.get(email="hr@bindal.example.no"))
    bindal = main_text(client.get(url))
    assert "Randi Terråk" in bindal and "Tone Prosjektsen" not in bindal and "Hilde Trofors" not in bindal
    client.force_login(User.objects.get(email="arrangor@ks.example.no"))
    organiser = main_text(client.get(url))
    assert all(name in organiser for name in ("Randi Terråk", "Tone Prosjektsen", "Hilde Trofors"))


def test_theme_days_held_and_planned(network_demo):
    _logins, programme = network_demo
    days = {d.municipality.slug: d.held for d in ThemeDay.objects.filter(programme=programme)}
    assert days == {"vefsn": True, "bindal": False}
