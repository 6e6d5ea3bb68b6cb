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

from evaluation import anonymity
from evaluation.anonymity import Group

K = 5


def _small(x):
    return 0 < x < K


# --- The engine on its own -------------------------------------------------------------------------


@st.composite
def trees(draw, filtered=False):
    def node(depth):
        children = []
        if depth < 2:
            children = [node(depth + 1) for _ in range(draw(st.integers(0, 4)))]
        if children:
            n = sum(c.n for c in children)
            complement = sum(c.complement for c in children) if filtered else None
        else:
            n = draw(st.integers(0, 14))
            complement = draw(st.integers(0, 14)) if filtered else None
        return Group(key=object(), n=n, complement=complement, children=children)

    return node(0)


def assert_rules_hold(root):
    for group in root.walk():
        if not group.shown:
            assert all(not d.shown for d in group.walk()), "a hidden group has a visible part"
            continue
        assert group.n >= K
        if group.complement is not None:
            assert not _small(group.complement)
        hidden = [c for c in group.children if not c.shown]
        assert not _small(sum(c.n for c in hidden)), "parent minus visible children reveals a small group"
        assert not _small(sum(c.complement or 0 for c in hidden))


@settings(max_examples=400)
@given(trees())
def test_no_shown_group_and_no_difference_is_under_the_threshold(root):
    assert_rules_hold(anonymity.decide(root, K))


@settings(max_examples=400)
@given(trees(filtered=True))
def test_filtered_groups_hide_small_complements_too(root):
    assert_rules_hold(anonymity.decide(root, K))


@given(st.lists(st.integers(K, 40), min_size=1, max_size=6))
def test_big_enough_groups_are_all_shown(sizes):
    root = Group("p", sum(sizes), None, [Group(i, n) for i, n in enumerate(sizes)])
    anonymity.decide(root, K)
    assert all(g.shown for g in root.walk())


@given(st.integers(0, 30), st.integers(0, 30))
def test_a_filter_is_refused_when_it_or_the_rest_is_small(filtered, rest):
    total = filtered + rest
    small = filtered < K or _small(rest)
    if small:
        with pytest.raises(anonymity.FilterRefused):
            anonymity.check_filter(total=total, filtered=filtered, k=K)
    else:
        anonymity.check_filter(total=total, filtered=filtered, k=K)


@given(st.lists(st.integers(1, 6), max_size=12))
def test_a_hidden_stat_carries_no_count_at_all(values):
    group = anonymity.decide(Group("g", len(values)), K)
    stat = anonymity.stat(group, Counter(values), range(1, 7), K)
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
            shown = [g for g in results.gatherings if g.count is not None]
            if results.count is not None:
                hidden_pool = sum(
                    count(runs_of.get(g.gathering.pk, []), flt) for g in results.gatherings if g.count is None
                )
                assert not _small(hidden_pool), "programme minus its visible gatherings reveals a small group"
                assert results.count == sum(count(runs_of.get(g.gathering.pk, []), flt) for g in results.gatherings)
            else:
                assert all(g.count is None for g in shown)
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
