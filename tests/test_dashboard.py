"""The chief executive's dashboard (issue 17, item 1): live, aggregate only, every figure saying what
it counts and for how many, evaluation figures only once the evaluation has closed, and a fixed
number of queries at 30 and 336 leaders."""

import datetime

import pytest
from django.urls import reverse

from evaluation import services
from participants.models import Baseline, CascadeSession
from tests.conftest import main_text
from tests.factories import ParticipantFactory
from tests.test_evaluation_report import evaluation_answers

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("programme_dashboard", kwargs={"pk": world.programme.pk})


def test_the_executive_finds_the_dashboard_from_the_start_page(client, world):
    client.force_login(world.executive)
    home = client.get(reverse("home")).content.decode()
    assert _url(world) in home
    page = main_text(client.get(_url(world)))
    assert page.startswith("Lederprogram Vefsn Styringsoversikt Styringsoversikt Oppdaterte tall for hele programmet")


def test_uptake_says_how_many_of_how_many_and_withholds_below_the_threshold(client, world):
    client.force_login(world.executive)
    # Two leaders in the world: below the threshold, nothing is counted on screen.
    page = main_text(client.get(_url(world)))
    assert "holdt tilbake: færre enn 5 ledere" in page
    leaders = [ParticipantFactory(programme=world.programme) for _ in range(8)]
    for leader in leaders[:4]:
        Baseline.objects.create(participant=leader, phase=Baseline.Phase.BASELINE)
    page = main_text(client.get(_url(world)))
    # 10 leaders; the world's leader already has a baseline: 5 of 10.
    assert "50 % Kartlegging ved start gjort 5 av 10 ledere" in page
    assert "10 ledere i programmet." in page


def test_evaluation_figures_wait_for_the_close_then_show_goals_and_the_extension(client, world):
    evaluation_answers(world, 8)
    client.force_login(world.executive)
    page = main_text(client.get(_url(world)))
    assert "Programevalueringen er åpen til" in page
    assert "Deltakernes egen vurdering i programevalueringen" not in page
    assert "ønsker å fortsette" not in page
    services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    page = main_text(client.get(_url(world)))
    assert "Deltakernes egen vurdering i programevalueringen, 1–6 (8 svar)." in page
    assert "75 % av 8 som svarte, ønsker å fortsette med flere samlinger." in page
    assert "Vi anbefaler opsjonen." in page  # the ready report's recommendation
    assert "Kommunen bes ta stilling til om programmet skal videreføres med opsjonen på 2 samlinger." in page


def test_train_the_trainers_reach_is_shown_once_enough_leaders_have_held_sessions(client, world):
    client.force_login(world.executive)
    assert "Færre enn 5 ledere har registrert økter så langt" in main_text(client.get(_url(world)))
    for _ in range(5):
        leader = ParticipantFactory(programme=world.programme, unit="Hjemmetjenesten")
        CascadeSession.objects.create(
            participant=leader, held_on=datetime.date(2026, 11, 2), topic="Medarbeiderskap", staff_count=9
        )
    page = main_text(client.get(_url(world)))
    # With the world's leader (one session, 12 staff).
    assert "6 ledere har holdt 6 økter som har nådd 57 medarbeidere." in page
    # Sykehjemmet has one leader: showing Hjemmetjenesten (5) would give her away as total minus it.
    assert "Hjemmetjenesten" not in page and "Sykehjemmet" not in page


def _grow(world, leaders):
    for _ in range(leaders - 2):
        ParticipantFactory(programme=world.programme)


@pytest.mark.parametrize("leaders", [30, 336])
def test_the_dashboard_costs_the_same_number_of_queries_at_30_and_336_leaders(
    client, world, django_assert_num_queries, leaders
):
    _grow(world, leaders)
    evaluation_answers(world, 8)
    services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    client.force_login(world.executive)
    client.get(_url(world))
    with django_assert_num_queries(QUERIES):
        page = main_text(client.get(_url(world)))
    assert f"{leaders + 8} ledere i programmet." in page


# The release plan reads the surveys and groups once more than the old engine; the released snapshots
# (own work, the baseline for before/after, attendance, and the peer groups' meeting places) read what
# their digests are made from, and themselves.
QUERIES = 43


def _progress(page):
    return page.split("Gjennomsnittlig framdrift i planene:")[1].split("(")[0].strip()


def test_one_leaders_check_in_or_goal_never_moves_the_dashboard(client, world, settings):
    """Issue 14, time: read the dashboard, let one leader record a check-in (or make a plan), read
    again. Live figures would move by exactly that leader's work (checked against the live
    selectors); the snapshot moves only once five leaders have changed something, and then by all of
    their work together."""
    from participants import services as space
    from participants.selectors import plan_facts, uptake_counts

    def live():
        return f"{round(plan_facts(world.programme)['average_progress'])} %", uptake_counts(world.programme)["plan"]

    settings.ANONYMITY_THRESHOLD = 5
    leaders = [ParticipantFactory(programme=world.programme) for _ in range(10)]
    for leader in leaders[:6]:
        space.plan_goal_add(participant=leader, added_by=leader.user, title="Delegere mer")
        space.plan_checkin_record(participant=leader, recorded_by=leader.user, progress=50, reflection="Godt i gang")
    client.force_login(world.executive)
    first = main_text(client.get(_url(world)))
    progress, with_plan = live()
    assert _progress(first) == progress
    assert f"Utviklingsplan laget {with_plan} av 12 ledere" in first

    # One leader's check-in at 100 % and another's new plan: live, both would move. Nothing moves.
    space.plan_checkin_record(participant=leaders[0], recorded_by=leaders[0].user, progress=100, reflection="Ferdig")
    space.plan_goal_add(participant=leaders[6], added_by=leaders[6].user, title="Tydeligere mål")
    assert live() != (progress, with_plan)
    for _ in range(3):
        assert main_text(client.get(_url(world))) == first

    # Three more leaders change something: five in all since the snapshot, so it is renewed.
    for leader in leaders[1:4]:
        space.plan_checkin_record(participant=leader, recorded_by=leader.user, progress=80, reflection="Bedre")
    renewed = main_text(client.get(_url(world)))
    progress, with_plan = live()
    assert _progress(renewed) == progress != _progress(first)
    assert f"Utviklingsplan laget {with_plan} av 12 ledere" in renewed
