import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Invitation, MunicipalityRole, User
from participants.models import Facilitator, Participant
from tests.factories import PASSWORD

NEW_PASSWORD = "sommerfugl-fjord-2026"


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    def _invite(client, world, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return _post_invitation(client, world, **overrides)

    return _invite


def _post_invitation(client, world, **overrides):
    data = {
        "email": "Ny.Leder@Vefsn.no",
        "first_name": "Nora",
        "last_name": "Nilsen",
        "role": "participant",
        "programme": world.programme.pk,
        "job_title": "Enhetsleder",
        "leader_level": "unit",
        "unit": "Hjemmetjenesten",
        "sector": "Helse og omsorg",
    }
    data.update(overrides)
    client.force_login(world.hr)
    return client.post(reverse("invite", kwargs={"pk": world.vefsn.pk}), data)


def accept_link(message):
    return re.search(r"http://[^/]+(/invitasjon/\d+/[0-9a-f]+/)", message.body).group(1)


@pytest.mark.django_db
def test_invite_participant_grants_role_creates_user_and_sends_norwegian_mail(client, world, invite):
    response = invite(client, world)

    assert response.status_code == 302
    assert response["Location"] == reverse("people", kwargs={"pk": world.vefsn.pk})
    user = User.objects.get(email="ny.leder@vefsn.no")
    assert (user.first_name, user.last_name, user.has_usable_password()) == ("Nora", "Nilsen", False)
    participant = Participant.objects.get(user=user)
    assert (participant.programme, participant.job_title, participant.leader_level, participant.unit) == (
        world.programme,
        "Enhetsleder",
        "unit",
        "Hjemmetjenesten",
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny.leder@vefsn.no"]
    assert message.subject == "[Lederprogram] Du er invitert til lederutviklingsprogrammet i Vefsn kommune"
    assert "Du er invitert som deltaker i Vefsn kommune." in message.body
    assert accept_link(message) in message.alternatives[0][0]
    invitation = Invitation.objects.get(email="ny.leder@vefsn.no")
    assert invitation.sent_at is not None and invitation.invited_by == world.hr
    assert AuditEvent.objects.filter(action="role.granted", actor=world.hr).count() == 1


@pytest.mark.django_db
def test_invite_programme_role_without_programme_is_refused_and_nothing_written(client, world, invite):
    response = invite(client, world, programme="")

    assert response.status_code == 200
    assert "Velg program for denne rollen." in response.content.decode()
    assert not User.objects.filter(email="ny.leder@vefsn.no").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_invite_with_other_municipality_programme_is_refused(client, world, invite):
    response = invite(client, world, programme=world.other_programme.pk)

    assert response.status_code == 200
    assert not Participant.objects.filter(programme=world.other_programme, user__email="ny.leder@vefsn.no").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_invite_hr_role_grants_municipality_role(client, world, invite):
    invite(client, world, role="hr", programme="")

    user = User.objects.get(email="ny.leder@vefsn.no")
    assert list(MunicipalityRole.objects.filter(user=user).values_list("role", "municipality")) == [
        ("hr", world.vefsn.pk)
    ]
    assert not Participant.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_hr_of_other_municipality_cannot_invite_here(client, world):
    client.force_login(world.other_hr)
    response = client.post(
        reverse("invite", kwargs={"pk": world.vefsn.pk}),
        {"email": "x@y.no", "first_name": "X", "last_name": "Y", "role": "hr"},
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="x@y.no").exists()


@pytest.mark.django_db
def test_accepting_sets_password_verifies_address_and_logs_in(client, world, invite):
    invite(client, world)
    client.logout()
    link = accept_link(mail.outbox[0])

    page = client.get(link)
    assert "Velkommen, Nora" in page.content.decode()
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = User.objects.get(email="ny.leder@vefsn.no")
    assert user.check_password(NEW_PASSWORD)
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("ny.leder@vefsn.no", True, True)
    ]
    assert Invitation.objects.get(email=user.email).accepted_by == user
    assert "Velkommen, Nora" in client.get(reverse("home")).content.decode()
    # The link is spent.
    client.logout()
    assert client.get(link).status_code == 410


@pytest.mark.django_db
def test_short_password_is_refused_with_norwegian_message(client, world, invite):
    invite(client, world)
    client.logout()
    link = accept_link(mail.outbox[0])

    response = client.post(link, {"password1": "kort-pass", "password2": "kort-pass"})

    assert response.status_code == 200
    assert "Passordet er for kort. Det må ha minst 12 tegn." in response.content.decode()
    assert not User.objects.get(email="ny.leder@vefsn.no").has_usable_password()


@pytest.mark.django_db
def test_mismatched_passwords_are_refused(client, world, invite):
    invite(client, world)
    client.logout()
    response = client.post(accept_link(mail.outbox[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert "Passordene er ikke like." in response.content.decode()
    assert not User.objects.get(email="ny.leder@vefsn.no").has_usable_password()


@pytest.mark.django_db
def test_wrong_token_is_404_and_expired_is_410(client, world, invite):
    invite(client, world)
    client.logout()
    invitation = Invitation.objects.get()
    assert client.get(f"/invitasjon/{invitation.pk}/{'0' * 64}/").status_code == 404

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(accept_link(mail.outbox[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert "Invitasjonen er ikke lenger gyldig" in response.content.decode()
    assert not User.objects.get(email="ny.leder@vefsn.no").has_usable_password()


@pytest.mark.django_db
def test_resend_makes_old_link_useless_and_sends_a_new_one(client, world, invite, django_capture_on_commit_callbacks):
    invite(client, world)
    old_link = accept_link(mail.outbox[0])
    invitation = Invitation.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("invitation_resend", kwargs={"pk": invitation.pk}))

    assert response["Location"] == reverse("people", kwargs={"pk": world.vefsn.pk})
    assert len(mail.outbox) == 2
    new_link = accept_link(mail.outbox[1])
    assert new_link != old_link
    client.logout()
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200


@pytest.mark.django_db
def test_resend_by_other_municipality_hr_is_404(client, world, invite):
    invite(client, world)
    invitation = Invitation.objects.get()
    client.force_login(world.other_hr)
    assert client.post(reverse("invitation_resend", kwargs={"pk": invitation.pk})).status_code == 404
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_existing_user_gets_new_role_and_link_sends_to_login(client, world, invite):
    """An outside facilitator already serving Bindal is invited to Vefsn: no new password."""
    invite(client, world, email=world.other_facilitator.email, role="facilitator")
    assert Facilitator.objects.filter(programme=world.programme, user=world.other_facilitator).exists()
    client.logout()

    response = client.get(accept_link(mail.outbox[0]))

    assert response["Location"] == reverse("account_login")
    world.other_facilitator.refresh_from_db()
    assert world.other_facilitator.check_password(PASSWORD)
    assert Invitation.objects.get().accepted_at is not None
