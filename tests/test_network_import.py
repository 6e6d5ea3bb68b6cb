"""Member HR imports its own leaders into a network programme from a file (issue 19): they get the
municipality as home, so they are that HR's to manage and no other municipality's; facilitators stay
the organiser's; a manager must be the municipality's own. Every persona of the network table."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from participants.models import Participant
from tests.conftest import main_text
from tests.network_world import build
from tests.test_participant_import import HEADER, csv_file

pytestmark = pytest.mark.django_db

SIV = ["Siv Mosjøen", "siv@vefsn.no", "Rektor", "Enhetsleder", "Skolen", "Oppvekst", "", ""]
PER = ["Per Halsan", "per@vefsn.no", "Avdelingsleder", "avdelingsleder", "Skolen", "Oppvekst", "siv@vefsn.no", ""]


@pytest.fixture
def net(db):
    return build()


def _url(net):
    return reverse("network_import", kwargs={"pk": net.programme.pk})


def _post(client, net, rows, header=HEADER, **extra):
    return client.post(_url(net), {"municipality": net.vefsn.pk, "file": csv_file(rows, header=header), **extra})


def test_the_url_is_the_norwegian_one(net):
    assert _url(net) == f"/nettverk/program/{net.programme.pk}/importer/"


def test_member_hr_imports_its_own_leaders(client, net):
    client.force_login(net.hr_a)
    response = _post(client, net, [SIV, PER])
    assert response["Location"] == reverse("network_people", kwargs={"pk": net.programme.pk})
    imported = Participant.objects.filter(programme=net.programme, user__email__in=["siv@vefsn.no", "per@vefsn.no"])
    assert sorted((p.user.email, p.home_municipality.slug, p.manager and p.manager.user.email) for p in imported) == [
        ("per@vefsn.no", "vefsn", "siv@vefsn.no"),
        ("siv@vefsn.no", "vefsn", None),
    ]
    assert AuditEvent.objects.filter(action="participants.imported", municipality=net.vefsn).exists()
    assert "2 deltakere ble importert." in main_text(
        client.get(reverse("network_people", kwargs={"pk": net.programme.pk}))
    )
    # Bindal's HR never sees them; the organiser does.
    client.force_login(net.hr_b)
    assert "Siv Mosjøen" not in main_text(client.get(reverse("network_people", kwargs={"pk": net.programme.pk})))
    client.force_login(net.organiser)
    assert "Siv Mosjøen" in main_text(client.get(reverse("network_people", kwargs={"pk": net.programme.pk})))


def test_another_municipality_is_not_a_choice(client, net):
    client.force_login(net.hr_a)
    response = _post(client, net, [SIV], municipality=net.bindal.pk)
    assert "Velg et gyldig valg" in main_text(response)
    assert not Participant.objects.filter(user__email="siv@vefsn.no").exists()


def test_a_facilitator_or_another_municipalitys_manager_is_refused_and_nothing_is_saved(client, net):
    client.force_login(net.hr_a)
    header = [*HEADER, "Prosessveileder"]
    response = _post(client, net, [[*SIV, net.facilitator.email]], header=header)
    text = main_text(response)
    assert "Rad 2: prosessveiledere settes av nettverkets arrangør; la kolonnen stå tom." in text
    # Bjørn is Bindal's leader in the programme: not a manager for a Vefsn leader.
    response = _post(client, net, [[*SIV[:6], "leder@bindal.no", ""]])
    assert "Rad 2: lederen må være en av Vefsn kommune sine egne ledere." in main_text(response)
    assert not Participant.objects.filter(user__email="siv@vefsn.no").exists()


@pytest.mark.parametrize(
    "persona, status",
    [
        ("organiser", 403),
        ("hr_outside", 404),
        ("leader_a", 403),
        ("leader_b", 403),
        ("facilitator", 403),
        ("exec_a", 403),
        ("exec_b", 403),
    ],
)
def test_every_other_persona_is_refused(client, net, persona, status):
    client.force_login(getattr(net, persona))
    assert client.get(_url(net)).status_code == status
    assert _post(client, net, [SIV]).status_code == status
    assert not Participant.objects.filter(user__email="siv@vefsn.no").exists()


def test_member_hr_invites_the_leaders_it_imported_and_no_one_elses(client, net, mailoutbox):
    from core.models import Invitation

    client.force_login(net.hr_a)
    _post(client, net, [SIV, PER])
    client.force_login(net.hr_b)
    client.post(
        reverse("network_import", kwargs={"pk": net.programme.pk}),
        {
            "municipality": net.bindal.pk,
            "file": csv_file([["Bodil Terråk", "bodil@bindal.no"]], header=["Navn", "E-post"]),
        },
    )
    client.force_login(net.hr_a)
    response = client.post(reverse("network_invite_all", kwargs={"pk": net.programme.pk}))
    assert response["Location"] == reverse("network_people", kwargs={"pk": net.programme.pk})
    invited = sorted(Invitation.objects.values_list("email", "municipality__slug"))
    assert invited == [("per@vefsn.no", "vefsn"), ("siv@vefsn.no", "vefsn")]
    assert "2 deltakere ble invitert. E-postene er på vei." in main_text(
        client.get(reverse("network_people", kwargs={"pk": net.programme.pk}))
    )
    # A second press invites nobody new.
    client.post(reverse("network_invite_all", kwargs={"pk": net.programme.pk}))
    assert Invitation.objects.count() == 2
    for persona in ("organiser", "leader_a", "exec_a"):
        client.force_login(getattr(net, persona))
        assert client.post(reverse("network_invite_all", kwargs={"pk": net.programme.pk})).status_code == 403
    assert Invitation.objects.count() == 2
