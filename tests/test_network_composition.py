"""Cross-municipal panels, pairs, the composer's municipality mix and pooled anonymity (pure Python)."""

from collections import Counter
from types import SimpleNamespace

import pytest

from networks.composition import pair_across, pick_panel
from networks.pooling import pooled
from peergroups.composer import compose


def person(pk, municipality, *, leader=False, sector="", level="", unit="", manager=None):
    return SimpleNamespace(
        pk=pk,
        municipality=municipality,
        is_project_leader=leader,
        sector=sector,
        leader_level=level,
        unit=unit,
        manager_id=manager,
    )


def test_panel_has_one_per_municipality_and_never_the_project_leader():
    people = [
        person(1, "A", leader=True, sector="helse"),
        person(2, "A", sector="oppvekst"),
        person(3, "B", sector="helse"),
        person(4, "C", leader=True),  # C's only leader is its project leader: C is left out
    ]
    panel = pick_panel(people)
    assert [p.pk for p in panel] == [2, 3]


def test_panel_mixes_sectors_among_the_eligible():
    people = [person(1, "A", sector="helse"), person(2, "B", sector="helse"), person(3, "B", sector="teknisk")]
    assert [p.pk for p in pick_panel(people, seed=7)] == [1, 3]


@pytest.mark.parametrize("counts", [(2, 2), (3, 2), (5, 1), (3, 3, 3), (1, 1, 1), (4, 4, 1)])
def test_every_pair_crosses_a_border_and_everyone_is_placed(counts):
    people = [person(10 * m + i, m) for m, n in enumerate(counts) for i in range(n)]
    groups = pair_across(people, seed=1)
    placed = [p.pk for g in groups for p in g]
    assert sorted(placed) == sorted(p.pk for p in people)
    assert all(len({p.municipality for p in g}) >= 2 for g in groups)
    assert all(len(g) >= 2 for g in groups)


def test_pairs_are_the_same_for_the_same_seed():
    people = [person(i, i % 3) for i in range(12)]
    first = [[p.pk for p in g] for g in pair_across(people, seed=3)]
    assert first == [[p.pk for p in g] for g in pair_across(people, seed=3)]


def test_composer_mixes_municipalities_on_request_and_keeps_the_manager_rule():
    people = [person(i, "A" if i < 6 else "B", manager=(0 if i == 1 else None)) for i in range(12)]
    groups = compose(people, min_size=6, max_size=6, seed=1, mix_municipalities=True)
    assert [Counter(p.municipality for p in g) for g in groups] == [Counter(A=3, B=3), Counter(A=3, B=3)]
    assert all(not ({0, 1} <= {p.pk for p in g}) for g in groups)


def test_pooled_hides_a_small_municipality_and_its_complement():
    total, shares = pooled({"A": 10, "B": 2, "C": 8}, k=5)
    # B alone is too few; hiding only B would leave it as 20 - 10 - 8: C (the smallest shown) goes too.
    assert total == 20
    assert [(s.municipality, s.n, s.shown) for s in shares] == [("A", 10, True), ("B", None, False), ("C", None, False)]


def test_pooled_shows_every_municipality_that_alone_meets_the_threshold():
    total, shares = pooled({"A": 10, "B": 6}, k=5)
    assert (total, [s.n for s in shares]) == (16, [10, 6])


def test_pooled_hides_the_network_when_the_whole_is_too_small():
    assert pooled({"A": 2, "B": 1}, k=5) == (None, pooled({"A": 2, "B": 1}, k=5)[1])
    assert all(not s.shown for s in pooled({"A": 2, "B": 1}, k=5)[1])
