"""Every form of ours refuses a POST without its CSRF token, and nothing changes.

The walk resolves every URL pattern of the project; each one whose view takes POST is posted to
without a token, logged in as HR and as the participant (the admin's as a superuser). A new POST
URL without kwargs here or in the permission matrix fails the test. allauth's pages (/konto/) are
allauth's to guard; the calendar feed is GET only and protected by its token.
"""

import logging
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.test_permissions import MATRIX, POSTS

OUR_APPS = {
    "core",
    "programmes",
    "participants",
    "gatherings",
    "peergroups",
    "evaluation",
    "account",
    "mfa",
    "socialaccount",
}


def _invitation(w):
    from core.models import Invitation

    invitation = Invitation.objects.create(
        email="ny.leder@vefsn.no",
        role=Invitation.Role.PARTICIPANT,
        municipality=w.vefsn,
        programme=w.programme,
        invited_by=w.hr,
        nonce="a" * 32,
        expires_at=timezone.now() + timedelta(days=14),
    )
    return invitation


# POST URLs that are in neither table of tests/test_permissions.py.
EXTRA = {
    "invitation_accept": lambda w: {"pk": (i := _invitation(w)).pk, "token": i.token},
    "invitation_resend": lambda w: {"pk": _invitation(w).pk},
    "participant_import_preview": lambda w: {"pk": w.programme.pk, "token": "opplasting"},
    "participant_invite_all": lambda w: {"pk": w.programme.pk},
    "calendar": lambda w: {},
    "set_language": lambda w: {},
    # Network programmes' forms (tests/test_network_permissions.py has their personas): the CSRF check
    # comes before the view, so any programme or theme day id will do.
    "network_theme_day_create": lambda w: {"pk": w.programme.pk},
    "network_theme_day_held": lambda w: {"pk": 1},
    "network_composition_create": lambda w: {"pk": w.programme.pk},
    "network_programme_create": lambda w: {},
    "network_attendance": lambda w: {"pk": w.programme.pk},
    "network_import": lambda w: {"pk": w.programme.pk},
    "network_invite_all": lambda w: {"pk": w.programme.pk},
}


def _kwargs_for(name):
    if name in POSTS:
        return POSTS[name][0]
    if name in MATRIX:
        return MATRIX[name][0]
    return EXTRA.get(name)


def _takes_post(pattern):
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None:
        return True  # a function view may branch on the method inside: assume it takes POST
    return hasattr(view_class, "post") and "post" in view_class.http_method_names


def _post_patterns():
    """(namespace-qualified name, pattern) for every POST view of ours and the admin's."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern) == "konto/":
                    continue  # allauth's login, MFA and password pages: allauth's own CSRF protection
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and _takes_post(pattern):
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern

    return sorted(walk(get_resolver().url_patterns, None), key=lambda item: item[0])


def _admin_kwargs(pattern, superuser):
    """The admin's URLs take an app label, an object id or a content type; any that resolve will do."""
    converters = pattern.pattern.regex.groupindex
    values = {"object_id": str(superuser.pk), "app_label": "core", "content_type_id": "1", "url": "x"}
    return {key: values.get(key, "1") for key in converters}


def _snapshot():
    """Every row of every model of ours (and of allauth's accounts and MFA), as it stands."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in OUR_APPS:
            rows[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return rows


def test_every_post_url_is_covered():
    names = [name for name, _pattern in _post_patterns() if not name.startswith("admin:")]
    assert "programme_update" in names and "set_language" in names
    assert "calendar_feed" not in names  # GET only, token in the URL
    assert [name for name in names if _kwargs_for(name) is None] == []


@pytest.mark.django_db
def test_no_post_without_a_csrf_token(world, caplog):
    from core.models import User

    superuser = User.objects.create_superuser(email="drift@vefsn.no", password="drift-passord-2026")
    cases = []
    for name, pattern in _post_patterns():
        if name.startswith("admin:"):
            cases.append((reverse(name, kwargs=_admin_kwargs(pattern, superuser)), [superuser]))
        else:
            cases.append((reverse(name, kwargs=_kwargs_for(name)(world)), [world.hr, world.participant]))
    assert len(cases) > 60

    # Logged in before the snapshot: a login writes its own rows (last login, the audit log).
    clients = {}
    for user in (superuser, world.hr, world.participant):
        clients[user] = Client(enforce_csrf_checks=True)
        clients[user].force_login(user)
    before = _snapshot()
    refused = []
    for url, users in cases:
        for user in users:
            client = clients[user]
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
                response = client.post(url, {"title": "Kapret", "recommendation": "Kapret", "language": "en"})
            csrf_refusals = [r for r in caplog.records if r.name == "django.security.csrf"]
            if response.status_code == 403 and len(csrf_refusals) == 1 and "CSRF" in csrf_refusals[0].getMessage():
                refused.append(url)
            else:
                pytest.fail(f"POST {url} as {user.email} answered {response.status_code} without a CSRF token")
            assert "language" not in response.cookies  # set_language did not run either
    assert len(refused) == sum(len(users) for _url, users in cases)
    after = _snapshot()
    assert [label for label in before if before[label] != after[label]] == []
