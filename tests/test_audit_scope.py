"""The audit log's tenant line: an event belongs to the municipality of the object it concerns, not to
the roles of whoever did it (core.audit.events_of_municipality). A facilitator serving Vefsn and Bindal
shows in each municipality's log only with what she did there; logins show in both."""

import pytest
from django.urls import reverse

from core.audit import municipality_of
from core.models import AuditEvent
from core.services import audit_log
from participants.models import Facilitator, Participant
from tests.factories import PASSWORD

# Who reads which log, and which of the events below each one finds there (the rows of this test).
EVENTS = ["kari_login", "kari_vefsn_plan", "kari_bindal_case", "bindal_hr_denied_on_vefsn", "vefsn_hr_login"]
ROWS = {
    ("hr", "vefsn"): {"kari_login", "kari_vefsn_plan", "bindal_hr_denied_on_vefsn", "vefsn_hr_login"},
    ("other_hr", "bindal"): {"kari_login", "kari_bindal_case"},
}


@pytest.fixture
def events(client, world):
    """Kari (world.facilitator) also serves Bindal; each event is made as the app makes it."""
    Facilitator.objects.create(programme=world.other_programme, user=world.facilitator)
    AuditEvent.objects.all().delete()
    made = {}
    client.post(reverse("account_login"), {"login": world.facilitator.email, "password": PASSWORD})
    made["kari_login"] = AuditEvent.objects.latest("pk").pk
    client.logout()
    vefsn_participant = Participant.objects.get(user=world.participant)
    made["kari_vefsn_plan"] = audit_log(
        actor=world.facilitator, action="plan.viewed", target=vefsn_participant, municipality=world.vefsn
    ).pk
    made["kari_bindal_case"] = audit_log(
        actor=world.facilitator, action="case.created", target=world.other_programme, municipality=world.bindal
    ).pk
    client.force_login(world.other_hr)
    assert client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk})).status_code == 404
    made["bindal_hr_denied_on_vefsn"] = AuditEvent.objects.get(action="access.denied").pk
    client.logout()
    client.post(reverse("account_login"), {"login": world.hr.email, "password": PASSWORD})
    made["vefsn_hr_login"] = AuditEvent.objects.filter(action="auth.login").latest("pk").pk
    client.logout()
    return made


@pytest.mark.django_db
@pytest.mark.parametrize("reader,municipality", list(ROWS))
def test_each_log_shows_only_its_own_municipalitys_events(client, world, events, reader, municipality):
    client.force_login(getattr(world, reader))
    response = client.get(reverse("audit_log", kwargs={"pk": getattr(world, municipality).pk}))

    shown = {event.pk for event in response.context["page"].object_list}
    assert {name for name in EVENTS if events[name] in shown} == ROWS[(reader, municipality)]


@pytest.mark.django_db
def test_bindal_hr_reads_nothing_of_karis_vefsn_work(client, world, events):
    client.force_login(world.other_hr)
    response = client.get(reverse("audit_log", kwargs={"pk": world.bindal.pk}))
    rows = [(event.actor, str(event.label)) for event in response.context["page"].object_list]

    # Bindal's HR's own two logins (in the fixture and here), then Kari's Bindal work and her login.
    assert rows == [
        (world.other_hr, "Logget inn"),
        (world.other_hr, "Logget inn"),
        (world.facilitator, "Sak registrert"),
        (world.facilitator, "Logget inn"),
    ]
    assert "participants.Participant" not in response.content.decode()


@pytest.mark.django_db
def test_denied_access_is_recorded_for_the_objects_municipality(world, events):
    denied = AuditEvent.objects.get(pk=events["bindal_hr_denied_on_vefsn"])

    assert (denied.actor, denied.municipality, denied.target_type) == (
        world.other_hr,
        world.vefsn,
        "programmes.Programme",
    )


@pytest.mark.django_db
def test_municipality_of_follows_the_shortest_way(world):
    from sessions.models import Gathering

    participant = Participant.objects.get(user=world.participant)
    assert municipality_of(Participant, participant.pk) == world.vefsn.pk
    assert municipality_of(Gathering, world.other_gathering.pk) == world.bindal.pk
    assert municipality_of(type(world.hr), world.hr.pk) is None
    assert municipality_of(Participant, 10**9) is None
