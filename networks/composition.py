"""Cross-municipal panels and pairs: pure Python, no database, deterministic given a seed.

A person is anything with `pk`, `municipality` (an id), `is_project_leader`, `sector` and
`leader_level`."""

import random
from collections import Counter, defaultdict


def pick_panel(people, *, exclude_project_leaders=True, seed=0):
    """One member per municipality (municipalities in order of their id), never the project leader
    when `exclude_project_leaders`. A municipality with no one eligible is left out. Among those
    eligible, the pick mixes sectors and leader levels: each next pick is the one whose sector and
    level the panel holds least of so far (ties broken by the seeded shuffle)."""
    rng = random.Random(f"panel:{seed}")
    by_municipality = defaultdict(list)
    for p in people:
        if exclude_project_leaders and p.is_project_leader:
            continue
        by_municipality[p.municipality].append(p)
    panel, sectors, levels = [], Counter(), Counter()
    for municipality in sorted(by_municipality):
        candidates = sorted(by_municipality[municipality], key=lambda p: p.pk)
        rng.shuffle(candidates)
        best = min(candidates, key=lambda p: (sectors[p.sector] if p.sector else 0) + levels[p.leader_level])
        panel.append(best)
        sectors[best.sector] += 1
        levels[best.leader_level] += 1
    return panel


def pair_across(people, *, seed=0):
    """Conversation partners from another municipality ("samtalepartner fra en annen kommune").

    Returns groups of two (three when the count is odd or one municipality has more than half):
    each pair takes one person from the municipality with the most left and one from the next, so
    as many pairs as possible cross a border; whoever is left joins an existing pair of other
    municipalities' people, so every group holds at least two municipalities whenever the input
    does."""
    rng = random.Random(f"pairs:{seed}")
    left = defaultdict(list)
    for p in sorted(people, key=lambda p: p.pk):
        left[p.municipality].append(p)
    for members in left.values():
        rng.shuffle(members)
    pairs = []
    while True:
        filled = sorted((m for m in left if left[m]), key=lambda m: (-len(left[m]), m))
        if len(filled) < 2:
            break
        pairs.append([left[filled[0]].pop(), left[filled[1]].pop()])
    rest = [p for m in sorted(left) for p in left[m]]
    if not pairs:
        return [rest] if len(rest) > 1 else []
    for p in rest:
        # Into a pair that has no one from this person's municipality yet, smallest first.
        open_pairs = [g for g in pairs if all(q.municipality != p.municipality for q in g)] or pairs
        target = min(open_pairs, key=lambda g: (len(g), pairs.index(g)))
        target.append(p)
    return pairs
