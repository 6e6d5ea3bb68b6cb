import re

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse

from core.models import User
from sessions.models import Gathering
from tests.conftest import main_text
from tests.factories import PASSWORD


def test_gatherings_app_does_not_take_the_sessions_label():
    assert apps.get_app_config("gatherings").name == "sessions"
    assert apps.get_app_config("sessions").name == "django.contrib.sessions"
    assert Gathering._meta.db_table == "gatherings_gathering"
    assert Session._meta.db_table == "django_session"


@pytest.mark.django_db
def test_login_with_email_keeps_a_django_session(client, world):
    response = client.post(reverse("account_login"), {"login": "HR@vefsn.no", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert Session.objects.count() == 1
    session = Session.objects.get()
    assert session.get_decoded()["_auth_user_id"] == str(world.hr.pk)
    assert "Velkommen, Hanne" in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_wrong_password_is_refused_in_norwegian(client, world):
    response = client.post(reverse("account_login"), {"login": "hr@vefsn.no", "password": "feil-passord-123"})
    assert response.status_code == 200
    assert "E-postadressen eller passordet er feil." in response.content.decode()
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client, world):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "hr@vefsn.no", "password": "feil-passord-123"})
    response = client.post(reverse("account_login"), {"login": "hr@vefsn.no", "password": PASSWORD})
    # allauth refuses even the right password once the key has failed five times in five minutes.
    assert response.status_code == 200
    assert Session.objects.count() == 0
    assert "For mange mislykte innloggingsforsøk." in main_text(response)


def log_in(email, password, **headers):
    """A login from its own browser; REMOTE_ADDR and X-Forwarded-For as the request arrives."""
    from django.test import Client

    browser = Client(**headers)
    return browser.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
def test_a_whole_run_logs_in_from_one_address(world):
    """A run of ~100 leaders in one room, on one wifi: everyone gets in, typos and all."""
    from tests.factories import UserFactory

    room = {"REMOTE_ADDR": "198.51.100.20"}
    people = UserFactory.create_batch(100)
    for person in people[:15]:
        assert log_in(person.email, "feil-passord-123", **room).status_code == 200
    answers = [log_in(person.email, PASSWORD, **room) for person in people]

    assert [answer.status_code for answer in answers] == [302] * 100
    assert Session.objects.count() == 100


@pytest.mark.django_db
def test_guessing_one_account_does_not_lock_out_the_room(world):
    room = {"REMOTE_ADDR": "198.51.100.20"}
    for _ in range(5):
        log_in("hr@vefsn.no", "feil-passord-123", **room)

    refused = log_in("hr@vefsn.no", PASSWORD, **room)
    colleague = log_in("deltaker@vefsn.no", PASSWORD, **room)

    assert "For mange mislykte innloggingsforsøk." in main_text(refused)
    assert colleague.status_code == 302 and colleague["Location"] == reverse("home")


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_client_has_its_own_address(world, settings):
    from core.models import AuditEvent

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(61):  # one client guessing at many accounts trips its own address's limit
        log_in(f"ingen{n}@example.no", "feil-passord-123", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    blocked = log_in("hr@vefsn.no", PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = log_in("hr@vefsn.no", PASSWORD, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")

    assert "For mange mislykte innloggingsforsøk." in main_text(blocked)
    assert other.status_code == 302
    login = AuditEvent.objects.get(action="auth.login")
    assert login.detail["ip"] == "203.0.113.9"  # the client the proxy saw, not the proxy, nor a forged hop


@pytest.mark.django_db
def test_without_trusted_proxies_a_forwarded_for_header_is_ignored(world):
    from core.models import AuditEvent

    answer = log_in("hr@vefsn.no", PASSWORD, REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert answer.status_code == 302
    assert AuditEvent.objects.get(action="auth.login").detail["ip"] == "198.51.100.20"


@pytest.mark.django_db
def test_nobody_can_sign_up(client):
    page = client.get(reverse("account_signup"))
    assert "Ingen selvregistrering" in main_text(page)
    client.post(
        reverse("account_signup"),
        {"email": "selv@example.no", "password1": "et-langt-passord-1", "password2": "et-langt-passord-1"},
    )
    assert not User.objects.filter(email="selv@example.no").exists()


@pytest.mark.django_db
def test_password_reset_by_email_link(client, world):
    response = client.post(reverse("account_reset_password"), {"email": "deltaker@vefsn.no"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^/]+(/konto/password/reset/key/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    short = client.post(action, {"password1": "kort", "password2": "kort"})
    assert "Passordet er for kort. Det må ha minst 12 tegn." in short.content.decode()

    done = client.post(action, {"password1": "nytt-og-langt-2026", "password2": "nytt-og-langt-2026"})
    assert done.status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.check_password("nytt-og-langt-2026")


@pytest.mark.django_db
def test_login_required_everywhere_but_login_pages(client):
    assert client.get(reverse("account_login")).status_code == 200
    assert client.get(reverse("account_reset_password")).status_code == 200
    assert client.get(reverse("home"))["Location"] == "/konto/login/?next=/"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
