"""The case log: who reads a case (and is logged reading it), who logs and edits one."""

import datetime
import json

import pytest
from django.urls import reverse

from core.models import AuditEvent
from participants.models import Participant
from peergroups.models import Case, CaseTheme, PeerGroupMember
from tests.conftest import main_text
from tests.factories import ParticipantFactory

SITUATION = "En avdeling med mange ubesatte vakter i helgene."


def case_pages(world):
    case, group = world.pg_case, world.pg_north
    return [
        reverse("case_detail", kwargs={"pk": case.pk}),
        reverse("case_update", kwargs={"pk": case.pk}),
        reverse("case_follow_up", kwargs={"pk": case.pk}),
        reverse("case_list", kwargs={"pk": group.pk}),
        reverse("case_create", kwargs={"pk": group.pk}),
        reverse("meeting_update", kwargs={"pk": world.pg_meeting.pk}),
    ]


# Every persona the issue names, with what the case pages answer them.
READERS = {
    "participant": 200,  # a member of the group
    "facilitator": 200,  # the group's facilitator
    "peer": 404,  # a member of another group
    "pg_facilitator2": 404,  # another group's facilitator in the same programme
    "other_facilitator": 404,  # a facilitator in another municipality
    "hr": 404,
    "executive": 404,
    "other_hr": 404,  # HR of another municipality
    "outsider": 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona,status", READERS.items())
def test_case_pages_answer_only_the_group_and_its_facilitator(client, world, persona, status):
    client.force_login(getattr(world, persona))

    for url in case_pages(world):
        response = client.get(url)
        assert response.status_code == status, url
        body = response.content.decode()
        assert (SITUATION in body) == (status == 200 and "/lederutfordringer/" in url and "oppfolging" not in url)
        if status == 404:
            assert "Turnus" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["hr", "pg_facilitator2"])
def test_staff_see_the_group_but_not_its_cases_or_summaries(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.get(reverse("peergroup_detail", kwargs={"pk": world.pg_north.pk}))

    text = main_text(response)
    assert "Ingrid Deltakersen" in text
    assert "Biblioteket, møterom 2" in text
    assert "Turnus som ingen vil ha" not in text
    assert "Vi snakket om turnus" not in text
    assert "Gruppas lederutfordringer og møteoppsummeringer leses bare av medlemmene og prosessveilederen." in text
    assert "recent_cases" not in response.context
    assert not AuditEvent.objects.filter(action="case.read").exists()


@pytest.mark.django_db
def test_members_see_their_groups_cases_and_summaries(client, world):
    client.force_login(world.participant)

    text = main_text(client.get(reverse("peergroup_detail", kwargs={"pk": world.pg_north.pk})))

    assert "Turnus som ingen vil ha" in text
    assert "Vi snakket om turnus og sykefravær." in text


def reads():
    return list(AuditEvent.objects.filter(action="case.read").order_by("pk"))


@pytest.mark.django_db
def test_every_read_by_the_facilitator_is_logged_without_content(client, world):
    client.force_login(world.facilitator)
    case = world.pg_case

    client.get(reverse("case_detail", kwargs={"pk": case.pk}))
    client.get(reverse("case_detail", kwargs={"pk": case.pk}))
    client.get(reverse("case_list", kwargs={"pk": world.pg_north.pk}))
    client.get(reverse("peergroup_detail", kwargs={"pk": world.pg_north.pk}))
    client.get(reverse("case_round", kwargs={"pk": world.programme.gatherings.get(number=2).pk}))
    client.get(reverse("case_update", kwargs={"pk": case.pk}))
    client.get(reverse("case_follow_up", kwargs={"pk": case.pk}))

    events = reads()
    assert [(e.actor, e.target_type, e.target_id, e.detail["via"]) for e in events] == [
        (world.facilitator, "peergroups.Case", str(case.pk), via)
        for via in ("page", "page", "list", "group", "case_round", "edit", "follow_up")
    ]
    assert all(e.municipality == world.vefsn and e.detail["group"] == world.pg_north.pk for e in events)
    logged = json.dumps([e.detail for e in events], ensure_ascii=False)
    assert "Turnus" not in logged and "helg" not in logged


@pytest.mark.django_db
def test_members_reading_their_own_groups_cases_are_not_logged(client, world):
    client.force_login(world.participant)

    response = client.get(reverse("case_detail", kwargs={"pk": world.pg_case.pk}))

    assert SITUATION in main_text(response)
    assert reads() == []


@pytest.mark.django_db
def test_a_member_logs_their_own_case_with_themes_and_links(client, world):
    client.force_login(world.participant)
    url = reverse("case_create", kwargs={"pk": world.pg_north.pk})
    form = client.get(url)
    assert "Ikke skriv navn." in main_text(form)
    assert "Skriv aldri navn på ansatte, brukere eller andre som kan kjennes igjen." in main_text(form)
    assert "brought_by" not in form.context["form"].fields
    conflict = CaseTheme.objects.get(programme=world.programme, code="conflict")
    value = world.programme.values.create(name="ansvar")

    response = client.post(
        url,
        {
            "title": "Uenighet om hjemmekontor",
            "situation": "To team har ulike regler for hjemmekontor.",
            "challenge": "Hvordan lage felles regler uten å miste de beste folkene?",
            "tried": "Et allmøte.",
            "discussed_on": "2026-11-03",
            "meeting": world.pg_meeting.pk,
            "themes": [conflict.pk],
            "values": [value.pk],
            "ten_factors": ["autonomy", "role_clarity"],
        },
    )

    case = Case.objects.get(title="Uenighet om hjemmekontor")
    assert response["Location"] == reverse("case_detail", kwargs={"pk": case.pk})
    participant = Participant.objects.get(user=world.participant, programme=world.programme)
    assert (case.group, case.brought_by, case.created_by, case.meeting) == (
        world.pg_north,
        participant,
        world.participant,
        world.pg_meeting,
    )
    assert case.discussed_on == datetime.date(2026, 11, 3)
    assert list(case.themes.all()) == [conflict]
    assert list(case.values.all()) == [value]
    assert case.ten_factors == ["autonomy", "role_clarity"]
    event = AuditEvent.objects.get(action="case.created")
    assert (event.actor, event.target_id, event.detail) == (
        world.participant,
        str(case.pk),
        {"group": world.pg_north.pk},
    )

    text = main_text(client.get(response["Location"]))
    for shown in ("Uenighet om hjemmekontor", "Konflikt", "ansvar", "Autonomi", "Rolleklarhet", "Et allmøte."):
        assert shown in text


@pytest.mark.django_db
def test_the_facilitator_logs_a_case_for_a_member_and_a_follow_up_the_member_reads(client, world):
    participant = Participant.objects.get(user=world.participant, programme=world.programme)
    client.force_login(world.facilitator)

    response = client.post(
        reverse("case_create", kwargs={"pk": world.pg_north.pk}),
        {
            "brought_by": participant.pk,
            "title": "Sykefravær i en liten enhet",
            "situation": "Høyt sykefravær over tid.",
            "challenge": "Hva kan jeg gjøre nå?",
            "discussed_on": "2026-11-03",
        },
    )
    case = Case.objects.get(title="Sykefravær i en liten enhet")
    assert (case.brought_by, case.created_by) == (participant, world.facilitator)

    response = client.post(
        reverse("case_follow_up", kwargs={"pk": case.pk}),
        {"follow_up": "Tett dialog med bedriftshelsetjenesten; fraværet har gått ned.", "follow_up_on": "2026-12-01"},
    )
    assert response["Location"] == reverse("case_detail", kwargs={"pk": case.pk})
    case.refresh_from_db()
    assert (case.follow_up_on, case.follow_up[:15]) == (datetime.date(2026, 12, 1), "Tett dialog med")
    assert AuditEvent.objects.filter(action="case.followed_up", target_id=str(case.pk)).count() == 1

    client.force_login(world.participant)
    text = main_text(client.get(reverse("case_detail", kwargs={"pk": case.pk})))
    assert "Tett dialog med bedriftshelsetjenesten; fraværet har gått ned." in text


@pytest.mark.django_db
def test_another_member_reads_but_cannot_edit_someone_elses_case(client, world):
    other = ParticipantFactory(programme=world.programme)
    PeerGroupMember.objects.create(group=world.pg_north, participant=other)
    client.force_login(other.user)

    assert SITUATION in main_text(client.get(reverse("case_detail", kwargs={"pk": world.pg_case.pk})))
    for name in ("case_update", "case_follow_up"):
        response = client.post(reverse(name, kwargs={"pk": world.pg_case.pk}), {"title": "Kapret", "follow_up": "x"})
        assert response.status_code == 403
    world.pg_case.refresh_from_db()
    assert (world.pg_case.title, world.pg_case.follow_up) == ("Turnus som ingen vil ha", "")


@pytest.mark.django_db
def test_bad_input_gives_a_norwegian_message_and_saves_nothing(client, world):
    client.force_login(world.facilitator)
    before = Case.objects.count()

    response = client.post(
        reverse("case_create", kwargs={"pk": world.pg_north.pk}),
        {
            "brought_by": Participant.objects.get(user=world.peer).pk,  # in another group
            "title": "",
            "situation": "Noe",
            "challenge": "Noe",
            "discussed_on": "2026-11-03",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == ["Feltet er påkrevet."]
    assert "Velg et gyldig valg" in errors["brought_by"][0]
    assert Case.objects.count() == before

    response = client.post(reverse("case_follow_up", kwargs={"pk": world.pg_case.pk}), {"follow_up": "   "})
    assert response.context["form"].errors["follow_up"] == ["Feltet er påkrevet."]
    world.pg_case.refresh_from_db()
    assert world.pg_case.follow_up == ""


@pytest.mark.django_db
def test_the_case_round_shows_the_facilitators_groups_cases_since_the_previous_gathering(client, world):
    first, second = world.programme.gatherings.get(number=1), world.programme.gatherings.get(number=2)
    first.start_date, second.start_date = datetime.date(2026, 10, 1), datetime.date(2026, 12, 1)
    first.save()
    second.save()
    old = Case.objects.create(
        group=world.pg_north,
        title="Gammel sak fra før samling 1",
        situation="x",
        challenge="y",
        discussed_on=datetime.date(2026, 9, 20),
    )
    Case.objects.create(
        group=world.pg_south,
        title="Sak i Gruppe Sør",
        situation="x",
        challenge="y",
        discussed_on=datetime.date(2026, 11, 5),
    )
    world.pg_case.follow_up = "Turnusen ble lagt om."
    world.pg_case.save()
    client.force_login(world.facilitator)

    response = client.get(reverse("case_round", kwargs={"pk": second.pk}))

    text = main_text(response)
    assert [c.pk for c in response.context["cases"]] == [world.pg_case.pk]
    assert "Turnus som ingen vil ha" in text and "Turnusen ble lagt om." in text
    assert old.title not in text and "Sak i Gruppe Sør" not in text
    assert "siden forrige samling (Samling 1, avsluttet 1. oktober 2026)" in text
