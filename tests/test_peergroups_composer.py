"""The composer, as pure functions: properties over generated cohorts, and the real cohort sizes."""

from collections import Counter
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participants.demo import BERGEN_DEPARTMENT_LEADERS, BERGEN_SECTORS, BERGEN_UNITS, VEFSN_PARTICIPANTS
from peergroups.composer import (
    ComposeError,
    compose,
    group_count,
    group_quality,
    mix_cost,
    naive_split,
    objective,
    violations,
)

# No example database in the checkout; the seed-free search is reproducible from the printed example.
PROPERTIES = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

SECTORS = ["Helse", "Oppvekst", "Teknisk", "Stab", ""]
LEVELS = ["strategic", "unit", "department", ""]


def person(pk, sector="", unit="", level="", manager_id=None):
    return SimpleNamespace(pk=pk, sector=sector, unit=unit, leader_level=level, manager_id=manager_id)


@st.composite
def cohorts(draw, min_people=0, max_people=70):
    """A cohort with sectors, units and a manager forest where nobody manages more than a few
    people (as in a municipality), and where a split into groups of 5–7 without violations exists:
    manager and report never share a planned group (pk modulo the composer's group count). Without
    that, a chain of managers can leave no valid split at all (Hypothesis found one)."""
    n = draw(st.integers(min_people, max_people))
    planned = group_count(n, 5, 7) if n >= 10 else 1
    people = []
    reports = Counter()
    for pk in range(1, n + 1):
        sector = draw(st.sampled_from(SECTORS))
        unit = draw(st.sampled_from(["", f"{sector} A", f"{sector} B", f"{sector} C"]))
        manager = None
        if pk > 1 and draw(st.booleans()):
            candidate = draw(st.integers(1, pk - 1))
            if reports[candidate] < 3 and (candidate - pk) % planned:
                manager = candidate
                reports[candidate] += 1
        people.append(person(pk, sector, unit, draw(st.sampled_from(LEVELS)), manager))
    return people


def check_split(people, groups, min_size, max_size):
    placed = [p.pk for group in groups for p in group]
    assert sorted(placed) == sorted(p.pk for p in people)  # everyone, exactly once
    assert all(min_size <= len(group) <= max_size for group in groups)
    assert max(map(len, groups), default=0) - min(map(len, groups), default=0) <= 1


@PROPERTIES
@given(cohorts(min_people=10), st.integers(0, 10_000))
def test_every_participant_is_placed_once_within_sizes_and_never_beside_their_manager(people, seed):
    groups = compose(people, min_size=5, max_size=7, seed=seed, attempts=3000)

    check_split(people, groups, 5, 7)
    assert violations(groups) == []
    sizes = [len(g) for g in groups]
    assert objective(groups) <= objective(naive_split(people, sizes))


@PROPERTIES
@given(cohorts(min_people=10), st.integers(0, 10_000))
def test_mix_is_never_worse_than_a_naive_split_in_any_order(people, seed):
    """Against consecutive chunks of the cohort as given, sorted by sector, and sorted by unit: how
    a person would split an HR list by hand."""
    groups = compose(people, min_size=5, max_size=7, seed=seed, attempts=3000)
    sizes = [len(g) for g in groups]
    for order in (people, sorted(people, key=lambda p: p.sector), sorted(people, key=lambda p: p.unit)):
        naive = naive_split(order, sizes)
        if not violations(naive):
            assert mix_cost(groups) <= mix_cost(naive)


@PROPERTIES
@given(st.integers(0, 80), st.integers(2, 8), st.integers(0, 4))
def test_sizes_stay_within_any_bounds_or_the_split_is_refused(n, low, spread):
    high = low + spread
    people = [person(pk, "Helse", "", "unit") for pk in range(1, n + 1)]
    fewest, most = -(-n // high), n // low
    if n and fewest > most:
        with pytest.raises(ComposeError):
            compose(people, min_size=low, max_size=high)
        return
    groups = compose(people, min_size=low, max_size=high, attempts=200)
    check_split(people, groups, low, high)
    assert len(groups) == group_count(n, low, high)


@PROPERTIES
@given(cohorts(min_people=10, max_people=40), st.integers(0, 1000))
def test_same_seed_same_groups(people, seed):
    first = compose(people, seed=seed, attempts=1000)
    again = compose(list(people), seed=seed, attempts=1000)
    assert [[p.pk for p in g] for g in first] == [[p.pk for p in g] for g in again]


def test_bounds_that_cannot_hold_are_refused():
    eight = [person(pk) for pk in range(1, 9)]
    with pytest.raises(ComposeError):
        compose(eight, min_size=5, max_size=7)  # 8 makes neither one group nor two of 5–7
    with pytest.raises(ComposeError):
        compose(eight, min_size=6, max_size=5)
    assert compose([], min_size=5, max_size=7) == []


def vefsn_cohort():
    return [
        person(pk, sector, unit, level)
        for pk, (_first, _last, _title, level, unit, sector) in enumerate(VEFSN_PARTICIPANTS, start=1)
    ]


def bergen_cohort():
    """336 leaders as the Bergen demo has them: unit leaders, each with department leaders reporting to them."""
    people = []
    for u in range(BERGEN_UNITS):
        sector = BERGEN_SECTORS[u % len(BERGEN_SECTORS)]
        people.append(person(u + 1, sector, f"{sector} {u // len(BERGEN_SECTORS) + 1}", "unit"))
    for d in range(BERGEN_DEPARTMENT_LEADERS):
        manager = people[d % BERGEN_UNITS]
        people.append(person(len(people) + 1, manager.sector, manager.unit, "department", manager.pk))
    return people


def test_vefsn_thirty_make_five_mixed_groups_of_six():
    people = vefsn_cohort()
    groups = compose(people, seed=1)

    check_split(people, groups, 5, 7)
    assert [len(g) for g in groups] == [6, 6, 6, 6, 6]
    # Five strategic leaders, one in each group; every group spans at least three sectors, and no
    # two members share a unit.
    assert [group_quality(g).levels.get("strategic", 0) for g in groups] == [1, 1, 1, 1, 1]
    assert all(group_quality(g).sectors >= 3 for g in groups)
    assert all(group_quality(g).units == 6 for g in groups)
    assert mix_cost(groups) < mix_cost(naive_split(people, [6] * 5))


def test_bergen_336_without_a_single_manager_beside_a_report():
    people = bergen_cohort()
    groups = compose(people, seed=1)

    check_split(people, groups, 5, 7)
    assert len(groups) == 56
    assert violations(groups) == []
    # 58 unit leaders over 56 groups: at most two in any group, at least one in nearly all.
    unit_leaders = [group_quality(g).levels.get("unit", 0) for g in groups]
    assert max(unit_leaders) <= 2
    assert unit_leaders.count(0) <= 2
    # Six sectors in groups of six: no group is dominated by one sector.
    assert max(group_quality(g).largest_sector_share for g in groups) <= 2
    sizes = [len(g) for g in groups]
    assert mix_cost(groups) < mix_cost(naive_split(people, sizes)) / 1.4
    # Split unit by unit, as the staff list runs, most groups would hold a leader and their reports.
    by_unit = naive_split(sorted(people, key=lambda p: (p.unit, p.pk)), sizes)
    assert len(violations(by_unit)) > 100
    assert mix_cost(groups) < mix_cost(by_unit) / 3


def test_quality_names_the_pair_that_breaks_the_rule():
    boss = person(1, "Helse", "Sykehjemmet", "unit")
    report = person(2, "Helse", "Sykehjemmet", "department", manager_id=1)
    other = person(3, "Stab", "IKT", "unit")

    quality = group_quality([boss, report, other])

    assert quality.violations == [(report, boss)]
    assert (quality.size, quality.sectors, quality.units) == (3, 2, 2)
    assert quality.levels == {"unit": 2, "department": 1}
    # unit pair ×2, sector pair ×1, level pair ×1
    assert quality.mix_cost == 4
