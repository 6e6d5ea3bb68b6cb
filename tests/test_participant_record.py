"""The participant record: HR edits job data and the facilitator, the assigned facilitator reads it,
and a change of facilitator moves who may read the profile and plan (audited)."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from participants.models import Participant
from tests.conftest import main_text
from tests.factories import FacilitatorFactory, ParticipantFactory


def _own(world):
    return Participant.objects.get(user=world.participant)


@pytest.mark.django_db
def test_hr_sees_the_record_with_status_runs_and_invitations(client, world):
    client.force_login(world.hr)

    response = client.get(reverse("participant_record", kwargs={"pk": _own(world).pk}))

    text = main_text(response)
    assert "Ingrid Deltakersen" in text
    assert "Eget utviklingsarbeid" in text
    assert "Kartlegging: Ferdig" in text
    assert "Egenvurdering ved slutten: Ikke gjort" in text
    assert "Delegere" not in text  # done or not, never the content
    assert "1. Samling 1" in text
    assert response.context["can_change"] is True


@pytest.mark.django_db
def test_hr_changes_job_data_and_facilitator_and_both_are_audited(client, world):
    own = _own(world)
    new = FacilitatorFactory(programme=world.programme, user__first_name="Nils", user__last_name="Ny").user
    manager = ParticipantFactory(programme=world.programme, unit="Rådhuset")
    client.force_login(world.hr)

    response = client.post(
        reverse("participant_record", kwargs={"pk": own.pk}),
        {
            "job_title": "Enhetsleder",
            "leader_level": "department",
            "unit": "Mosjøen sykehjem",
            "sector": "Helse",
            "manager": manager.pk,
            "dietary_needs": "Glutenfri",
            "facilitator": new.pk,
        },
    )

    assert response["Location"] == reverse("participant_record", kwargs={"pk": own.pk})
    own.refresh_from_db()
    assert (own.unit, own.sector, own.leader_level, own.manager, own.dietary_needs, own.facilitator) == (
        "Mosjøen sykehjem",
        "Helse",
        "department",
        manager,
        "Glutenfri",
        new,
    )
    events = {e.action: e.detail for e in AuditEvent.objects.filter(target_id=str(own.pk))}
    assert events["participant.facilitator_changed"] == {"old": world.facilitator.pk, "new": new.pk}
    assert events["participant.updated"] == {
        "fields": ["dietary_needs", "job_title", "leader_level", "manager", "sector", "unit"]
    }


@pytest.mark.django_db
def test_facilitator_change_moves_who_reads_profile_and_plan(client, world):
    own = _own(world)
    new = FacilitatorFactory(programme=world.programme).user
    for user, status in ((world.facilitator, 200), (new, 404)):
        client.force_login(user)
        assert client.get(reverse("plan", kwargs={"pk": own.pk})).status_code == status
        assert client.get(reverse("participant_record", kwargs={"pk": own.pk})).status_code == status
    client.force_login(world.hr)
    client.post(
        reverse("participants_assign_facilitator", kwargs={"pk": world.programme.pk}),
        {"participants": [own.pk], "facilitator": new.pk},
    )

    for user, status in ((world.facilitator, 404), (new, 200)):
        client.force_login(user)
        assert client.get(reverse("plan", kwargs={"pk": own.pk})).status_code == status
        assert client.get(reverse("profile", kwargs={"pk": own.pk})).status_code == status
        assert client.get(reverse("participant_record", kwargs={"pk": own.pk})).status_code == status


@pytest.mark.django_db
def test_the_facilitator_reads_the_record_and_cannot_change_it(client, world):
    own = _own(world)
    client.force_login(world.facilitator)
    url = reverse("participant_record", kwargs={"pk": own.pk})

    response = client.get(url)
    assert response.context["can_change"] is False
    assert "form" not in response.context
    assert "<form" not in main_text(response)
    assert client.post(url, {"unit": "Kapret", "facilitator": ""}).status_code == 403
    own.refresh_from_db()
    assert own.unit != "Kapret"


@pytest.mark.django_db
def test_bulk_assignment_changes_only_those_ticked_in_the_programme(client, world):
    others = ParticipantFactory.create_batch(3, programme=world.programme)
    stranger = ParticipantFactory(programme=world.other_programme)
    new = FacilitatorFactory(programme=world.programme, user__first_name="Nils", user__last_name="Ny").user
    client.force_login(world.hr)

    response = client.post(
        reverse("participants_assign_facilitator", kwargs={"pk": world.programme.pk}),
        {"participants": [others[0].pk, others[1].pk, stranger.pk], "facilitator": new.pk, "next": "?side=2"},
    )

    assert response["Location"] == reverse("programme_participants", kwargs={"pk": world.programme.pk}) + "?side=2"
    assert set(Participant.objects.filter(facilitator=new).values_list("pk", flat=True)) == {
        others[0].pk,
        others[1].pk,
    }
    stranger.refresh_from_db()
    assert stranger.facilitator is None
    assert AuditEvent.objects.filter(action="participant.facilitator_changed").count() == 2


@pytest.mark.django_db
def test_bulk_assignment_refuses_someone_who_is_not_the_programmes_facilitator(client, world):
    own = _own(world)
    client.force_login(world.hr)

    client.post(
        reverse("participants_assign_facilitator", kwargs={"pk": world.programme.pk}),
        {"participants": [own.pk], "facilitator": world.other_facilitator.pk},
    )

    own.refresh_from_db()
    assert own.facilitator == world.facilitator
    assert not AuditEvent.objects.filter(action="participant.facilitator_changed").exists()
