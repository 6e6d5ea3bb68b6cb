"""The development plan: goals from the feedback, actions, check-ins, versions, comments, the PDF, facts."""

import datetime
import subprocess

import pytest
from django.urls import reverse

from core.models import AuditEvent
from participants import services
from participants.models import Notice, PlanGoal, PlanVersion
from participants.selectors import plan_facts
from tests.conftest import main_text
from tests.factories import ParticipantFactory


@pytest.mark.django_db
def test_plan_from_feedback_makes_drafts_once(client, world):
    space = world.own_space
    client.force_login(world.participant)
    url = reverse("plan_from_feedback", kwargs={"pk": space.pk})
    client.post(url)
    drafts = list(PlanGoal.objects.filter(plan__participant=space, is_draft=True).order_by("id"))
    assert [(g.title, g.source) for g in drafts] == [
        ("Utvikle: Delegere mer", "development_area"),
        ("Bruke styrken min: Lytter godt", "strength"),
    ]
    versions = PlanVersion.objects.filter(plan__participant=space).count()
    client.post(url)
    assert PlanGoal.objects.filter(plan__participant=space, is_draft=True).count() == 2
    assert PlanVersion.objects.filter(plan__participant=space).count() == versions

    page = main_text(client.get(reverse("plan", kwargs={"pk": space.pk})))
    assert "Utvikle: Delegere mer Utkast" in page


@pytest.mark.django_db
def test_saving_a_draft_with_links_makes_it_the_leaders_goal(client, world):
    services.plan_from_feedback(participant=world.own_space, created_by=world.participant)
    draft = PlanGoal.objects.get(title="Utvikle: Delegere mer")
    value = world.programme.values.get()
    programme_goal = world.programme.goals.get()
    client.force_login(world.participant)
    response = client.post(
        reverse("plan_goal_update", kwargs={"pk": draft.pk}),
        {
            "title": "Delegere mer",
            "success_criteria": "Teamet tar egne beslutninger",
            "deadline": "2027-03-01",
            "programme_goal": programme_goal.pk,
            "value": value.pk,
            "ten_factors": ["autonomy", "role_clarity"],
            "competence_dimension": "skills",
            "status": "active",
        },
    )
    assert response["Location"] == reverse("plan", kwargs={"pk": world.own_space.pk})
    draft.refresh_from_db()
    assert not draft.is_draft
    assert (draft.programme_goal, draft.value, draft.ten_factors, draft.competence_dimension) == (
        programme_goal,
        value,
        ["autonomy", "role_clarity"],
        "skills",
    )
    page = main_text(client.get(reverse("plan", kwargs={"pk": world.own_space.pk})))
    assert "Programmål: Ledelse overfor ansatte" in page
    assert "Verdi: ansvar" in page
    assert "10-faktor: Autonomi, Rolleklarhet" in page
    assert "Kompetanse: Ferdigheter" in page


@pytest.mark.django_db
def test_goal_linked_to_another_programmes_value_is_refused(client, world):
    foreign = world.other_programme.values.create(name="raushet")
    with pytest.raises(Exception, match="programmets verdier"):
        services.plan_goal_add(participant=world.own_space, added_by=world.participant, title="X", value=foreign)
    client.force_login(world.participant)
    response = client.post(
        reverse("plan_goal_create", kwargs={"pk": world.own_space.pk}),
        {"title": "X", "value": foreign.pk, "status": "active"},
    )
    assert "Velg et gyldig valg." in main_text(response)
    assert not PlanGoal.objects.filter(title="X").exists()


@pytest.mark.django_db
def test_every_save_and_check_in_makes_a_version_and_old_versions_read_as_they_were(client, world):
    space = world.own_space
    plan = space.plan
    # The world: goal added (1), action added (2), check-in (3).
    assert list(plan.versions.order_by("number").values_list("number", "reason")) == [
        (1, "goal_added"),
        (2, "action_added"),
        (3, "checkin"),
    ]
    client.force_login(world.participant)
    client.post(
        reverse("plan_action_update", kwargs={"pk": world.plan_action.pk}),
        {"text": "Ukentlig delegeringsliste", "status": "done"},
    )
    client.post(
        reverse("plan_checkin", kwargs={"pk": space.pk}), {"progress": 60, "reflection": "Teamet tar mer ansvar"}
    )
    client.post(reverse("plan_goal_delete", kwargs={"pk": world.plan_goal.pk}))
    assert list(plan.versions.order_by("number").values_list("reason", flat=True)) == [
        "goal_added",
        "action_added",
        "checkin",
        "action_changed",
        "checkin",
        "goal_deleted",
    ]
    latest = plan.versions.get(number=6)
    assert latest.snapshot["goals"] == []
    assert latest.snapshot["checkin"]["progress"] == 60

    page = main_text(client.get(reverse("plan", kwargs={"pk": space.pk})))
    assert "Statusoppdatering: 60 % Teamet tar mer ansvar" in page
    assert "Statusoppdatering: 30 % God start" in page
    assert "Versjon 4" in page and "tiltak endret" in page

    v2 = main_text(client.get(reverse("plan_version", kwargs={"pk": plan.versions.get(number=2).pk})))
    assert "Delegere oppgaver i teamet" in v2 and "Ukentlig delegeringsliste – Ikke startet" in v2
    v4 = main_text(client.get(reverse("plan_version", kwargs={"pk": plan.versions.get(number=4).pk})))
    assert "Ukentlig delegeringsliste – Ferdig" in v4 and "Fremdrift: 30 %" in v4


@pytest.mark.django_db
def test_check_in_out_of_range_is_refused(client, world):
    client.force_login(world.participant)
    response = client.post(
        reverse("plan_checkin", kwargs={"pk": world.own_space.pk}), {"progress": 140, "reflection": "x"}
    )
    assert "mindre enn eller lik 100" in main_text(response)
    assert world.own_space.plan.checkins.count() == 1


@pytest.mark.django_db
def test_facilitator_comment_notifies_the_leader_until_they_open_the_plan(client, world):
    client.force_login(world.facilitator)
    client.post(reverse("plan_comment", kwargs={"pk": world.own_space.pk}), {"text": "Godt første mål!"})
    notice = Notice.objects.get(participant=world.own_space, kind="plan_comment")
    client.force_login(world.participant)
    assert "Prosessveilederen din har kommentert planen din" in main_text(client.get(reverse("home")))
    page = main_text(client.get(reverse("plan", kwargs={"pk": world.own_space.pk})))
    assert "Godt første mål!" in page
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "har kommentert planen din" not in main_text(client.get(reverse("home")))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,status",
    [
        ("participant", 200),
        ("facilitator", 200),
        ("same_programme_facilitator", 404),
        ("other_facilitator", 404),
        ("peer", 404),
        ("hr", 404),
        ("other_hr", 404),
        ("executive", 404),
        ("outsider", 404),
    ],
)
@pytest.mark.parametrize("page", ["plan", "plan_version", "plan_pdf"])
def test_plan_visibility_and_audit_for_every_persona(client, world, persona, status, page):
    pk = world.plan_version.pk if page == "plan_version" else world.own_space.pk
    client.force_login(getattr(world, persona))
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = client.get(reverse(page, kwargs={"pk": pk}))
    assert response.status_code == status
    # A refusal leaves only its own access.denied row (tests/test_audit_log.py); no read is recorded.
    new = list(AuditEvent.objects.exclude(pk__in=before).exclude(action="access.denied"))
    if persona == "facilitator":
        expected = {
            "plan": ("plan.viewed", "participants.Participant", str(world.own_space.pk)),
            "plan_version": ("plan.viewed", "participants.PlanVersion", str(world.plan_version.pk)),
            "plan_pdf": ("plan_pdf.viewed", "participants.Participant", str(world.own_space.pk)),
        }[page]
        assert [(e.action, e.target_type, e.target_id, e.actor_id, e.detail) for e in new] == [
            (*expected, world.facilitator.pk, {"participant": world.own_space.pk})
        ]
    else:
        assert new == []
    if status == 404:
        assert b"Delegere oppgaver" not in response.content


@pytest.mark.django_db
def test_plan_pdf_text(client, world, tmp_path):
    space = world.own_space
    goal = world.plan_goal
    services.plan_goal_update(
        goal=goal,
        updated_by=world.participant,
        title=goal.title,
        success_criteria="Teamet løser saker uten meg",
        deadline=datetime.date(2027, 3, 1),
        programme_goal=world.programme.goals.get(),
        value=world.programme.values.get(),
        ten_factors=["autonomy"],
        competence_dimension="skills",
        status="active",
    )
    client.force_login(world.participant)
    response = client.get(reverse("plan_pdf", kwargs={"pk": space.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="utviklingsplan-ingrid-deltakersen.pdf"'
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    for expected in (
        "Utviklingsplan",
        "Ingrid Deltakersen",
        "Lederprogram Vefsn",
        "Fremdrift: 30 %",
        "0 av 1 tiltak gjennomført",
        "Styrker dere ble enige om",
        "Lytter godt",
        "Delegere mer",
        "1. Delegere oppgaver i teamet",
        "Slik viser det seg at jeg har lykkes: Teamet løser saker uten meg",
        "Frist: 1. mars 2027",
        "Programmål: Ledelse overfor ansatte",
        "Verdi: ansvar",
        "Kompetanse: Ferdigheter",
        "10-faktor: Autonomi",
        "Ukentlig delegeringsliste",
        "Ikke startet",
        "God start",
        "Side 1 av 1",
    ):
        assert expected in text, expected
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info


def _plan(participant, goals, checkins):
    """goals: [(status, [action statuses])]; checkins: progress values in order."""
    for status, actions in goals:
        goal = services.plan_goal_add(participant=participant, added_by=participant.user, title="Mål", status=status)
        for action_status in actions:
            services.plan_action_add(goal=goal, added_by=participant.user, text="Tiltak", status=action_status)
    for progress in checkins:
        services.plan_checkin_record(
            participant=participant, recorded_by=participant.user, progress=progress, reflection="r"
        )


@pytest.mark.django_db
def test_plan_facts_by_hand(world, settings):
    settings.ANONYMITY_THRESHOLD = 3
    # The world: Ingrid has 1 active goal, 1 not-started action, a check-in at 30.
    a, b, c = (ParticipantFactory(programme=world.programme) for _ in range(3))
    _plan(a, [("achieved", ["done", "done"]), ("active", ["in_progress"])], [20, 80])
    _plan(b, [("dropped", ["dropped"])], [50])
    _plan(c, [], [])
    services.plan_from_feedback(participant=world.own_space, created_by=world.participant)  # drafts do not count
    assert plan_facts(world.programme) == {
        "participants": 5,  # Ingrid, the peer, a, b, c
        "with_plan": 3,  # Ingrid, a, b
        "goals": 4,
        "goals_done": 1,
        "actions": 5,
        "actions_done": 2,
        "checkins": 4,
        "participants_with_checkin": 3,
        "average_progress": 53.3,  # latest: Ingrid 30, a 80, b 50 → 160 / 3
    }


@pytest.mark.django_db
def test_plan_facts_withholds_the_average_below_threshold(world, settings):
    settings.ANONYMITY_THRESHOLD = 5
    facts = plan_facts(world.programme)
    assert (facts["participants_with_checkin"], facts["average_progress"]) == (1, None)


@pytest.mark.django_db
def test_the_owner_removes_an_action_and_the_earlier_version_still_shows_it(client, world):
    space = world.own_space
    plan = world.plan_goal.plan
    before = plan.versions.count()
    client.force_login(world.participant)
    form = client.get(reverse("plan_action_update", kwargs={"pk": world.plan_action.pk})).content.decode()
    assert f'action="{reverse("plan_action_delete", kwargs={"pk": world.plan_action.pk})}"' in form

    response = client.post(reverse("plan_action_delete", kwargs={"pk": world.plan_action.pk}))

    assert response["Location"] == reverse("plan", kwargs={"pk": space.pk})
    assert not world.plan_goal.actions.exists()
    latest = plan.versions.order_by("number").last()
    assert (latest.number, latest.reason, latest.snapshot["goals"][0]["actions"]) == (before + 1, "action_deleted", [])
    page = main_text(client.get(response["Location"]))
    assert "Tiltaket er fjernet fra planen din." in page and "tiltak fjernet" in page
    assert "Ukentlig delegeringsliste" not in page.split("Versjoner")[0]
    earlier = plan.versions.get(number=before)
    assert "Ukentlig delegeringsliste" in main_text(client.get(reverse("plan_version", kwargs={"pk": earlier.pk})))
    event = AuditEvent.objects.get(action="plan.action_deleted")
    assert (event.actor, event.detail["plan_action"]) == (world.participant, world.plan_action.pk)
