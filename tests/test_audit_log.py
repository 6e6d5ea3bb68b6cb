"""HR's audit log page: their municipality's rows only, filterable, never content; denied access is logged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.services import audit_log
from tests.conftest import main_text


def _rows(response, since=frozenset()):
    """The page's rows, leaving out those that were there before the test began (the world's own)."""
    return [
        (e.actor.email if e.actor else None, e.action)
        for e in response.context["page"].object_list
        if e.pk not in since
    ]


def _existing():
    return frozenset(AuditEvent.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_hr_sees_their_municipalitys_rows_and_not_bindals(client, world):
    since = _existing()
    audit_log(actor=world.participant, action="calendar_feed.renewed", target=world.participant)
    audit_log(actor=world.other_hr, action="programme.updated", target=world.other_programme, municipality=world.bindal)
    audit_log(actor=world.hr, action="programme.updated", target=world.programme, municipality=world.vefsn)
    client.post(reverse("account_login"), {"login": "kollega@vefsn.no", "password": "galt-passord-123"})
    client.post(reverse("account_login"), {"login": "hr@bindal.no", "password": "galt-passord-123"})
    client.force_login(world.hr)
    response = client.get(reverse("audit_log", kwargs={"pk": world.vefsn.pk}))
    assert _rows(response, since) == [
        ("hr@vefsn.no", "auth.login"),
        (None, "auth.login_failed"),
        ("hr@vefsn.no", "programme.updated"),
        ("deltaker@vefsn.no", "calendar_feed.renewed"),
    ]
    text = main_text(response)
    assert "Programmet endret" in text and "Kalenderlenke fornyet" in text
    assert "kollega@vefsn.no Mislykket innlogging" in text
    assert "hr@bindal.no" not in text


@pytest.mark.django_db
def test_filters_by_action_person_and_dates(client, world):
    AuditEvent.objects.all().delete()
    old = audit_log(actor=world.hr, action="programme.updated", target=world.programme, municipality=world.vefsn)
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    audit_log(actor=world.hr, action="programme.updated", target=world.programme, municipality=world.vefsn)
    audit_log(actor=world.participant, action="calendar_feed.renewed", target=world.participant)
    client.force_login(world.hr)
    url = reverse("audit_log", kwargs={"pk": world.vefsn.pk})

    assert _rows(client.get(url, {"action": "programme.updated"})) == [("hr@vefsn.no", "programme.updated")] * 2
    assert _rows(client.get(url, {"person": "deltaker@"})) == [("deltaker@vefsn.no", "calendar_feed.renewed")]
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert _rows(client.get(url, {"action": "programme.updated", "date_from": since})) == [
        ("hr@vefsn.no", "programme.updated")
    ]
    response = client.get(url, {"date_from": "2027-01-02", "date_to": "2027-01-01"})
    assert "Fra-datoen kan ikke være etter til-datoen." in main_text(response)
    assert len(_rows(response)) == 4  # a bad filter filters nothing


@pytest.mark.django_db
def test_denied_access_is_logged_without_content(client, world):
    client.force_login(world.other_hr)
    response = client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 404
    row = AuditEvent.objects.get(action="access.denied")
    assert (row.actor, row.target_type, row.target_id) == (
        world.other_hr,
        "programmes.Programme",
        str(world.programme.pk),
    )
    assert row.detail == {
        "status": 404,
        "method": "GET",
        "path": f"/programmer/{world.programme.pk}/",
        "ip": "127.0.0.1",
    }

    client.force_login(world.participant)
    assert client.get(reverse("gathering_update", kwargs={"pk": world.gathering.pk})).status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor=world.participant, detail__status=403).count() == 1

    # An id that does not exist at all is not an attempt on anyone's data.
    before = AuditEvent.objects.count()
    assert client.get(reverse("programme_detail", kwargs={"pk": 999999})).status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 120])
def test_audit_log_query_count(client, world, django_assert_num_queries, extra):
    AuditEvent.objects.all().delete()
    AuditEvent.objects.bulk_create(
        AuditEvent(actor=world.hr, municipality=world.vefsn, action="programme.updated") for _ in range(extra)
    )
    client.force_login(world.hr)
    # session, user, roles, municipality, count, page of rows with their actors
    with django_assert_num_queries(6):
        response = client.get(reverse("audit_log", kwargs={"pk": world.vefsn.pk}))
    assert len(response.context["page"].object_list) == min(50, extra + 1)


def test_every_action_the_code_writes_has_a_norwegian_label():
    """A new audit action without a label would show HR a bare code."""
    import re
    from pathlib import Path

    from django.conf import settings

    from core.audit import ACTION_LABELS

    written = set()
    for app in ("core", "programmes", "participants", "sessions", "peergroups", "evaluation"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            written |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', path.read_text()))
    written |= {f"{what}.viewed" for what in ("baseline", "plan", "plan_pdf", "profile", "profile_report")}
    assert written - set(ACTION_LABELS.keys()) == set()
