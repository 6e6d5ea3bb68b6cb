"""Passwords are hashed with Argon2id at OWASP's parameters, and older hashes upgrade at login (issue 21).

The rest of the suite hashes with MD5 for speed (conftest); these tests put the production list back."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher, identify_hasher, make_password
from django.urls import reverse

from core.models import User
from lederprogram import settings as production_settings

PASSWORD = "et-langt-passord-2026"
OWASP_PREFIX = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS


def stored_hash(user):
    return User.objects.values_list("password", flat=True).get(pk=user.pk)


def test_the_first_hasher_is_argon2id_with_owasps_parameters(production_hashers):
    encoded = make_password(PASSWORD)
    assert encoded.startswith(OWASP_PREFIX)
    assert identify_hasher(encoded).verify(PASSWORD, encoded)
    assert not identify_hasher(encoded).verify("et-annet-passord", encoded)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old_hasher",
    [PBKDF2PasswordHasher(), Argon2PasswordHasher()],  # Django's default before, Django's own Argon2 profile
    ids=["pbkdf2", "argon2-django-default"],
)
def test_an_older_hash_is_replaced_at_the_next_login_through_the_form(client, world, production_hashers, old_hasher):
    user = world.participant
    old = old_hasher.encode(PASSWORD, old_hasher.salt())
    User.objects.filter(pk=user.pk).update(password=old)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    new = stored_hash(user)
    assert new.startswith(OWASP_PREFIX) and new != old
    # The new hash logs in as well, and is then left as it is.
    client.logout()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert stored_hash(user) == new
    assert client.get(reverse("home")).context["user"] == user


@pytest.mark.django_db
def test_a_wrong_password_leaves_the_old_hash(client, world, production_hashers):
    user = world.participant
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    User.objects.filter(pk=user.pk).update(password=old)

    response = client.post(reverse("account_login"), {"login": user.email, "password": "feil-passord-123"})

    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert stored_hash(user) == old
