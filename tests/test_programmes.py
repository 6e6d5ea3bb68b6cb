import datetime

import pytest
from django.urls import reverse

from core.models import AuditEvent
from programmes.models import Programme, ProgrammeGoal
from sessions.models import Gathering
from tests.conftest import main_text

FORM = {
    "name": "Lederløft 2027",
    "start_date": "2027-01-10",
    "end_date": "",
    "main_goal": "En felles plattform for utøvelse av ledelse",
    "goals": "Overfor ansatte\n\n  I samspill med brukerne  \nOverfor ansatte",
    "values": "humør\nansvar\nnysgjerrighet\nengasjement",
    "target_group": "Alle ledere",
    "status": "draft",
}


@pytest.mark.django_db
def test_hr_creates_programme_with_four_core_gatherings_and_two_year_period(client, world):
    client.force_login(world.hr)

    response = client.post(reverse("programme_create"), {**FORM, "municipality": world.vefsn.pk})

    programme = Programme.objects.get(name="Lederløft 2027")
    assert response["Location"] == reverse("programme_detail", kwargs={"pk": programme.pk})
    assert programme.municipality == world.vefsn
    assert (programme.start_date, programme.end_date) == (datetime.date(2027, 1, 10), datetime.date(2029, 1, 10))
    assert [g.text for g in programme.goals.all()] == ["Overfor ansatte", "I samspill med brukerne"]
    assert [v.name for v in programme.values.all()] == ["humør", "ansvar", "nysgjerrighet", "engasjement"]
    assert list(programme.gatherings.values_list("number", "kind", "title")) == [
        (1, "core", "Samling 1"),
        (2, "core", "Samling 2"),
        (3, "core", "Samling 3"),
        (4, "core", "Samling 4"),
    ]
    assert AuditEvent.objects.filter(action="programme.created", target_id=str(programme.pk)).count() == 1


@pytest.mark.django_db
def test_hr_cannot_create_programme_in_another_municipality(client, world):
    client.force_login(world.hr)
    response = client.post(reverse("programme_create"), {**FORM, "municipality": world.bindal.pk})
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not Programme.objects.filter(name="Lederløft 2027").exists()


@pytest.mark.django_db
def test_end_before_start_is_refused_with_norwegian_message_and_nothing_saved(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("programme_create"), {**FORM, "municipality": world.vefsn.pk, "end_date": "2026-01-01"}
    )
    assert "Sluttdatoen må være etter startdatoen." in response.content.decode()
    assert not Programme.objects.filter(name="Lederløft 2027").exists()


@pytest.mark.django_db
def test_editing_keeps_unchanged_goals_so_links_survive(client, world):
    programme = world.programme
    kept = ProgrammeGoal.objects.create(programme=programme, text="Overfor ansatte", position=0)
    dropped = ProgrammeGoal.objects.create(programme=programme, text="Gammelt mål", position=1)
    client.force_login(world.hr)

    response = client.post(
        reverse("programme_update", kwargs={"pk": programme.pk}),
        {**FORM, "municipality": world.vefsn.pk, "goals": "Nytt mål\nOverfor ansatte", "status": "active"},
    )

    assert response["Location"] == reverse("programme_detail", kwargs={"pk": programme.pk})
    programme.refresh_from_db()
    assert (programme.name, programme.status, programme.municipality) == ("Lederløft 2027", "active", world.vefsn)
    assert list(programme.goals.values_list("text", "position")) == [("Nytt mål", 0), ("Overfor ansatte", 1)]
    assert programme.goals.get(text="Overfor ansatte").pk == kept.pk
    assert not ProgrammeGoal.objects.filter(pk=dropped.pk).exists()


@pytest.mark.django_db
def test_hr_edits_gathering(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("gathering_update", kwargs={"pk": world.gathering.pk}),
        {
            "title": "Meg som leder i Vefsn kommune",
            "start_date": "2026-10-01",
            "days": "2",
            "venue": "Kulturverkstedet",
            "goals": "Felles forståelse\nIndividuelle mål",
            "topics": "Bli kjent\nVisjon, verdier og kultur",
        },
    )
    assert response["Location"] == reverse("gathering_detail", kwargs={"pk": world.gathering.pk})
    g = Gathering.objects.get(pk=world.gathering.pk)
    assert (g.title, g.start_date, g.end_date, g.days, g.venue) == (
        "Meg som leder i Vefsn kommune",
        datetime.date(2026, 10, 1),
        datetime.date(2026, 10, 2),
        2,
        "Kulturverkstedet",
    )
    assert (g.goals, g.topics) == (
        ["Felles forståelse", "Individuelle mål"],
        ["Bli kjent", "Visjon, verdier og kultur"],
    )


@pytest.mark.django_db
def test_gathering_of_three_days_is_refused(client, world):
    client.force_login(world.hr)
    response = client.post(
        reverse("gathering_update", kwargs={"pk": world.gathering.pk}), {"title": "Lang samling", "days": "3"}
    )
    assert "Velg et gyldig valg" in response.content.decode()
    assert Gathering.objects.get(pk=world.gathering.pk).title == "Samling 1"


@pytest.mark.django_db
def test_extension_stays_inactive_until_decided_to_run(client, world):
    programme = world.programme
    assert [g.is_active for g in programme.gatherings.all()] == [True, True, True, True, False, False]
    client.force_login(world.participant)
    page = client.get(reverse("gathering_detail", kwargs={"pk": world.extension_gathering.pk})).content.decode()
    assert "Denne opsjonssamlingen er inaktiv" in page

    client.force_login(world.hr)
    client.post(
        reverse("extension_decision", kwargs={"pk": programme.pk}),
        {
            "run_extension": "no",
            "decided_on": "2027-06-01",
            "decided_by": world.executive.pk,
            "rationale": "Økonomi",
            "override_reason": "Budsjettet må vedtas før evalueringen.",
        },
    )
    programme = Programme.objects.get(pk=programme.pk)
    assert [g.is_active for g in programme.gatherings.all()] == [True, True, True, True, False, False]

    response = client.post(
        reverse("extension_decision", kwargs={"pk": programme.pk}),
        {
            "run_extension": "yes",
            "decided_on": "2027-06-15",
            "decided_by": world.executive.pk,
            "decision_body": "Kommunestyret",
            "reference": "2027/118",
            "rationale": "Evalueringen viser behov for mer endringsledelse.",
            "override_reason": "Budsjettet må vedtas før evalueringen.",
        },
    )
    assert response["Location"] == reverse("programme_detail", kwargs={"pk": programme.pk})
    programme = Programme.objects.get(pk=programme.pk)
    decision = programme.extension_decision
    assert (
        decision.run_extension,
        decision.decided_on,
        decision.decided_by,
        decision.decision_body,
        decision.reference,
        decision.recorded_by,
    ) == (True, datetime.date(2027, 6, 15), world.executive, "Kommunestyret", "2027/118", world.hr)
    assert [g.is_active for g in programme.gatherings.all()] == [True, True, True, True, True, True]
    # How many: the extension gatherings HR has added, two here.
    assert (decision.gathering_count, decision.rationale) == (2, "Evalueringen viser behov for mer endringsledelse.")
    page = main_text(client.get(reverse("programme_detail", kwargs={"pk": programme.pk})))
    name = world.executive.get_full_name()
    assert f"2 opsjonssamlinger, 15. juni 2027 av {name} (Kommunestyret), sak 2027/118" in page
    assert "Evalueringen viser behov for mer endringsledelse." in page

    # A yes can be reversed: the extension's gatherings go inactive again.
    client.post(
        reverse("extension_decision", kwargs={"pk": programme.pk}),
        {
            "run_extension": "no",
            "decided_on": "2027-08-20",
            "decided_by": world.hr.pk,
            "rationale": "Budsjettkutt",
            "override_reason": "Budsjettkutt før evalueringen.",
        },
    )
    programme = Programme.objects.get(pk=programme.pk)
    decision = programme.extension_decision
    assert (decision.run_extension, decision.gathering_count, decision.rationale) == (False, 0, "Budsjettkutt")
    assert [g.is_active for g in programme.gatherings.all()] == [True, True, True, True, False, False]
    events = AuditEvent.objects.filter(action="programme.extension_decided", target_id=str(programme.pk))
    assert [e.detail["run_extension"] for e in events.order_by("pk")] == [False, True, False]


@pytest.mark.django_db
def test_deciding_to_run_an_extension_without_gatherings_is_refused(client, world):
    client.force_login(world.other_hr)
    response = client.post(
        reverse("extension_decision", kwargs={"pk": world.other_programme.pk}),
        {
            "run_extension": "yes",
            "decided_on": "2027-06-15",
            "decided_by": world.other_hr.pk,
            "rationale": "Ja",
            "override_reason": "Vedtatt i budsjettet.",
        },
    )
    assert "Legg til opsjonssamlingene" in response.content.decode()
    assert not Programme.objects.get(pk=world.other_programme.pk).extension_decided


@pytest.mark.django_db
def test_extension_has_at_most_four_gatherings(client, world):
    client.force_login(world.hr)
    url = reverse("extension_gathering_create", kwargs={"pk": world.programme.pk})
    for title in ("Opsjon A", "Opsjon B"):
        response = client.post(url, {"title": title, "days": "1"})
        assert response.status_code == 302
    response = client.post(url, {"title": "Opsjon C", "days": "1"})

    assert "Opsjonen kan ha maks 4 samlinger." in response.content.decode()
    assert list(world.programme.gatherings.filter(kind="extension").values_list("number", "title")) == [
        (5, "Opsjon 5"),
        (6, "Opsjon 6"),
        (7, "Opsjon A"),
        (8, "Opsjon B"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,links",
    [
        (
            "hr",
            [
                "Kollegagrupper",
                "Ledernes utvikling: status",
                "Behov fra kartleggingen",
                "Videreformidling til egne ansatte",
                "Evaluering",
            ],
        ),
        ("participant", []),
    ],
)
def test_programme_page_links_to_the_work_each_role_may_see(client, world, persona, links):
    import re

    client.force_login(getattr(world, persona))
    body = client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk})).content.decode()
    nav = re.search(r'<nav class="d-flex flex-wrap gap-3 mb-4 small"[^>]*>(.*?)</nav>', body, re.S)
    found = re.findall(r">([^<]+)</a>", nav.group(1)) if nav else []
    assert found == links
