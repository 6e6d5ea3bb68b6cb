"""Property tests of the anonymity engine: no group under the threshold is ever shown, neither
directly nor as the difference of a parent and its visible children, nor between a filter and
the whole; and the same holds for what the results page, the Excel export and the report get."""

import dataclasses
import datetime
import io
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import disclosure
from evaluation import anonymity
from tests.worlds.evaluation import close_surveys

K = 5


def _small(x):
    return 0 < x < K


# --- The plan on its own (core/disclosure.py) --------------------------------------------------------


@st.composite
def tables(draw):
    """Atoms run × sector (some empty: structural zeros) and the cells the product offers."""
    runs = draw(st.integers(1, 4))
    sectors = draw(st.integers(1, 4))
    counts = {
        (r, s): draw(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 12])) for r in range(runs) for s in range(sectors)
    }
    atoms = frozenset(counts)
    cells = [disclosure.Cell(("all",), atoms)]
    cells += [disclosure.Cell(("run", r), frozenset(a for a in atoms if a[0] == r)) for r in range(runs)]
    cells += [disclosure.Cell(("sector", s), frozenset(a for a in atoms if a[1] == s)) for s in range(sectors)]
    return counts, cells


def _brute_force_small_group(counts, released, k):
    """Every union of non-empty atoms with 1..k-1 people, tested for span membership by Fractions."""
    import itertools
    from fractions import Fraction

    atoms = sorted(a for a, n in counts.items() if n)
    rows = [[Fraction(int(a in cell)) for a in atoms] for cell in released]

    def rank(matrix):
        matrix = [list(r) for r in matrix]
        rank_ = 0
        for col in range(len(atoms)):
            pivot = next((i for i in range(rank_, len(matrix)) if matrix[i][col]), None)
            if pivot is None:
                continue
            matrix[rank_], matrix[pivot] = matrix[pivot], matrix[rank_]
            for i in range(len(matrix)):
                if i != rank_ and matrix[i][col]:
                    f = matrix[i][col] / matrix[rank_][col]
                    matrix[i] = [x - f * y for x, y in zip(matrix[i], matrix[rank_], strict=True)]
            rank_ += 1
        return rank_

    base = rank(rows)
    for size in range(1, k):
        for group in itertools.combinations(atoms, size):
            if 0 < sum(counts[a] for a in group) < k:
                vector = [Fraction(int(a in group)) for a in atoms]
                if rank([*rows, vector]) == base:
                    return frozenset(group)
    return None


@settings(max_examples=150, deadline=None)
@given(tables())
def test_the_plan_releases_nothing_that_spans_a_small_group(table):
    counts, cells = table
    plan = disclosure.release_plan(counts, [cells], K)
    released = [c.atoms for c in cells if plan.shown(c.key)]
    assert all(plan.count(c.key) >= K for c in cells if plan.shown(c.key))
    # Checked twice: by the engine's own search and by brute force over every small union.
    assert disclosure.small_group_in_span(counts, released, K) is None
    assert _brute_force_small_group(counts, released, K) is None


@settings(max_examples=150, deadline=None)
@given(tables())
def test_the_search_finds_what_brute_force_finds(table):
    counts, cells = table
    released = [c.atoms for c in cells if sum(counts[a] for a in c.atoms) >= K]
    assert (disclosure.small_group_in_span(counts, released, K) is None) == (
        _brute_force_small_group(counts, released, K) is None
    )


@given(st.lists(st.integers(K, 40), min_size=1, max_size=6))
def test_big_enough_groups_are_all_shown(sizes):
    counts = dict(enumerate(sizes))
    cells = [disclosure.Cell(("all",), frozenset(counts))] + [disclosure.Cell(i, frozenset([i])) for i in counts]
    plan = disclosure.release_plan(counts, [cells], K)
    assert all(plan.shown(c.key) for c in cells)


def test_subtraction_across_filter_values_is_closed():
    """Issue 14, attack 1: 33 answers, five sectors of 6 and one of 3."""
    counts = dict.fromkeys(range(5), 6) | {5: 3}
    cells = [disclosure.Cell(("all",), frozenset(counts))] + [disclosure.Cell(s, frozenset([s])) for s in counts]
    plan = disclosure.release_plan(counts, [cells], K)
    assert plan.count(("all",)) == 33
    assert [s for s in counts if plan.shown(s)] == [0, 1, 2, 3]  # the smallest other sector goes too


def test_a_structural_zero_cannot_be_used_to_subtract_across_dimensions():
    """Run 1 has only sector A, so sector A minus run 1 is sector A in run 2 (3 people)."""
    counts = {("r1", "A"): 5, ("r1", "B"): 0, ("r2", "A"): 3, ("r2", "B"): 10}
    cells = [
        disclosure.Cell(("g",), frozenset(counts)),
        disclosure.Cell(("r1",), frozenset([("r1", "A"), ("r1", "B")])),
        disclosure.Cell(("r2",), frozenset([("r2", "A"), ("r2", "B")])),
        disclosure.Cell(("A",), frozenset([("r1", "A"), ("r2", "A")])),
        disclosure.Cell(("B",), frozenset([("r1", "B"), ("r2", "B")])),
    ]
    plan = disclosure.release_plan(counts, [cells], K)
    assert disclosure.small_group_in_span(counts, [c.atoms for c in cells if plan.shown(c.key)], K) is None
    assert not (plan.shown(("r1",)) and plan.shown(("A",)))


def test_a_total_that_grows_never_reveals_what_was_added():
    """Gathering 2 holds 3 answers: the programme total after it must not be shown beside the one before."""
    counts = {"g1": 20, "g2": 3}
    moments = [
        [disclosure.Cell(("g", 1), frozenset(["g1"])), disclosure.Cell(("all",), frozenset(["g1"]))],
        [disclosure.Cell(("g", 2), frozenset(["g2"])), disclosure.Cell(("all",), frozenset(["g1", "g2"]))],
    ]
    plan = disclosure.release_plan(counts, moments, K)
    assert plan.count(("g", 1)) == 20 and not plan.shown(("g", 2)) and not plan.shown(("all",))


@given(st.lists(st.integers(1, 6), max_size=12))
def test_a_hidden_stat_carries_no_count_at_all(values):
    stat = anonymity.stat(len(values) >= K, Counter(values), range(1, 7), K)
    if len(values) < K:
        assert stat == anonymity.HIDDEN
        assert (stat.n, stat.mean, stat.distribution, stat.share) == (None, None, (), ())
    else:
        assert stat.n == len(values)
        assert sum(count for _v, count in stat.distribution) == len(values)


def test_the_threshold_is_never_below_three(settings):
    settings.ANONYMITY_THRESHOLD = 1
    assert anonymity.threshold() == 3


@settings(max_examples=200)
@given(
    st.lists(st.tuples(st.text(min_size=1, max_size=5), st.sampled_from(["pending", "approved", "hidden"]))),
    st.integers(0, 40),
)
def test_free_text_shows_only_approved_and_needs_eight_for_the_executive(answers, respondents):
    rows = [(str(i), text, screening) for i, (text, screening) in enumerate(answers)]
    approved = [text for _k, text, s in rows if s == "approved" and text.strip()]
    for audience in (anonymity.AUDIENCE_STAFF, anonymity.AUDIENCE_EXECUTIVE):
        block = anonymity.texts(rows, respondents=respondents, audience=audience)
        if block.shown:
            assert sorted(block.items) == sorted(approved)
            assert respondents >= 5
            if audience == anonymity.AUDIENCE_EXECUTIVE:
                assert len(block.items) >= 8
        else:
            assert block.items == ()


def test_case_themes_under_the_threshold_are_dropped():
    assert anonymity.theme_counts([("Konflikt", 7), ("Sykefravær", 2), ("Omstilling", 5)]) == (
        ("Konflikt", 7),
        ("Omstilling", 5),
    )


def test_facts_about_fewer_people_than_the_threshold_are_hidden():
    assert anonymity.fact(3, base=4) == anonymity.Fact(shown=False)
    assert anonymity.fact(3, base=5) == anonymity.Fact(shown=True, value=3)


# --- Through the database: results page, export and report context ----------------------------------

SECTORS = ["Oppvekst", "Helse", "Teknisk"]
LEVELS = ["unit", "department"]


@pytest.fixture
def programme_with_runs(world):
    """Two gatherings of three runs each, with feedback surveys."""
    from evaluation import services
    from sessions.models import Run

    surveys = []
    for number in (1, 2):
        gathering = world.programme.gatherings.get(number=number)
        gathering.topics = ["Endringsledelse", "Stressmestring"]
        gathering.save()
        for run_number in (5, 6, 7):
            run = Run.objects.create(
                gathering=gathering,
                number=run_number,
                date=datetime.date(2026, 3, run_number + number),
                start_time=datetime.time(9),
                end_time=datetime.time(15),
                venue="Sal",
                capacity=50,
            )
            surveys.append(services.feedback_survey_ensure(run=run))
    close_surveys(world.programme)
    world.programme_survey.refresh_from_db()
    return world.programme, surveys, world.programme_survey


def _walk(value, seen=None):
    """Every Stat, Ranked, Texts or Fact reachable from a context."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, anonymity.Stat | anonymity.Ranked | anonymity.Texts | anonymity.Fact):
        yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item, seen)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item, seen)


answer_rows = st.lists(
    st.tuples(st.integers(0, 5), st.sampled_from(SECTORS), st.sampled_from(LEVELS), st.integers(1, 6)),
    max_size=45,
)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(feedback=answer_rows, evaluation=answer_rows)
def test_no_view_export_or_report_context_carries_a_small_group(programme_with_runs, feedback, evaluation):
    """Random answers into random runs and groups; then every filter on the results, the export's
    cells and the report's context are checked against the truth counted here, independently."""
    from openpyxl import load_workbook

    from evaluation.exports import results_workbook
    from evaluation.models import Answer, Response
    from evaluation.report import report_context
    from evaluation.results import filter_choices, programme_results

    programme, surveys, evaluation_survey = programme_with_runs
    with transaction.atomic():
        truth = Counter()  # (survey, sector, level) -> responses
        die = {s.pk: s.questions.get(key="die") for s in surveys}
        main = evaluation_survey.questions.get(key="main_goal")
        for index, sector, level, value in feedback:
            survey = surveys[index]
            response = Response.objects.create(survey=survey, sector=sector, leader_level=level)
            Answer.objects.create(response=response, question=die[survey.pk], value=value)
            truth[(survey.pk, sector, level)] += 1
        for _index, sector, level, value in evaluation:
            response = Response.objects.create(survey=evaluation_survey, sector=sector, leader_level=level)
            Answer.objects.create(response=response, question=main, value=value)
            truth[(evaluation_survey.pk, sector, level)] += 1

        def count(survey_ids, flt=None):
            return sum(
                n
                for (s, sector, level), n in truth.items()
                if s in survey_ids and (flt is None or {"sector": sector, "leader_level": level}[flt[0]] == flt[1])
            )

        runs_of = {}
        for survey in surveys:
            runs_of.setdefault(survey.run.gathering_id, []).append(survey.pk)

        filters = [None] + [(name, value) for name, value, _label in filter_choices(programme)]
        for flt in filters:
            results = programme_results(programme, filter=flt)
            for stat in _walk(results):
                if getattr(stat, "n", None) is not None:
                    assert stat.n >= K
            if results.refused:
                assert flt is not None
                continue
            for gathering in results.gatherings:
                ids = runs_of.get(gathering.gathering.pk, [])  # the world's own run has no answers
                if gathering.count is not None:
                    assert gathering.count == count(ids, flt) >= K
                    if flt:
                        assert not _small(count(ids) - count(ids, flt)), "filter and whole reveal the rest"
                    hidden = [r for r in gathering.runs if r.count is None]
                    pool = sum(count([s.pk for s in surveys if s.run_id == r.run.pk], flt) for r in hidden)
                    assert not _small(pool), "gathering minus its visible runs reveals a small group"
                for run in gathering.runs:
                    assert run.count is None or run.count >= K
            if results.count is not None:
                hidden_pool = sum(
                    count(runs_of.get(g.gathering.pk, []), flt) for g in results.gatherings if g.count is None
                )
                assert not _small(hidden_pool), "programme minus its visible gatherings reveals a small group"
                assert results.count == sum(count(runs_of.get(g.gathering.pk, []), flt) for g in results.gatherings)
            if results.evaluation is not None and results.evaluation.count is not None:
                assert results.evaluation.count >= K
                if flt:
                    whole, part = count([evaluation_survey.pk]), count([evaluation_survey.pk], flt)
                    assert not _small(whole - part)

        # The export has exactly the released numbers: no count cell under the threshold.
        workbook = load_workbook(io.BytesIO(results_workbook(programme, programme_results(programme))))
        checked = 0
        for sheet in workbook.worksheets:
            header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
            if len(header) <= 3:  # the needs sheet: points, not people
                continue
            assert header[2] == "Svar"
            for row in sheet.iter_rows(min_row=2, values_only=True):
                checked += 1
                assert not isinstance(row[2], int) or row[2] >= K
        assert checked >= 6

        context = report_context(programme, recommendation="Anbefaling")
        for stat in _walk(context):
            if getattr(stat, "n", None) is not None:
                assert stat.n >= K
        transaction.set_rollback(True)
