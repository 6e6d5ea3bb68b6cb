"""Login with Microsoft Entra ID: the whole OAuth round trip through allauth, with Microsoft's two
HTTP endpoints (token, Graph /me) answered here instead of over the network."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.urls import reverse

from core.models import AuditEvent, User
from tests.conftest import main_text

TENANT = "3f2b9c1e-5d4a-4e8b-9a7c-1b2d3e4f5a6b"
LOGIN_URL = "/konto/microsoft/login/"


@pytest.fixture
def entra(db, settings):
    settings.ENTRA_LOGIN = True
    return SocialApp.objects.create(
        provider="microsoft",
        name="Vefsn kommune (Entra ID)",
        client_id="vefsn-client-id",
        secret="vefsn-client-secret",
        settings={"tenant": TENANT},
    )


class Microsoft:
    """Microsoft's side: the token endpoint and Graph's /me, as `requests` would reach them."""

    def __init__(self, monkeypatch, profile):
        self.profile = profile
        self.calls = []
        monkeypatch.setattr(requests.Session, "request", self.request)

    def request(self, method, url, *args, **kwargs):
        self.calls.append((method, url))
        if url == f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token":
            body = {"access_token": "access-token", "token_type": "Bearer", "expires_in": 3600}
        elif url == "https://graph.microsoft.com/v1.0/me":
            body = self.profile
        else:
            raise AssertionError(f"unexpected request to {url}")
        response = requests.models.Response()
        response.status_code = 200
        response.headers["Content-Type"] = "application/json"
        response._content = json.dumps(body).encode()
        response.url = url
        return response


def profile(email, uid="00000000-0000-0000-0000-0000000000aa"):
    return {"id": uid, "mail": email, "userPrincipalName": email, "givenName": "Hanne", "surname": "Rådgiver"}


def login_with_microsoft(client):
    """The button's POST, Microsoft's redirect back with a code, and where it ends."""
    start = client.post(f"{LOGIN_URL}?process=login")
    assert start.status_code == 302
    authorize = urlparse(start["Location"])
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == (
        f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/authorize"
    )
    state = parse_qs(authorize.query)["state"][0]
    return client.get(f"{LOGIN_URL}callback/", {"code": "authorization-code", "state": state}, follow=True)


def test_an_existing_user_logs_in_with_microsoft(client, world, entra, monkeypatch):
    microsoft = Microsoft(monkeypatch, profile("HR@vefsn.no"))  # Entra's capitals are not ours
    EmailAddress.objects.create(user=world.hr, email="hr@vefsn.no", verified=True, primary=True)
    users = User.objects.count()

    response = login_with_microsoft(client)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == world.hr
    assert [m for m, _url in microsoft.calls] == ["POST", "GET"]
    assert User.objects.count() == users
    account = SocialAccount.objects.get()
    assert (account.user, account.provider, account.uid) == (world.hr, "microsoft", profile("")["id"])
    assert list(AuditEvent.objects.filter(action="auth.login").values_list("actor__email", flat=True)) == [
        "hr@vefsn.no"
    ]
    world.hr.refresh_from_db()
    assert world.hr.has_usable_password()  # the password login still works

    # The next time, the connected account finds the user even if the address has changed at Microsoft.
    client.logout()
    microsoft.profile = profile("hanne.radgiver@vefsn.no")
    assert login_with_microsoft(client).context["user"] == world.hr


def test_an_unknown_address_is_refused_and_no_user_is_made(client, world, entra, monkeypatch):
    Microsoft(monkeypatch, profile("ukjent@vefsn.no"))
    users = User.objects.count()

    response = login_with_microsoft(client)

    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert not response.context["user"].is_authenticated
    assert "Microsoft-kontoen din passer ikke med noen bruker i Lederprogram" in main_text(response)
    assert User.objects.count() == users
    assert not SocialAccount.objects.exists()
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert (failed.actor, failed.detail["email"]) == (None, "ukjent@vefsn.no")


def test_an_unverified_address_is_refused(client, world, entra, monkeypatch):
    Microsoft(monkeypatch, profile("hr@vefsn.no"))
    EmailAddress.objects.create(user=world.hr, email="hr@vefsn.no", verified=False, primary=True)

    response = login_with_microsoft(client)

    assert not response.context["user"].is_authenticated
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize("tenant", ["common", "organizations", "consumers"])
def test_a_shared_microsoft_authority_logs_nobody_in(client, world, entra, monkeypatch, tenant):
    # Any Microsoft account can say it is hr@vefsn.no there; only the municipality's tenant is believed.
    import tests.test_entra as here

    entra.settings = {"tenant": tenant}
    entra.save()
    monkeypatch.setattr(here, "TENANT", tenant)
    Microsoft(monkeypatch, profile("hr@vefsn.no"))
    EmailAddress.objects.create(user=world.hr, email="hr@vefsn.no", verified=True, primary=True)

    response = login_with_microsoft(client)

    assert not response.context["user"].is_authenticated
    assert not SocialAccount.objects.exists()


def test_email_domains_limit_whom_the_tenant_speaks_for(client, world, entra, monkeypatch):
    entra.settings = {"tenant": TENANT, "email_domains": ["vefsn.kommune.no"]}
    entra.save()
    Microsoft(monkeypatch, profile("hr@vefsn.no"))
    EmailAddress.objects.create(user=world.hr, email="hr@vefsn.no", verified=True, primary=True)

    response = login_with_microsoft(client)

    assert not response.context["user"].is_authenticated


@pytest.mark.parametrize("counts", [False, True])
def test_hr_must_still_set_up_totp_unless_entra_counts_as_mfa(client, world, entra, monkeypatch, settings, counts):
    settings.MFA_REQUIRED = True
    settings.ENTRA_COUNTS_AS_MFA = counts
    Microsoft(monkeypatch, profile("hr@vefsn.no"))
    EmailAddress.objects.create(user=world.hr, email="hr@vefsn.no", verified=True, primary=True)

    response = login_with_microsoft(client)

    assert response.context["user"] == world.hr
    chain = [url for url, _status in response.redirect_chain]
    # Sent to set up TOTP (allauth first asks to confirm who they are), or straight on to the start page.
    assert (reverse("mfa_activate_totp") in chain) is not counts
    assert chain[-1] == (
        reverse("home") if counts else f"{reverse('account_reauthenticate')}?next=%2Fkonto%2F2fa%2Ftotp%2Factivate%2F"
    )
    assert not Authenticator.objects.exists()


def test_a_password_login_of_the_same_user_still_needs_totp(client, world, entra, settings):
    settings.MFA_REQUIRED = True
    settings.ENTRA_COUNTS_AS_MFA = True
    world.hr.set_password("et-langt-passord-2026")
    world.hr.save()

    response = client.post(
        reverse("account_login"), {"login": "hr@vefsn.no", "password": "et-langt-passord-2026"}, follow=True
    )

    assert reverse("mfa_activate_totp") in [url for url, _status in response.redirect_chain]


def test_the_button_shows_only_with_a_configured_app(client, db, settings):
    settings.ENTRA_LOGIN = True
    assert "Logg inn med Microsoft" not in client.get(reverse("account_login")).content.decode()
    assert client.post(LOGIN_URL).status_code == 404

    SocialApp.objects.create(
        provider="microsoft", name="Entra", client_id="id", secret="s", settings={"tenant": TENANT}
    )
    body = client.get(reverse("account_login")).content.decode()
    assert "Logg inn med Microsoft" in body
    assert f'action="{LOGIN_URL}?process=login"' in body

    # An app without ENTRA_LOGIN (and so without Microsoft in the form-action) is not offered.
    settings.ENTRA_LOGIN = False
    assert "Logg inn med Microsoft" not in client.get(reverse("account_login")).content.decode()
    assert client.post(LOGIN_URL).status_code == 404


def test_form_action_allows_microsoft_only_when_entra_login_is_on():
    import os
    import subprocess
    import sys

    def form_action(**env):
        code = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
        out = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "lederprogram.settings", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    assert form_action(ENTRA_LOGIN="0") == "[\"'self'\"]"
    assert form_action(ENTRA_LOGIN="1") == "[\"'self'\", 'https://login.microsoftonline.com']"
