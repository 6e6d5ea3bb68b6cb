"""Baseline mapping: the leader's own answers, and aggregates for HR that never show one person."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from participants import services
from participants.models import Baseline, SelfAssessment
from participants.selectors import baseline_summary, needs_summary
from tests.conftest import main_text
from tests.factories import ParticipantFactory

DIMENSIONS = ("knowledge", "skills", "abilities", "attitudes")


def _form(goals, score=4, **extra):
    data = {f"r_{goal.pk}_{d}": score for goal in goals for d in DIMENSIONS}
    return {**data, **extra}


@pytest.mark.django_db
def test_leader_fills_in_the_baseline(client, world):
    goals = [world.programme.goals.get(), world.programme.goals.create(text="Ledelse i samspill", position=1)]
    client.force_login(world.peer)
    url = reverse("baseline", kwargs={"pk": world.peer_space.pk})
    page = main_text(client.get(url))
    assert "Ledelse overfor ansatte" in page and "Ledelse i samspill" in page and "Holdninger" in page
    data = _form(goals, leadership_education="master", years_as_leader=12, expectations="Mer om endring")
    data[f"r_{goals[1].pk}_attitudes"] = 2
    response = client.post(url, data)
    assert response["Location"] == reverse("leader_space", kwargs={"pk": world.peer_space.pk})
    baseline = Baseline.objects.get(participant=world.peer_space, phase="baseline")
    assert (baseline.leadership_education, baseline.years_as_leader, baseline.expectations) == (
        "master",
        12,
        "Mer om endring",
    )
    ratings = {(r.goal_id, r.dimension): r.score for r in baseline.ratings.all()}
    assert len(ratings) == 8 and ratings[(goals[1].pk, "attitudes")] == 2 and ratings[(goals[0].pk, "skills")] == 4
    event = AuditEvent.objects.get(action="baseline.submitted", actor=world.peer)
    assert event.detail == {"participant": world.peer_space.pk, "phase": "baseline"}

    # A second save replaces the answers; nothing doubles.
    client.post(url, _form(goals, score=5, leadership_education="courses", years_as_leader=12))
    assert SelfAssessment.objects.filter(baseline__participant=world.peer_space).count() == 8
    assert set(SelfAssessment.objects.filter(baseline=baseline).values_list("score", flat=True)) == {5}


@pytest.mark.django_db
def test_missing_ratings_are_marked_and_nothing_is_saved(client, world):
    goal = world.programme.goals.get()
    client.force_login(world.peer)
    data = _form([goal], leadership_education="none", years_as_leader=1)
    del data[f"r_{goal.pk}_skills"]
    response = client.post(reverse("baseline", kwargs={"pk": world.peer_space.pk}), data)
    text = main_text(response)
    assert "Noen svar mangler." in text and "Velg et tall fra 1 til 5." in text
    assert not Baseline.objects.filter(participant=world.peer_space).exists()


@pytest.mark.django_db
def test_end_self_assessment_asks_only_the_ratings(client, world):
    goal = world.programme.goals.get()
    client.force_login(world.participant)
    url = reverse("baseline_end", kwargs={"pk": world.own_space.pk})
    assert "Hvilken lederutdanning" not in main_text(client.get(url))
    client.post(url, _form([goal], score=5))
    end = Baseline.objects.get(participant=world.own_space, phase="end")
    assert end.leadership_education == "" and end.ratings.count() == 4
    assert Baseline.objects.get(participant=world.own_space, phase="baseline").ratings.first().score == 3


@pytest.mark.django_db
def test_service_refuses_ratings_for_another_programmes_goal(world):
    other_goal = world.other_programme.goals.create(text="Annet")
    with pytest.raises(Exception, match="Vurder hvert mål"):
        services.baseline_submit(
            participant=world.peer_space,
            submitted_by=world.peer,
            phase="baseline",
            leadership_education="none",
            ratings={(other_goal.pk, d): 3 for d in DIMENSIONS},
        )


def _answer(participant, goal, scores, education="courses", years=3):
    services.baseline_submit(
        participant=participant,
        submitted_by=participant.user,
        phase="baseline",
        leadership_education=education,
        years_as_leader=years,
        ratings={(goal.pk, d): s for d, s in zip(DIMENSIONS, scores, strict=True)},
    )


@pytest.mark.django_db
def test_baseline_summary_withholds_below_threshold(world, settings):
    settings.ANONYMITY_THRESHOLD = 5
    goal = world.programme.goals.get()
    # The world's leader answered 3 on every dimension; three more answer now: 4 of 5 needed.
    for scores in ([1, 2, 3, 4], [5, 5, 5, 5], [2, 2, 2, 2]):
        _answer(ParticipantFactory(programme=world.programme), goal, scores)
    summary = baseline_summary(world.programme)
    assert summary["respondents"] == 4
    assert summary["goals"] == [
        {
            "goal_id": goal.pk,
            "goal": "Ledelse overfor ansatte",
            "dimensions": {d: {"n": 4, "mean": None, "distribution": None} for d in DIMENSIONS},
        }
    ]
    assert needs_summary(world.programme) == {"respondents": 4, "education": None, "years": None}


@pytest.mark.django_db
def test_baseline_summary_at_threshold_by_hand(world, settings):
    settings.ANONYMITY_THRESHOLD = 5
    goal = world.programme.goals.get()
    for scores, education, years in (
        ([1, 2, 3, 4], "none", 0),
        ([5, 5, 5, 5], "master", 15),
        ([2, 2, 2, 2], "courses", 6),
        ([4, 4, 1, 1], "further", 2),
    ):
        _answer(ParticipantFactory(programme=world.programme), goal, scores, education, years)
    summary = baseline_summary(world.programme)
    dims = summary["goals"][0]["dimensions"]
    # knowledge: 3 (world), 1, 5, 2, 4 → mean 15/5 = 3.0, one of each
    assert dims["knowledge"] == {"n": 5, "mean": 3.0, "distribution": {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}}
    # skills: 3, 2, 5, 2, 4 → 16/5 = 3.2
    assert dims["skills"] == {"n": 5, "mean": 3.2, "distribution": {1: 0, 2: 2, 3: 1, 4: 1, 5: 1}}
    # abilities: 3, 3, 5, 2, 1 → 14/5 = 2.8
    assert dims["abilities"] == {"n": 5, "mean": 2.8, "distribution": {1: 1, 2: 1, 3: 2, 4: 0, 5: 1}}
    # attitudes: 3, 4, 5, 2, 1 → 15/5 = 3.0
    assert dims["attitudes"] == {"n": 5, "mean": 3.0, "distribution": {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}}
    assert baseline_summary(world.programme, phase="end") == {
        "respondents": 0,
        "goals": [
            {
                "goal_id": goal.pk,
                "goal": "Ledelse overfor ansatte",
                "dimensions": {d: {"n": 0, "mean": None, "distribution": None} for d in DIMENSIONS},
            }
        ],
    }
    background = needs_summary(world.programme)
    assert background["education"] == [
        ("Ingen", 1),
        ("Kurs", 2),
        ("Videreutdanning", 1),
        ("Mastergradsnivå", 1),
    ]
    assert background["years"] == [("0–2", 2), ("3–5", 1), ("6–10", 1), ("11+", 1)]


@pytest.mark.django_db
def test_needs_page_shows_aggregates_and_never_a_person(client, world, settings):
    settings.ANONYMITY_THRESHOLD = 3
    goal = world.programme.goals.get()
    for scores in ([1, 1, 1, 1], [5, 5, 5, 5]):
        _answer(ParticipantFactory(programme=world.programme), goal, scores)
    client.force_login(world.hr)
    text = main_text(client.get(reverse("programme_needs", kwargs={"pk": world.programme.pk})))
    assert "3 ledere har fylt ut kartleggingen." in text
    assert "Kunnskaper 3 3,0 1 0 1 0 1" in text
    assert "Ingrid" not in text and "Bli tryggere i vanskelige samtaler" not in text


@pytest.mark.django_db
def test_needs_page_withholds_a_small_cohort(client, world):
    client.force_login(world.hr)
    text = main_text(client.get(reverse("programme_needs", kwargs={"pk": world.programme.pk})))
    assert "1 leder har fylt ut kartleggingen." in text
    assert "For få svar til å vises uten å avsløre noen." in text
    assert "Holdt tilbake: for få svar" in text
    assert "Kurs" not in text


@pytest.mark.django_db
def test_one_baseline_never_moves_the_needs_page_while_the_status_page_names_who_did_it(client, world, settings):
    """Issue 14, time: HR reads the needs page and the status page, one leader submits the baseline,
    HR reads both again. The status page names who is new (HR needs that); the needs page must not
    move by exactly that leader's ratings. It moves once five leaders have changed, all together."""
    settings.ANONYMITY_THRESHOLD = 5
    goal = world.programme.goals.get()
    leaders = [ParticipantFactory(programme=world.programme) for _ in range(10)]
    for leader in leaders[:5]:
        _answer(leader, goal, [3, 3, 3, 3])
    client.force_login(world.hr)
    needs_url = reverse("programme_needs", kwargs={"pk": world.programme.pk})
    status_url = reverse("programme_leader_status", kwargs={"pk": world.programme.pk})
    first = main_text(client.get(needs_url))
    assert "6 ledere har fylt ut kartleggingen." in first
    assert "Kunnskaper 6 3,0" in first

    _answer(leaders[5], goal, [5, 5, 5, 5], education="further", years=20)
    live = baseline_summary(world.programme)
    assert live["respondents"] == 7 and live["goals"][0]["dimensions"]["knowledge"]["mean"] != 3.0
    status = client.get(status_url)
    assert sum(1 for row in status.context["rows"] if row.has_baseline) == 7  # who is new shows here
    assert main_text(client.get(needs_url)) == first

    for leader in leaders[6:9]:
        _answer(leader, goal, [4, 4, 4, 4])
    assert main_text(client.get(needs_url)) == first  # four changed: still the same
    _answer(leaders[9], goal, [4, 4, 4, 4])
    renewed = main_text(client.get(needs_url))
    assert "11 ledere har fylt ut kartleggingen." in renewed
    assert "Kunnskaper 11" in renewed and "Kunnskaper 6 3,0" not in renewed


@pytest.mark.django_db
def test_a_snapshot_made_by_another_reader_meanwhile_is_the_one_used(world, monkeypatch):
    """The first reading makes the snapshot; if another reader made it meanwhile (between the plain
    read and the lock), the row they made is used, not a second one (the unique constraint)."""
    from participants import release
    from participants.models import ReleaseSnapshot

    real_filter = ReleaseSnapshot.objects.filter
    made = []

    def filter_then_someone_else_creates(*args, **kwargs):
        found = real_filter(*args, **kwargs)
        if not made:  # the other reader creates it right after our plain read saw nothing
            made.append(ReleaseSnapshot.objects.create(programme=world.programme, kind="baseline", figures={"x": 1}))
        return found.none()

    monkeypatch.setattr(ReleaseSnapshot.objects, "filter", filter_then_someone_else_creates)
    figures, _taken = release.released(world.programme, "baseline", {}, lambda: {"x": 2})
    monkeypatch.undo()
    assert ReleaseSnapshot.objects.filter(programme=world.programme, kind="baseline").count() == 1
    assert figures == {"x": 1}  # nobody changed since the other reader's snapshot


@pytest.mark.django_db
def test_a_baseline_submitted_while_the_figures_are_computed_is_in_the_digests_too(world, settings, monkeypatch):
    """The figures of a snapshot are computed after its rows are read. A baseline that arrives in
    between was once in the figures but not in the digests, so the next renewal came one real change
    early (four leaders' step). The rows are now read again after computing: the figures are kept
    only for rows that did not change meanwhile."""
    import participants.selectors as selectors
    from participants.models import ReleaseSnapshot
    from participants.release import released_baseline

    settings.ANONYMITY_THRESHOLD = 5
    goal = world.programme.goals.get()
    leaders = [ParticipantFactory(programme=world.programme) for _ in range(6)]
    for leader in leaders[:5]:
        _answer(leader, goal, [3, 3, 3, 3])
    real = selectors.baseline_summary
    calls = []

    def summary_while_one_more_submits(programme, phase="baseline"):
        calls.append(phase)
        if len(calls) == 1:
            _answer(leaders[5], goal, [5, 5, 5, 5])
        return real(programme, phase=phase)

    monkeypatch.setattr(selectors, "baseline_summary", summary_while_one_more_submits)
    figures = released_baseline(world.programme)
    snapshot = ReleaseSnapshot.objects.get(programme=world.programme, kind="baseline")
    assert len(calls) == 2  # computed again, over the rows as they were after the first computation
    assert figures["summary"]["respondents"] == 7 == len(snapshot.digests)
