"""Before two-step login is set up, HR reaches only what setting it up needs, and logging out."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.MFA_REQUIRED = True


@pytest.fixture
def hr_without_two_step(client, world):
    response = client.post(reverse("account_login"), {"login": world.hr.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "socialaccount_connections",
        "account_change_password",
        "account_set_password",
        "mfa_deactivate_totp",
        "home",
    ],
)
def test_other_account_pages_send_to_the_set_up(hr_without_two_step, name):
    response = hr_without_two_step.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,status",
    [
        ("mfa_index", 200),
        ("account_reauthenticate", 200),
        # allauth asks for the password again first (a stolen session cannot add an authenticator).
        ("mfa_activate_totp", 302),
        # Recovery codes exist only once an authenticator does: allauth's own 404 until then.
        ("mfa_view_recovery_codes", 404),
        ("account_logout", 200),
    ],
)
def test_the_enrolment_pages_and_logout_stay_open(hr_without_two_step, name, status):
    response = hr_without_two_step.get(reverse(name))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_reauthenticate"))


@pytest.mark.django_db
def test_logging_out_works_before_the_set_up(hr_without_two_step):
    response = hr_without_two_step.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in hr_without_two_step.session
