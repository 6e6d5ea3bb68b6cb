"""The demo tells the story of the seeds (issue 16, points 5 and 6): working days only, gathering 2
ready with its run, every leader placed in the organisation, and an earlier cohort whose evaluation,
report and extension decision the chief executive can read."""

import pytest
from django.urls import reverse

from core.calendar_sense import is_working_day
from core.demo import load_demo
from core.models import User
from peergroups.models import Meeting
from programmes.demo import VEFSN_PROGRAMME
from programmes.models import Programme
from sessions.models import Gathering, Run


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    from core.demo import load_bergen_demo

    load_bergen_demo()


def test_every_gathering_run_and_peer_meeting_is_on_working_days(demo):
    days = []
    for gathering in Gathering.objects.exclude(start_date=None):
        days += [
            (str(gathering), gathering.start_date + __import__("datetime").timedelta(d)) for d in range(gathering.days)
        ]
    for run in Run.objects.select_related("gathering"):
        days += [(str(run), run.day_date(d)) for d in range(1, run.gathering.days + 1)]
    days += [(f"meeting {m.pk}", m.date) for m in Meeting.objects.all()]
    # All three municipalities, the earlier cohort too, and the network's programme (no municipality).
    assert set(Gathering.objects.exclude(start_date=None).values_list("programme__municipality__slug", flat=True)) == {
        "vefsn",
        "bindal",
        "bergen",
        None,
    }
    assert len(days) > 90  # Bergen has one day in four runs (seed 004)
    assert [(what, day) for what, day in days if not is_working_day(day)] == []


def test_vefsn_gathering_2_has_its_run_with_everyone_and_full_agendas(demo):
    programme = Programme.objects.get(name=VEFSN_PROGRAMME["name"])
    second = programme.gatherings.get(number=2)
    run = second.runs.get()
    assert sorted(run.assignments.values_list("participant_id", flat=True)) == sorted(
        programme.participants.values_list("pk", flat=True)
    )
    assert programme.participants.count() == 30
    first = programme.gatherings.get(number=1)
    assert first.runs.get().attendance.filter(day=2).count() == 30
    for gathering in programme.gatherings.filter(kind="core"):
        titles = [f"{i.start_time:%H%M} {i.title}" for i in gathering.agenda.all()]
        assert titles[0].startswith("1000 Velkommen") and titles[-1] == "1500 Vel hjem", titles
        assert any("Lunsj" in t for t in titles) and any("Walk & talk" in t for t in titles)
        case_rounds = list(gathering.agenda.filter(is_case_round=True).values_list("title", flat=True))
        assert case_rounds == ([] if gathering.number == 1 else ["Lederutfordringer siden sist"])
        assert gathering.goals and gathering.topics
    # Started in the autumn, gathering 1 held, no programme evaluation yet.
    assert first.end_date < programme.gatherings.get(number=2).start_date
    assert not programme.surveys.filter(kind="programme").exists()


def test_every_vefsn_leader_has_a_facilitator_and_a_manager_below_the_top(demo):
    programme = Programme.objects.get(name=VEFSN_PROGRAMME["name"])
    leaders = list(programme.participants.select_related("manager"))
    assert [p.pk for p in leaders if p.facilitator_id is None] == []
    assert [p.pk for p in leaders if p.leader_level == "unit" and p.manager is None] == []
    assert {p.manager.leader_level for p in leaders if p.manager} == {"strategic"}
    assert [p.pk for p in leaders if p.leader_level == "strategic" and p.manager_id] == []
    assert sum(1 for p in leaders if p.dietary_needs) == 6


def test_earlier_cohort_dashboard_report_and_decision(demo, client):
    from evaluation.models import Report

    earlier = Programme.objects.get(municipality__slug="vefsn", status="completed")
    assert earlier.name.startswith("Lederutviklingsprogram Vefsn 20")
    assert Report.objects.get(programme=earlier).state == Report.State.READY
    decision = earlier.extension_decision
    assert (
        decision.run_extension
        and decision.reference
        and decision.decided_by.email == "kommunedirektor@vefsn.example.no"
    )
    assert decision.override_reason == ""
    survey = earlier.surveys.get(kind="programme")
    assert survey.responses.count() == 22

    client.force_login(User.objects.get(email="kommunedirektor@vefsn.example.no"))
    response = client.get(reverse("programme_dashboard", args=[earlier.pk]))
    page = response.content.decode()
    # Goal attainment is released: the main goal and every sub-goal have a mean.
    assert [g.text for g in earlier.goals.all()][0] in page
    assert "(22 " in page and "77 %" in page
