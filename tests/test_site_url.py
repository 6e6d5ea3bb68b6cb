"""E-mail links come from the address HR used (the request's host and port), else from SITE_URL."""

import pytest
from django.core import mail
from django.urls import reverse

from core import services


@pytest.mark.django_db
def test_an_invitation_sent_from_a_page_links_to_the_port_hr_used(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("invite", kwargs={"pk": world.vefsn.pk}),
            {
                "email": "ny@vefsn.no",
                "first_name": "Ny",
                "last_name": "Leder",
                "role": "participant",
                "programme": world.programme.pk,
            },
            HTTP_HOST="127.0.0.1:8123",
        )

    (message,) = mail.outbox
    assert "http://127.0.0.1:8123/invitasjon/" in message.body
    assert ":8000" not in message.body


@pytest.mark.django_db
def test_invite_all_links_to_the_request_host_too(client, world, django_capture_on_commit_callbacks):
    from tests.test_participant_invite_all import imported

    imported(world, 2)
    client.force_login(world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participant_invite_all", kwargs={"pk": world.programme.pk}), HTTP_HOST="localhost:9000")

    assert mail.outbox
    assert all("http://localhost:9000/invitasjon/" in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_without_a_request_the_link_comes_from_site_url(world, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://lederprogram.example.no/"
    with django_capture_on_commit_callbacks(execute=True):
        services.person_invite(
            invited_by=world.hr,
            municipality=world.vefsn,
            email="uten@vefsn.no",
            role="participant",
            programme=world.programme,
        )

    (message,) = mail.outbox
    assert "https://lederprogram.example.no/invitasjon/" in message.body
