"""Every view, every persona: what each one gets. Out-of-scope objects answer 404."""

import pytest
from django.urls import get_resolver, reverse

from tests.permission_rows import collect
from tests.personas import ADMIN, ANY_USER, DECIDE, DO, EDIT, HR_ANYWHERE, PERSONAS, SEE, STAFF

# url name -> (kwargs from the world, expected per persona, text a 200 page must show)
MATRIX = {
    "home": (lambda w: {}, ANY_USER, "Velkommen"),
    "programme_list": (lambda w: {}, ANY_USER, "Programmer"),
    "programme_create": (lambda w: {}, HR_ANYWHERE, "Nytt program"),
    "programme_detail": (lambda w: {"pk": w.programme.pk}, SEE, "Lederprogram Vefsn"),
    "programme_update": (lambda w: {"pk": w.programme.pk}, EDIT, "Lederprogram Vefsn"),
    "extension_decision": (lambda w: {"pk": w.programme.pk}, DECIDE, "Lederprogram Vefsn"),
    "extension_gathering_create": (lambda w: {"pk": w.programme.pk}, EDIT, "Lederprogram Vefsn"),
    "programme_participants": (lambda w: {"pk": w.programme.pk}, STAFF, "kollega@vefsn.no"),
    "gathering_detail": (lambda w: {"pk": w.gathering.pk}, SEE, "Samling 1"),
    "gathering_update": (lambda w: {"pk": w.gathering.pk}, EDIT, "Samling 1"),
    "people": (lambda w: {"pk": w.vefsn.pk}, ADMIN, "deltaker@vefsn.no"),
    "invite": (lambda w: {"pk": w.vefsn.pk}, ADMIN, "Vefsn kommune"),
    "gathering_runs": (lambda w: {"pk": w.gathering.pk}, STAFF, "Kulturverkstedet"),
    "run_create": (lambda w: {"pk": w.gathering.pk}, EDIT, "Samling 1"),
    "run_detail": (lambda w: {"pk": w.run.pk}, STAFF, "Kulturverkstedet"),
    "run_update": (lambda w: {"pk": w.run.pk}, EDIT, "Kulturverkstedet"),
    "run_attendance": (lambda w: {"pk": w.run.pk}, STAFF, "Kulturverkstedet"),
    "run_agenda_print": (lambda w: {"pk": w.run.pk}, SEE, "Velkommen"),
    "attendance_overview": (lambda w: {"pk": w.programme.pk}, STAFF, "Oppmøte i hele programmet"),
    "agenda_edit": (lambda w: {"pk": w.gathering.pk}, EDIT, "Velkommen"),
    "agenda_print": (lambda w: {"pk": w.gathering.pk}, SEE, "Velkommen"),
    "agenda_item_update": (lambda w: {"pk": w.agenda_item.pk}, EDIT, "Velkommen"),
    "participant_import": (lambda w: {"pk": w.programme.pk}, EDIT, "Importer deltakere"),
}

# POST-only actions: what each persona gets; refused ones leave no trace in the audit log.
POSTS = {
    "runs_assign": (lambda w: {"pk": w.gathering.pk}, {}, DO),
    "run_move": (lambda w: {"pk": w.run.pk}, {}, DO),
    "run_delete": (lambda w: {"pk": w.run.pk}, {}, DO),
    "agenda_item_delete": (lambda w: {"pk": w.agenda_item.pk}, {}, DO),
}

# Views that are not simple GET pages; each has its own tests.
TESTED_ELSEWHERE = {
    "invitation_accept",  # public, token-protected: tests/test_invitations.py
    "invitation_resend",  # POST only: tests/test_invitations.py
    "runs_assign",
    "run_move",
    "run_delete",
    "agenda_item_delete",
    "set_language",  # Django's own view
    "participant_import_preview",  # needs an upload in the session: tests/test_participant_import.py
    "participant_export",  # a file, not a page: tests/test_participant_export.py
    "participant_invite_all",  # POST: tests/test_participant_invite_all.py
    "calendar",  # tests/test_calendar.py
    "calendar_feed",  # token URL without login: tests/test_calendar.py
    "run_calendar",  # tests/test_calendar.py
}

# Each capability's rows live in tests/permission_rows/<capability>.py.
_MATRIX, _POSTS, _ELSEWHERE = collect()
assert not (set(_MATRIX) & set(MATRIX)) and not (set(_POSTS) & set(POSTS))
MATRIX.update(_MATRIX)
POSTS.update(_POSTS)
TESTED_ELSEWHERE |= _ELSEWHERE | set(_POSTS)


def _cases():
    for name, (kwargs, expected, marker) in MATRIX.items():
        for persona, status in zip(PERSONAS, expected, strict=True):
            yield pytest.param(name, kwargs, persona, status, marker, id=f"{name}-{persona}-{status}")


@pytest.mark.django_db
@pytest.mark.parametrize("name,kwargs,persona,status,marker", list(_cases()))
def test_view_answers_persona(client, world, name, kwargs, persona, status, marker):
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    url = reverse(name, kwargs=kwargs(world))
    response = client.get(url)
    assert response.status_code == status
    body = response.content.decode()
    if status == 200:
        assert marker in body
    elif status == 302:
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
    else:
        assert marker not in body


def test_every_url_of_ours_has_a_row():
    from django.urls import URLResolver

    def names(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                # allauth's and the admin's own pages are theirs to guard (login required or public by design).
                if pattern.app_name == "admin" or str(pattern.pattern) == "konto/":
                    continue
                yield from names(pattern.url_patterns)
            elif pattern.name:
                yield pattern.name

    ours = set(names(get_resolver().url_patterns))
    assert "gathering_update" in ours
    assert ours - set(MATRIX) - TESTED_ELSEWHERE == set()


@pytest.mark.django_db
def test_other_municipality_gathering_is_404_for_hr(client, world):
    client.force_login(world.hr)
    response = client.get(reverse("gathering_detail", kwargs={"pk": world.other_gathering.pk}))
    assert response.status_code == 404
    assert "Lederløftet Bindal" not in response.content.decode()


@pytest.mark.django_db
def test_shared_facilitator_sees_both_municipalities_programmes(client, world):
    from participants.models import Facilitator

    Facilitator.objects.create(programme=world.other_programme, user=world.facilitator)
    client.force_login(world.facilitator)
    body = client.get(reverse("programme_list")).content.decode()
    assert "Lederprogram Vefsn" in body
    assert "Lederløftet Bindal" in body
    assert client.get(reverse("programme_participants", kwargs={"pk": world.other_programme.pk})).status_code == 200


@pytest.mark.django_db
def test_post_to_edit_is_refused_for_participant_and_nothing_changes(client, world):
    client.force_login(world.participant)
    response = client.post(
        reverse("gathering_update", kwargs={"pk": world.gathering.pk}), {"title": "Kapret", "days": 1}
    )
    assert response.status_code == 403
    world.gathering.refresh_from_db()
    assert world.gathering.title == "Samling 1"


def _post_cases():
    for name, (kwargs, data, expected) in POSTS.items():
        for persona, status in zip(PERSONAS, expected, strict=True):
            yield pytest.param(name, kwargs, data, persona, status, id=f"{name}-{persona}-{status}")


@pytest.mark.django_db
@pytest.mark.parametrize("name,kwargs,data,persona,status", list(_post_cases()))
def test_post_action_answers_persona(client, world, name, kwargs, data, persona, status):
    from core.models import AuditEvent

    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    url = reverse(name, kwargs=kwargs(world))
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = client.post(url, data)
    assert response.status_code == status
    if status == 302 and persona == "anonymous":
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
    new = list(AuditEvent.objects.exclude(pk__in=before).values_list("action", "actor__email", "detail__status"))
    if status in (403, 404):
        # A refusal changes nothing; at most it leaves its own trace: who reached for what
        # (views on ScopedObjectMixin record it; tests/test_audit_log.py).
        assert set(new) <= {("access.denied", getattr(world, persona).email, status)}
    elif persona == "anonymous":
        assert new == []
