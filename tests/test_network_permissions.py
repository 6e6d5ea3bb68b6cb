"""Who sees what of a network programme: one test per row of the README's network table, for every
persona (tests/network_world.py). Outside the scope is 404; in scope without the right is 403."""

import pytest
from django.urls import reverse

from networks.models import Composition, ThemeDay
from tests.network_world import build

PERSONAS = [
    "anonymous",
    "organiser",
    "hr_a",
    "hr_b",
    "hr_outside",
    "leader_a",
    "leader_b",
    "facilitator",
    "exec_a",
    "exec_b",
]

# programme kwargs -> expected status per persona (PERSONAS order)
NETWORK_PAGES = {
    # The shared content: everyone in the network; an HR outside it 404.
    "network_programme": [302, 200, 200, 200, 404, 200, 200, 200, 200, 200],
    # Leaders in full: the organiser (all) and member HR (its own).
    "network_people": [302, 200, 200, 200, 404, 403, 403, 403, 403, 403],
    # Pooled figures: the organiser and the member municipalities' executives.
    "network_figures": [302, 200, 403, 403, 404, 403, 403, 403, 200, 200],
    # A local theme day: member municipalities' HR.
    "network_theme_day_create": [302, 403, 200, 200, 404, 403, 403, 403, 403, 403],
    # Panels and pairs: the organiser.
    "network_composition_create": [302, 200, 403, 403, 404, 403, 403, 403, 403, 403],
    # The ordinary programme pages: the organiser administers the network programme as HR does a
    # municipality's; member HR and executives do not reach them (only the network pages above).
    "programme_detail": [302, 200, 404, 404, 404, 200, 200, 200, 404, 404],
    "programme_participants": [302, 200, 404, 404, 404, 403, 403, 200, 404, 404],
    "programme_update": [302, 200, 404, 404, 404, 403, 403, 403, 404, 404],
    "peergroup_compose": [302, 200, 404, 404, 404, 403, 403, 200, 404, 404],
}
# A member municipality's own programme: nothing of it reaches the network's organiser or Bindal.
OWN_PROGRAMME = [302, 404, 200, 404, 404, 404, 404, 200, 200, 404]


@pytest.fixture
def net(db):
    return build()


def _get(client, net, persona, name, pk):
    if persona != "anonymous":
        client.force_login(getattr(net, persona))
    return client.get(reverse(name, kwargs={"pk": pk}))


def _cases(rows):
    for name, expected in rows.items():
        for persona, status in zip(PERSONAS, expected, strict=True):
            yield pytest.param(name, persona, status, id=f"{name}-{persona}-{status}")


@pytest.mark.parametrize("name,persona,status", list(_cases(NETWORK_PAGES)))
def test_network_programme_page_answers_persona(client, net, name, persona, status):
    response = _get(client, net, persona, name, net.programme.pk)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("persona,status", list(zip(PERSONAS, OWN_PROGRAMME, strict=True)))
def test_member_municipalitys_own_programme_stays_its_own(client, net, persona, status):
    response = _get(client, net, persona, "programme_detail", net.own_programme.pk)
    assert response.status_code == status


@pytest.mark.parametrize(
    "persona,sees,hidden",
    [
        ("organiser", ["leder@vefsn.no", "leder@bindal.no"], ["egen@vefsn.no"]),
        ("hr_a", ["leder@vefsn.no"], ["leder@bindal.no", "Bjørn", "egen@vefsn.no"]),
        ("hr_b", ["leder@bindal.no"], ["leder@vefsn.no", "Astrid"]),
    ],
)
def test_people_list_holds_exactly_each_ones_share(client, net, persona, sees, hidden):
    body = _get(client, net, persona, "network_people", net.programme.pk).content.decode()
    for text in sees:
        assert text in body
    for text in hidden:
        assert text not in body


def test_other_municipalitys_people_only_by_name_and_municipality_in_panels(client, net):
    from networks.services import composition_create

    composition_create(programme=net.programme, kind=Composition.Kind.PAIRS, title="Gå og snakk", created_by=None)
    body = _get(client, net, "hr_a", "network_programme", net.programme.pk).content.decode()
    # Bindal's leader: name and municipality, nothing else (no e-mail, no job title).
    assert "Bjørn Leder (Bindal kommune)" in body
    assert "Astrid Leder (Vefsn kommune)" in body
    assert "leder@bindal.no" not in body
    assert "Jobb Bjørn" not in body
    # The outsider's HR does not reach it at all.
    assert _get(client, net, "hr_outside", "network_programme", net.programme.pk).status_code == 404


def test_hr_plans_a_theme_day_only_for_its_own_municipality(client, net):
    client.force_login(net.hr_a)
    url = reverse("network_theme_day_create", kwargs={"pk": net.programme.pk})
    refused = client.post(url, {"municipality": net.bindal.pk, "title": "Tillit", "date": "2026-11-10"})
    assert refused.status_code == 200
    assert not ThemeDay.objects.exists()
    done = client.post(url, {"municipality": net.vefsn.pk, "title": "Tillit", "date": "2026-11-10"})
    assert done.status_code == 302
    day = ThemeDay.objects.get()
    assert (day.municipality, day.title, day.held, day.created_by) == (net.vefsn, "Tillit", False, net.hr_a)


@pytest.mark.parametrize(
    "persona,status,held",
    [("hr_a", 302, True), ("hr_b", 404, False), ("organiser", 404, False), ("exec_a", 404, False)],
)
def test_only_the_municipalitys_hr_marks_its_theme_day_held(client, net, persona, status, held):
    day = ThemeDay.objects.create(programme=net.programme, municipality=net.vefsn, title="Tillit", date="2026-11-10")
    client.force_login(getattr(net, persona))
    response = client.post(reverse("network_theme_day_held", kwargs={"pk": day.pk}))
    assert response.status_code == status
    day.refresh_from_db()
    assert day.held is held


def test_cockpit_shows_theme_days_held_or_not_per_municipality(client, net):
    ThemeDay.objects.create(
        programme=net.programme, municipality=net.vefsn, title="Tillit", date="2026-11-10", held=True
    )
    body = _get(client, net, "organiser", "network_programme", net.programme.pk).content.decode()
    assert "Tillit (holdt)" in body
    assert "Ingen planlagt" in body  # Bindal has none
    assert "Hemnes" not in body


def test_composing_is_the_organisers_and_nothing_changes_for_others(client, net):
    url = reverse("network_composition_create", kwargs={"pk": net.programme.pk})
    data = {"kind": "panel", "title": "Panel"}
    client.force_login(net.hr_a)
    assert client.post(url, data).status_code == 403
    assert not Composition.objects.exists()
    client.force_login(net.organiser)
    assert client.post(url, data).status_code == 302
    panel = Composition.objects.get()
    assert sorted(m.participant.user.email for m in panel.members.all()) == ["leder@bindal.no", "leder@vefsn.no"]


def test_executive_sees_own_share_and_the_networks_only(client, net, settings):
    settings.ANONYMITY_THRESHOLD = 3
    # Vefsn 4 leaders, Bindal 1: Bindal alone is too few, and Vefsn must then go too (the network
    # total minus Vefsn would be Bindal's figure).
    from tests.factories import ParticipantFactory

    for n in range(3):
        ParticipantFactory(programme=net.programme, home_municipality=net.vefsn, user__email=f"v{n}@vefsn.no")
    client.force_login(net.exec_a)
    body = _get(client, net, "exec_a", "network_figures", net.programme.pk).content.decode()
    assert "Leiarar i heile nettverket" in body or "Ledere i hele nettverket: 5" in body
    assert "Bindal" not in body
    assert "for få til å vises" in body


def test_organiser_needs_two_step_login(client, net, settings):
    settings.MFA_REQUIRED = True
    client.force_login(net.organiser)
    response = client.get(reverse("network_programme", kwargs={"pk": net.programme.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_member_hr_invites_its_own_leader_to_the_network_programme(client, net):
    from participants.models import Participant

    client.force_login(net.hr_b)
    url = reverse("invite", kwargs={"pk": net.bindal.pk})
    assert f'value="{net.programme.pk}"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "email": "ny@bindal.no",
            "first_name": "Nina",
            "last_name": "Ny",
            "role": "participant",
            "programme": net.programme.pk,
        },
    )
    assert response.status_code == 302
    row = Participant.objects.get(user__email="ny@bindal.no")
    assert (row.programme, row.home_municipality) == (net.programme, net.bindal)


def test_outside_hr_and_facilitator_role_cannot_be_sent_to_the_network_programme(net):
    from django.core.exceptions import ValidationError

    from core.services import person_invite

    with pytest.raises(ValidationError):
        person_invite(
            invited_by=net.hr_outside,
            municipality=net.hemnes,
            email="x@hemnes.no",
            role="participant",
            programme=net.programme,
        )
    with pytest.raises(ValidationError):
        person_invite(
            invited_by=net.hr_a, municipality=net.vefsn, email="x@vefsn.no", role="facilitator", programme=net.programme
        )


def test_organiser_does_not_invite_or_import(client, net):
    client.force_login(net.organiser)
    assert client.get(reverse("participant_import", kwargs={"pk": net.programme.pk})).status_code == 403
    body = client.get(reverse("programme_participants", kwargs={"pk": net.programme.pk})).content.decode()
    assert "Inviter deltaker" not in body
    assert "leder@bindal.no" in body or "Bjørn" in body
