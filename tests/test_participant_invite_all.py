"""HR invites every imported participant in one action; nobody gets the e-mail twice."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Invitation
from participants.tasks import send_invitations
from tests.conftest import main_text
from tests.factories import ParticipantFactory, UserFactory
from tests.personas import DO, PERSONAS


def imported(world, count):
    """Participants as an import leaves them: users without a usable password, no invitation."""
    participants = []
    for n in range(count):
        user = UserFactory(email=f"leder{n}@vefsn.no")
        user.set_unusable_password()
        user.save()
        participants.append(ParticipantFactory(programme=world.programme, user=user))
    return participants


def invite_all_url(world):
    return reverse("participant_invite_all", kwargs={"pk": world.programme.pk})


def list_url(world):
    return reverse("programme_participants", kwargs={"pk": world.programme.pk})


@pytest.mark.django_db
def test_one_click_invites_everyone_not_invited_and_a_second_click_nobody(
    client, world, django_capture_on_commit_callbacks
):
    imported(world, 12)
    client.force_login(world.hr)
    page = client.get(list_url(world))
    assert "12 deltakere er ikke invitert ennå." in main_text(page)
    assert page.content.decode().count('<span class="badge text-bg-secondary">Ikke invitert</span>') == 12

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(invite_all_url(world))

    assert response.status_code == 302
    assert response["Location"] == list_url(world)
    assert len(callbacks) == 1  # one task for all of them
    invitations = Invitation.objects.filter(programme=world.programme).order_by("email")
    assert [i.email for i in invitations] == sorted(f"leder{n}@vefsn.no" for n in range(12))
    first = invitations[0]
    assert (first.role, first.municipality, first.invited_by, len(first.nonce)) == (
        "participant",
        world.vefsn,
        world.hr,
        32,
    )
    assert timedelta(days=13, hours=23) < first.expires_at - timezone.now() <= timedelta(days=14)
    assert all(i.sent_at is not None for i in invitations)
    assert len({i.nonce for i in invitations}) == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"leder{n}@vefsn.no" for n in range(12))
    assert all(re.search(r"/invitasjon/\d+/[0-9a-f]+/", m.body) for m in mail.outbox)
    event = AuditEvent.objects.get(action="participants.invited")
    assert (event.actor, event.target_id, event.detail) == (world.hr, str(world.programme.pk), {"count": 12})
    page = client.get(response["Location"])
    assert "12 deltakere ble invitert. E-postene er på vei." in main_text(page)
    assert "Send invitasjon til alle som ikke er invitert" not in main_text(page)
    assert page.content.decode().count('<span class="badge text-bg-warning">Invitert</span>') == 12

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(invite_all_url(world))

    assert callbacks == []
    assert Invitation.objects.count() == 12
    assert len(mail.outbox) == 12
    assert "Alle har allerede en konto eller en åpen invitasjon. Ingen nye ble invitert." in main_text(
        client.get(response["Location"])
    )


@pytest.mark.django_db
def test_a_retried_task_sends_nothing_twice(client, world, django_capture_on_commit_callbacks):
    imported(world, 3)
    client.force_login(world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(invite_all_url(world))
    ids = list(Invitation.objects.values_list("pk", flat=True))

    assert send_invitations(ids) == 0

    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_who_is_invited(client, world, django_capture_on_commit_callbacks):
    """Not those with a password, nor those with an open invitation; yes those whose invitation expired."""
    fresh, open_, expired, accepted_elsewhere = imported(world, 4)
    for participant, expires_in in ((open_, 3), (expired, -1)):
        Invitation.objects.create(
            email=participant.user.email,
            role="participant",
            municipality=world.vefsn,
            programme=world.programme,
            nonce="x",
            expires_at=timezone.now() + timedelta(days=expires_in),
        )
    # An open invitation to another programme does not count for this one.
    Invitation.objects.create(
        email=accepted_elsewhere.user.email,
        role="participant",
        municipality=world.bindal,
        programme=world.other_programme,
        nonce="x",
        expires_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(world.hr)
    assert "3 deltakere er ikke invitert ennå." in main_text(client.get(list_url(world)))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(invite_all_url(world))

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in (fresh, expired, accepted_elsewhere))
    assert Invitation.objects.filter(email=open_.user.email).count() == 1


@pytest.mark.django_db
def test_get_is_not_allowed(client, world):
    imported(world, 1)
    client.force_login(world.hr)
    assert client.get(invite_all_url(world)).status_code == 405
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_button_is_hr_only(client, world):
    imported(world, 2)
    client.force_login(world.facilitator)
    response = client.get(list_url(world))
    assert response.status_code == 200
    assert "Send invitasjon til alle som ikke er invitert" not in main_text(response)
    client.force_login(world.hr)
    assert "Send invitasjon til alle som ikke er invitert" in main_text(client.get(list_url(world)))


EXPECTED = DO


@pytest.mark.django_db
@pytest.mark.parametrize("persona,status", list(zip(PERSONAS, EXPECTED, strict=True)))
def test_invite_all_per_persona(client, world, django_capture_on_commit_callbacks, persona, status):
    imported(world, 2)
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_all_url(world))
    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"] == f"{reverse('account_login')}?next={invite_all_url(world)}"
    if persona == "hr":
        assert response["Location"] == list_url(world)
        assert (Invitation.objects.count(), len(mail.outbox)) == (2, 2)
    else:
        assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)
        assert not AuditEvent.objects.filter(action="participants.invited").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 40])
def test_participant_list_with_statuses_query_count(client, world, django_assert_num_queries, extra):
    imported(world, extra)
    client.force_login(world.hr)
    # session, user, roles, programme, facilitators, the filters' units and sectors, runs, the count and
    # the page of participants (with open-invitation subquery), how many are not invited
    with django_assert_num_queries(10):
        response = client.get(list_url(world))
    assert len(response.context["participants"]) == 2 + extra
    assert response.context["not_invited_count"] == extra
