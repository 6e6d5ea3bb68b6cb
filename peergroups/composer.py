"""Proposes fixed peer groups: pure Python, no database, deterministic given a seed.

A person is anything with `pk`, `sector`, `unit`, `leader_level` and `manager_id`. The composer

* decides how many groups there are so that every size lies within [min_size, max_size] (sizes
  differ by at most one);
* never puts a leader in the same group as their own manager or a direct report (the hard rule);
* mixes sectors, units and leader levels, measured as the number of pairs in a group that share
  a unit, a sector or a level (fewer is better; blank values are unknown, not shared).

It builds two starting points, a greedy placement and the naive split (consecutive chunks of the
input order), improves both by seeded random swaps that never worsen the objective (rule
violations first, then the mix), and keeps the better. Starting from the naive split is what
guarantees the proposal is never worse than it.
"""

import math
import random
from collections import Counter
from dataclasses import dataclass, field

# Sharing a unit means already working together daily, so it weighs most.
WEIGHTS = {"unit": 2, "sector": 1, "leader_level": 1}
# On request (a network programme): two leaders from the same municipality in a group cost as much
# as a shared unit, so groups mix municipalities first. People then need a `municipality` attribute.
MUNICIPALITY_WEIGHT = 2
# One rule violation costs more than any mix could: the search removes violations first.
VIOLATION_COST = 10_000


class ComposeError(ValueError):
    """The cohort cannot be split within the bounds (the message says why, for HR)."""


def group_count(n, min_size, max_size):
    """How many groups `n` people make with sizes within the bounds, nearest the middle size."""
    if min_size < 2 or max_size < min_size:
        raise ComposeError("bounds")
    if n == 0:
        return 0
    fewest, most = math.ceil(n / max_size), n // min_size
    if fewest > most:
        raise ComposeError("infeasible")
    target = (min_size + max_size) / 2
    return min(max(round(n / target), fewest), most)


def group_sizes(n, k):
    """k sizes adding up to n that differ by at most one, larger ones first."""
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def pair_cost(counter):
    return sum(c * (c - 1) // 2 for value, c in counter.items() if value)


def mix_cost(groups):
    """Weighted same-unit, same-sector and same-level pairs over all groups (lower is more mixed)."""
    return sum(
        weight * pair_cost(Counter(getattr(p, attr) for p in group))
        for group in groups
        for attr, weight in WEIGHTS.items()
    )


def violations(groups):
    """(person, manager) pairs placed in the same group."""
    found = []
    for group in groups:
        by_pk = {p.pk: p for p in group}
        found.extend((p, by_pk[p.manager_id]) for p in group if p.manager_id in by_pk)
    return found


@dataclass
class GroupQuality:
    size: int
    sectors: int  # distinct known sectors
    units: int
    levels: dict = field(default_factory=dict)  # level -> count
    largest_sector_share: int = 0  # members of the most common sector
    mix_cost: int = 0
    violations: list = field(default_factory=list)


def group_quality(group):
    sectors = Counter(p.sector for p in group if p.sector)
    return GroupQuality(
        size=len(group),
        sectors=len(sectors),
        units=len({p.unit for p in group if p.unit}),
        levels=dict(Counter(p.leader_level for p in group)),
        largest_sector_share=max(sectors.values(), default=0),
        mix_cost=mix_cost([group]),
        violations=violations([group]),
    )


def naive_split(people, sizes):
    """Consecutive chunks of the given order: the baseline the composer must never do worse than."""
    groups, start = [], 0
    for size in sizes:
        groups.append(list(people[start : start + size]))
        start += size
    return groups


class _State:
    """Groups with per-group value counts, so a swap's change in cost is computed in constant time."""

    def __init__(self, people, assignment, k, weights=WEIGHTS):
        self.weights = weights
        self.people = people
        self.group_of = dict(assignment)  # pk -> group index
        self.members = [set() for _ in range(k)]
        self.counts = [{attr: Counter() for attr in weights} for _ in range(k)]
        self.by_pk = {p.pk: p for p in people}
        self.related = {p.pk: set() for p in people}
        for p in people:
            if p.manager_id in self.related:
                self.related[p.pk].add(p.manager_id)
                self.related[p.manager_id].add(p.pk)
        for p in people:
            self._add(p, self.group_of[p.pk])

    def _add(self, p, g, sign=1):
        if sign > 0:
            self.members[g].add(p.pk)
        else:
            self.members[g].discard(p.pk)
        for attr in self.weights:
            self.counts[g][attr][getattr(p, attr)] += sign

    def conflicts(self, p, g, ignore=None):
        return sum(1 for other in self.related[p.pk] if other != ignore and other in self.members[g])

    def objective(self):
        cost = 0
        for g in range(len(self.members)):
            for attr, weight in self.weights.items():
                cost += weight * pair_cost(self.counts[g][attr])
        pairs = sum(self.conflicts(p, self.group_of[p.pk]) for p in self.people) // 2
        return pairs * VIOLATION_COST + cost

    def swap_delta(self, a, b):
        ga, gb = self.group_of[a.pk], self.group_of[b.pk]
        delta = VIOLATION_COST * (
            self.conflicts(a, gb, ignore=b.pk)
            + self.conflicts(b, ga, ignore=a.pk)
            - self.conflicts(a, ga)
            - self.conflicts(b, gb)
        )
        for attr, weight in self.weights.items():
            va, vb = getattr(a, attr), getattr(b, attr)
            if va == vb:
                continue
            ca, cb = self.counts[ga][attr], self.counts[gb][attr]
            # Pairs a value makes in a group are count-1 for each member; moving one member out
            # loses count-1 pairs, moving one in gains count pairs. Blank values never pair.
            change = 0
            if va:
                change += cb[va] - (ca[va] - 1)
            if vb:
                change += ca[vb] - (cb[vb] - 1)
            delta += weight * change
        return delta

    def swap(self, a, b):
        ga, gb = self.group_of[a.pk], self.group_of[b.pk]
        self._add(a, ga, -1)
        self._add(b, gb, -1)
        self._add(a, gb)
        self._add(b, ga)
        self.group_of[a.pk], self.group_of[b.pk] = gb, ga

    def groups(self):
        out = [[] for _ in self.members]
        for p in self.people:
            out[self.group_of[p.pk]].append(p)
        return out


def _greedy(people, sizes, rng, weights=WEIGHTS):
    """Managers first (so their reports can avoid them), then the rest in seeded order, each into
    the open group where they add the fewest violations and shared values."""
    k = len(sizes)
    managers = {p.manager_id for p in people}
    order = list(people)
    rng.shuffle(order)
    order.sort(key=lambda p: p.pk not in managers)
    state = _State(people, {p.pk: 0 for p in people}, k, weights)
    # Start empty and place one by one.
    state.members = [set() for _ in range(k)]
    state.counts = [{attr: Counter() for attr in weights} for _ in range(k)]
    for p in order:

        def cost(g, p=p):
            added = sum(weight * state.counts[g][attr][getattr(p, attr)] for attr, weight in weights.items())
            blank = sum(weight * state.counts[g][attr][""] for attr, weight in weights.items() if not getattr(p, attr))
            return (state.conflicts(p, g), added - blank, len(state.members[g]) / sizes[g], g)

        g = min((g for g in range(k) if len(state.members[g]) < sizes[g]), key=cost)
        state.group_of[p.pk] = g
        state._add(p, g)
    return {p.pk: state.group_of[p.pk] for p in people}


def _improve(state, rng, attempts):
    people = state.people
    for _ in range(attempts):
        a, b = rng.sample(people, 2)
        if state.group_of[a.pk] == state.group_of[b.pk]:
            continue
        if state.swap_delta(a, b) < 0:
            state.swap(a, b)
    # A final sweep over people still beside their manager or report, trying every partner.
    for a in people:
        if not state.conflicts(a, state.group_of[a.pk]):
            continue
        best, best_delta = None, 0
        for b in people:
            if state.group_of[a.pk] != state.group_of[b.pk]:
                delta = state.swap_delta(a, b)
                if delta < best_delta:
                    best, best_delta = b, delta
        if best is not None:
            state.swap(a, best)
    return state


def compose(people, *, min_size=5, max_size=7, seed=0, attempts=None, mix_municipalities=False):
    """Split `people` into groups (lists of people, in input order within a group).

    Raises ComposeError when no split fits the bounds. Same input and seed, same groups.
    `mix_municipalities` adds the municipality to what groups mix (the other rules stay).
    """
    weights = {**WEIGHTS, "municipality": MUNICIPALITY_WEIGHT} if mix_municipalities else WEIGHTS
    people = list(people)
    k = group_count(len(people), min_size, max_size)
    if k == 0:
        return []
    if k == 1:
        return [people]
    sizes = group_sizes(len(people), k)
    attempts = attempts if attempts is not None else min(150 * len(people), 40_000)
    best = None
    naive = {p.pk: g for g, group in enumerate(naive_split(people, sizes)) for p in group}
    for start in ("greedy", "naive"):
        rng = random.Random(f"{seed}:{start}")
        assignment = _greedy(people, sizes, rng, weights) if start == "greedy" else naive
        state = _improve(_State(people, assignment, k, weights), rng, attempts)
        score = state.objective()
        if best is None or score < best[0]:
            best = (score, state)
    return best[1].groups()


def objective(groups):
    """What the composer minimises, for comparing splits: (rule violations, mix cost)."""
    return len(violations(groups)), mix_cost(groups)
