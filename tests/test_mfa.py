"""Two-step login (allauth.mfa): required for HR, facilitators and staff; optional for participants."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value, yield_hotp_counters_from_time
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.MFA_REQUIRED = True


def _log_in(client, user):
    """Through the login form: allauth then knows when the password was given (set-up needs it to be recent)."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def _code(secret):
    return f"{hotp_value(secret, next(yield_hotp_counters_from_time())):06d}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["hr", "facilitator"])
def test_hr_and_facilitators_must_set_up_two_step_login_first(client, world, persona):
    _log_in(client, getattr(world, persona))
    response = client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before an authenticator is added: a stolen session cannot add one.
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert "må du slå på totrinnsinnlogging før du går videre" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["participant", "executive"])
def test_two_step_login_is_optional_for_others(client, world, persona):
    client.force_login(getattr(world, persona))
    response = client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 200


@pytest.mark.django_db
def test_setting_up_totp_opens_the_pages(client, world):
    _log_in(client, world.hr)
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    response = client.post(
        reverse("account_reauthenticate") + "?next=" + reverse("mfa_activate_totp"), {"password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=world.hr, type=Authenticator.Type.TOTP).count() == 1
    assert client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk})).status_code == 200


@pytest.mark.django_db
def test_login_with_totp_asks_for_the_code_and_audits_the_login(client, world):
    from core.models import AuditEvent

    secret = generate_totp_secret()
    TOTP.activate(world.hr, secret)
    response = client.post(reverse("account_login"), {"login": "hr@vefsn.no", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))

    response = client.post(reverse("mfa_authenticate"), {"code": "000000" if _code(secret) != "000000" else "111111"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.hr.pk)
    assert client.get(reverse("home")).status_code == 200
    assert list(AuditEvent.objects.filter(action="auth.login").values_list("actor__email", flat=True)) == [
        "hr@vefsn.no"
    ]


@pytest.mark.django_db
def test_admin_uses_our_login_and_two_step_login(client, world):
    response = client.get("/admin/")
    assert response.status_code == 302
    login = client.get(response["Location"], follow=True)
    assert login.request["PATH_INFO"] == reverse("account_login")

    world.hr.is_staff = True
    world.hr.save()
    client.force_login(world.hr)
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")
