"""The leader's space as a whole: the start page, the nav, HR's status table, train the trainers, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from participants import services
from participants.models import CascadeSession, PlanCheckIn
from tests.conftest import main_text
from tests.factories import ParticipantFactory


@pytest.mark.django_db
def test_my_development_goes_to_the_own_space(client, world):
    client.force_login(world.participant)
    response = client.get(reverse("my_leader_space"))
    assert response["Location"] == reverse("leader_space", kwargs={"pk": world.own_space.pk})
    assert 'href="/min-utvikling/">Min utvikling</a>' in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_my_development_lists_several_programmes(client, world):
    ParticipantFactory(programme=world.other_programme, user=world.participant)
    client.force_login(world.participant)
    text = main_text(client.get(reverse("my_leader_space")))
    assert "Lederprogram Vefsn" in text and "Lederløftet Bindal" in text


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["hr", "facilitator", "executive", "outsider"])
def test_my_development_is_404_without_a_participation(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("my_leader_space")).status_code == 404
    assert "/min-utvikling/" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_start_page_lists_open_tasks_for_a_new_leader(client, world):
    client.force_login(world.peer)
    text = main_text(client.get(reverse("home")))
    assert "Å gjøre Fyll ut kartleggingen Registrer personlighetsprofilen din" in text


@pytest.mark.django_db
def test_start_page_shows_progress_and_check_in_due(client, world, settings):
    settings.PLAN_CHECKIN_WEEKS = 4
    client.force_login(world.participant)
    text = main_text(client.get(reverse("home")))
    assert "Fremdrift i planen: 30 % · 0 av 1 tiltak gjennomført" in text
    assert "Ingenting venter." in text
    PlanCheckIn.objects.update(created_at=timezone.now() - datetime.timedelta(weeks=5))
    text = main_text(client.get(reverse("home")))
    assert "Tid for en statusoppdatering på planen din" in text


@pytest.mark.django_db
def test_facilitator_start_page_lists_assigned_leaders_only(client, world):
    other = ParticipantFactory(programme=world.programme, facilitator=world.same_programme_facilitator)
    client.force_login(world.facilitator)
    body = client.get(reverse("home")).content.decode()
    text = main_text(client.get(reverse("home")))
    assert "Ledere jeg er prosessveileder for" in text
    assert "Ingrid Deltakersen Sykehjemmet Registrert : Ingrid Deltakersen Ferdig Åpne : Ingrid Deltakersen" in text
    assert other.user.get_full_name() not in text
    assert reverse("plan", kwargs={"pk": world.own_space.pk}) in body


@pytest.mark.django_db
def test_hr_status_table_shows_done_and_nothing_else(client, world):
    client.force_login(world.hr)
    text = main_text(client.get(reverse("programme_leader_status", kwargs={"pk": world.programme.pk})))
    assert "Ingrid Deltakersen Sykehjemmet Ferdig Ferdig Ferdig Ferdig –" in text
    assert "Ferdig, av 2 ledere 1 1 1 1 0" in text
    for secret in ("Lytter godt", "Delegere", "God start", "Bli tryggere", "30 %"):
        assert secret not in text


@pytest.mark.django_db
def test_train_the_trainers_log_and_totals_per_unit(client, world):
    client.force_login(world.participant)
    url = reverse("cascade", kwargs={"pk": world.own_space.pk})
    client.post(url, {"held_on": "2026-11-10", "topic": "Endringsledelse", "staff_count": 8})
    response = client.post(url, {"held_on": "2026-11-10", "topic": "", "staff_count": 0})
    assert "Feltet er påkrevet." in main_text(response)
    assert CascadeSession.objects.filter(participant=world.own_space).count() == 2
    services.cascade_session_log(
        participant=world.peer_space,
        logged_by=world.peer,
        held_on=datetime.date(2026, 11, 2),
        topic="Medarbeiderskap",
        staff_count=5,
    )
    client.force_login(world.hr)
    # Two leaders have logged: under the threshold, so HR's page shows no figure at all.
    text = main_text(client.get(reverse("programme_cascade", kwargs={"pk": world.programme.pk})))
    assert "Færre enn 5 ledere har registrert økter så langt" in text
    assert "Sykehjemmet" not in text


def _log_cascade(programme, unit, staff):
    participant = ParticipantFactory(programme=programme, unit=unit)
    services.cascade_session_log(
        participant=participant,
        logged_by=participant.user,
        held_on=datetime.date(2026, 11, 2),
        topic="Medarbeiderskap",
        staff_count=staff,
    )
    return participant


@pytest.mark.django_db
def test_hr_cascade_page_hides_a_unit_of_one_and_moves_only_with_the_dashboard(client, world):
    """HR's per-unit page once showed each unit live: a unit where one leader had logged showed
    that leader's sessions and staff, and each new session moved it by one. It now shows what the
    dashboard and the report show: units through one disclosure plan, from the same snapshot."""
    CascadeSession.objects.all().delete()
    for _ in range(6):
        _log_cascade(world.programme, "Hjemmetjenesten", 4)
    _log_cascade(world.programme, "Barnehagen", 9)
    client.force_login(world.hr)
    url = reverse("programme_cascade", kwargs={"pk": world.programme.pk})
    text = main_text(client.get(url))
    # The small unit is hidden, and so is enough of the rest that the total minus the shown units
    # never gives it: here Hjemmetjenesten (6) is the only other unit, so it is withheld too.
    assert "Barnehagen" not in text and " 9 " not in text
    assert "Hjemmetjenesten" not in text
    assert "2 enheter vises ikke for seg" in text
    assert "Totalt 7 7 33" in text
    executive_dashboard = reverse("programme_dashboard", kwargs={"pk": world.programme.pk})
    client.force_login(world.executive)
    assert "7 ledere har holdt 7 økter som har nådd 33 medarbeidere" in main_text(client.get(executive_dashboard))
    # One more leader logs: neither HR's page nor the dashboard moves (fewer than the threshold changed).
    _log_cascade(world.programme, "Barnehagen", 3)
    client.force_login(world.hr)
    assert "Totalt 7 7 33" in main_text(client.get(url))
    client.force_login(world.executive)
    assert "7 ledere har holdt 7 økter som har nådd 33 medarbeidere" in main_text(client.get(executive_dashboard))
    # Four more (five changed since the snapshot): both move together, the small unit still hidden.
    for _ in range(4):
        _log_cascade(world.programme, "Hjemmetjenesten", 1)
    client.force_login(world.hr)
    text = main_text(client.get(url))
    assert "Totalt 12 12 40" in text and "Barnehagen" not in text


@pytest.mark.django_db
def test_leader_deletes_only_their_own_cascade_entry(client, world):
    client.force_login(world.peer)
    response = client.post(reverse("cascade_delete", kwargs={"pk": world.cascade_session.pk}))
    assert response.status_code == 404
    client.force_login(world.participant)
    client.post(reverse("cascade_delete", kwargs={"pk": world.cascade_session.pk}))
    assert not CascadeSession.objects.filter(pk=world.cascade_session.pk).exists()


# --- Query counts: the same for few and many rows ---------------------------------------------------


def _busy_leaders(world, count):
    for _ in range(count):
        participant = ParticipantFactory(programme=world.programme, facilitator=world.facilitator)
        services.plan_goal_add(participant=participant, added_by=participant.user, title="Mål")
        services.cascade_session_log(
            participant=participant,
            logged_by=participant.user,
            held_on=datetime.date(2026, 11, 1),
            topic="Tema",
            staff_count=3,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 30])
def test_hr_status_table_query_count(client, world, django_assert_num_queries, extra):
    _busy_leaders(world, extra)
    client.force_login(world.hr)
    # session, user, roles, programme, participants with their status
    with django_assert_num_queries(5):
        response = client.get(reverse("programme_leader_status", kwargs={"pk": world.programme.pk}))
    assert len(response.context["rows"]) == 2 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 30])
def test_cascade_totals_query_count(client, world, django_assert_num_queries, extra):
    _busy_leaders(world, extra)
    client.force_login(world.hr)
    url = reverse("programme_cascade", kwargs={"pk": world.programme.pk})
    # The first reading takes the snapshot of the leaders' own work (five queries for the live rows,
    # then the snapshot under its row lock); a second reading only reads it.
    with django_assert_num_queries(16):
        response = client.get(url)
    # Two leaders in the fixture (under the threshold) and 30 more: shown only with the 30.
    assert response.context["cascade"]["staff"] == (12 + 3 * extra if extra else None)
    with django_assert_num_queries(10):
        client.get(url)


QUERIES_NEEDS = 12


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 30])
def test_needs_page_query_count(client, world, django_assert_num_queries, extra):
    goal = world.programme.goals.get()
    for _ in range(extra):
        participant = ParticipantFactory(programme=world.programme)
        services.baseline_submit(
            participant=participant,
            submitted_by=participant.user,
            phase="baseline",
            leadership_education="none",
            years_as_leader=2,
            ratings={(goal.pk, d): 4 for d in ("knowledge", "skills", "abilities", "attitudes")},
        )
    client.force_login(world.hr)
    client.get(reverse("programme_needs", kwargs={"pk": world.programme.pk}))  # the snapshots exist
    # session, user, roles, programme, then per phase as last released (participants/release.py):
    # the baselines and their ratings for the digests, the snapshot, the goals' texts
    with django_assert_num_queries(QUERIES_NEEDS):
        response = client.get(reverse("programme_needs", kwargs={"pk": world.programme.pk}))
    assert response.context["background"]["respondents"] == 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("goals", [1, 12])
def test_plan_page_query_count(client, world, django_assert_num_queries, goals):
    for n in range(goals - 1):
        goal = services.plan_goal_add(participant=world.own_space, added_by=world.participant, title=f"Mål {n}")
        for _ in range(3):
            services.plan_action_add(goal=goal, added_by=world.participant, text="Tiltak")
        services.plan_checkin_record(
            participant=world.own_space, recorded_by=world.participant, progress=n, reflection="r"
        )
    services.plan_comment_add(participant=world.own_space, author=world.facilitator, text="Bra")
    client.force_login(world.participant)
    # session, user, roles, participation, plan, goals, actions, check-ins, versions, comments,
    # mark notices read, has feedback
    with django_assert_num_queries(12):
        response = client.get(reverse("plan", kwargs={"pk": world.own_space.pk}))
    assert len(response.context["goals"]) == goals


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 20])
def test_facilitator_home_query_count_with_assigned_leaders(client, world, django_assert_num_queries, extra):
    _busy_leaders(world, extra)
    client.force_login(world.facilitator)
    # session, user, roles, programmes, gatherings, assigned leaders with their status, peer groups
    with django_assert_num_queries(7):
        response = client.get(reverse("home"))
    (programme,) = response.context["dashboard"]["facilitator_programmes"]
    # The start page lists the first ten; the participant list, filtered to the facilitator, the rest.
    assert (programme.assigned_count, len(programme.assigned_leaders)) == (1 + extra, min(10, 1 + extra))
    # Each row: the leader's record, their profile, their plan (the extra leaders have a plan, no profile).
    shown = programme.assigned_leaders
    links = sum(1 + leader.has_profile + leader.has_plan for leader in shown)
    assert response.content.decode().count('<td><a href="/deltakere/') == links
    see_all = f'href="/programmer/{programme.pk}/deltakere/?facilitator={world.facilitator.pk}"'
    assert response.content.decode().count(see_all) == (1 if extra else 0)


@pytest.mark.django_db
def test_demo_gives_every_page_something_to_show():
    from core.demo import load_demo
    from participants.models import Baseline, DevelopmentPlan, PersonalityProfile, PlanVersion, ProfileFeedback
    from programmes.models import Programme

    load_demo()
    counts = [
        m.objects.count()
        for m in (Baseline, PersonalityProfile, ProfileFeedback, DevelopmentPlan, PlanCheckIn, PlanVersion)
    ]
    load_demo()
    assert [
        m.objects.count()
        for m in (Baseline, PersonalityProfile, ProfileFeedback, DevelopmentPlan, PlanCheckIn, PlanVersion)
    ] == counts
    programme = Programme.objects.get(municipality__slug="vefsn", status="active")
    assert Baseline.objects.filter(participant__programme=programme).count() == 26
    kinds = set(PersonalityProfile.objects.values_list("instrument", flat=True))
    assert "ipip50" in kinds and kinds - {"ipip50"}
    # The earlier, completed cohort (evaluation/demo.py) holds its 24 leaders' conversations too.
    assert ProfileFeedback.objects.filter(participant__programme=programme).count() == 12
    from participants.selectors import baseline_summary, plan_facts

    facts = plan_facts(programme)
    assert facts["with_plan"] == 10 and facts["checkins"] >= 10 and facts["average_progress"] is not None
    assert baseline_summary(programme)["goals"][0]["dimensions"]["knowledge"]["mean"] is not None
