"""Placing a gathering's participants in its runs (sessions.services.runs_assign_participants): the
balance each placement is scored by, and the repair that takes apart a leader and their manager and
evens out the mix. Plain Python on the rows already loaded: no queries.
"""

import random


def _balance_cost(run_state, participant):
    """How much placing the participant in this run would unbalance it (lower is better)."""
    share = run_state["capacity"]
    cost = (run_state["levels"].get(participant.leader_level, 0) + 1) / share
    cost += (run_state["sectors"].get(participant.sector, 0) + 1) / share
    # Keep leaders apart from their own manager and direct reports where at all possible.
    if participant.manager_id in run_state["members"] or participant.pk in run_state["managers"]:
        cost += 1000
    # Prefer the emptier run when all else is equal.
    cost += len(run_state["members"]) / share / 100
    return cost


BALANCED = ("leader_level", "sector")
# How many people in other runs a repair looks at for one person beside their manager or report.
REPAIR_CANDIDATES = 400
# How many random kicks the repair tries when swaps alone leave pairs together.
KICKS = 30
REPAIR_BUDGET = 200_000
# The greedy pass spreads managers once their reports would take more than PRESSURE_FREE of the
# room in the other runs (measured: below that the mix alone keeps the rule), this strongly.
PRESSURE_FREE = 0.5
PRESSURE_WEIGHT = 10


def _improve_assignment(new, fixed, runs, *, seed):
    """Move newly placed people between runs: first apart from their manager and reports, then
    towards an even mix of levels and sectors.

    The greedy pass places managers first and each report in a run without them, but when runs
    differ in size the small ones fill and reports are left with only their manager's run. Here
    each person still beside a relative is swapped with someone in another run, or moved to one
    with room, whichever takes the most pairs apart (then keeps the mix best); where neither does,
    a three-way rotation may; that repeats while it helps. When pairs are still together, a random
    kick and the same again, kept only if fewer pairs are left. All within REPAIR_BUDGET. Then
    random pair swaps and moves that lower the squared distance from each run's
    capacity-proportional share, and never put anyone beside a relative, even out the mix.
    `fixed` are (participant, run id) pairs placed by hand: they count but never move.
    Deterministic (seeded by the gathering's programme and number, never an id; sets read in sorted
    order), so the same input gives the same runs on any database.
    """

    movable = [a.participant for a in new]
    if len(runs) < 2 or not movable:
        return
    run_of = {a.participant.pk: a.run.pk for a in new}
    run_of.update({p.pk: run_id for p, run_id in fixed})
    people = movable + [p for p, _run_id in fixed]
    members = {run.pk: set() for run in runs}
    for pid, run_id in run_of.items():
        members[run_id].add(pid)
    capacity = {run.pk: run.capacity for run in runs}

    total_capacity = sum(capacity.values())
    counts, target = {}, {}
    for attr in BALANCED:
        totals = {}
        for p in people:
            totals[getattr(p, attr)] = totals.get(getattr(p, attr), 0) + 1
        for run in runs:
            for value, total in totals.items():
                target[(run.pk, attr, value)] = total * run.capacity / total_capacity
                counts[(run.pk, attr, value)] = 0
    for p in people:
        for attr in BALANCED:
            counts[(run_of[p.pk], attr, getattr(p, attr))] += 1

    reports = {}
    for p in people:
        if p.manager_id:
            reports.setdefault(p.manager_id, set()).add(p.pk)
    related = {p.pk: ({p.manager_id} if p.manager_id else set()) | reports.get(p.pk, set()) for p in people}

    def beside(p, run_id, leaving=None):
        """How many of p's relatives are in the run, not counting `leaving` (who swaps out)."""
        return len(related[p.pk] & members[run_id]) - (leaving in related[p.pk] and leaving in members[run_id])

    def changes(a, ra, rb, b=None):
        """The counts that change when a goes from ra to rb (and b, if given, from rb to ra)."""
        for attr in BALANCED:
            va = getattr(a, attr)
            vb = getattr(b, attr) if b is not None else None
            if b is not None and va == vb:
                continue
            yield ((ra, attr, va), -1)
            yield ((rb, attr, va), 1)
            if b is not None:
                yield ((rb, attr, vb), -1)
                yield ((ra, attr, vb), 1)

    def mix_change(moves):
        """How much the moves change the squared distance from the shares (negative: better)."""
        delta = {}
        for key, change in moves:
            delta[key] = delta.get(key, 0) + change
        return sum((counts[key] + d - target[key]) ** 2 - (counts[key] - target[key]) ** 2 for key, d in delta.items())

    def commit(a, ra, rb, b=None):
        for key, change in changes(a, ra, rb, b):
            counts[key] += change
        members[ra].discard(a.pk)
        members[rb].add(a.pk)
        run_of[a.pk] = rb
        if b is not None:
            members[rb].discard(b.pk)
            members[ra].add(b.pk)
            run_of[b.pk] = ra

    rng = random.Random(seed)
    by_pk = {p.pk: p for p in movable}
    # Candidates the repair may still look at: it stops there, so that thousands of participants in
    # dozens of tight runs cannot keep HR waiting; what is left together then stays together.
    budget = [REPAIR_BUDGET]

    # 1. Apart from manager and reports, where a swap, a move or a rotation can do it.
    def rotate_apart(a):
        """When no swap takes a apart from a relative: a three-way rotation that does (a to another run,
        someone there to a third, someone from the third to a's run). Applies the first that takes
        more pairs apart than it puts together; returns whether it found one. Looks at a sample of
        runs and people, and counts what it looks at against the repair's budget."""

        def together(trio):
            pairs = set()
            for p in trio:
                for q in related[p.pk] & members[run_of[p.pk]]:
                    pairs.add((min(p.pk, q), max(p.pk, q)))
            return len(pairs)

        def sample(run_id, k):
            here = [by_pk[q] for q in sorted(members[run_id]) if q in by_pk]
            return rng.sample(here, min(len(here), k))

        ra = run_of[a.pk]
        others = [r for r in members if r != ra]
        for rb in rng.sample(others, min(len(others), 6)):
            thirds = [r for r in others if r != rb]
            for b in sample(rb, 30):
                for rc in rng.sample(thirds, min(len(thirds), 6)):
                    for c in sample(rc, 30):
                        budget[0] -= 1
                        if budget[0] <= 0:
                            return False
                        before = together((a, b, c))
                        commit(a, ra, rb)
                        commit(b, rb, rc)
                        commit(c, rc, ra)
                        if together((a, b, c)) < before:
                            return True
                        commit(c, ra, rc)
                        commit(b, rc, rb)
                        commit(a, rb, ra)
        return False

    def separate():
        """Swaps, moves and rotations while each takes pairs apart."""
        for _round in range(len(movable)):
            improved = False
            for a in movable:
                ra = run_of[a.pk]
                if not beside(a, ra) or budget[0] <= 0:
                    continue
                best = None
                for rb in members:
                    if rb == ra:
                        continue
                    if len(members[rb]) < capacity[rb]:
                        apart = beside(a, rb) - beside(a, ra)
                        if apart < 0:
                            option = (apart, mix_change(changes(a, ra, rb)), rb, None)
                            best = option if best is None or option[:2] < best[:2] else best
                    others = [by_pk[q] for q in sorted(members[rb]) if q in by_pk]
                    if len(others) > REPAIR_CANDIDATES:
                        others = rng.sample(others, REPAIR_CANDIDATES)
                    budget[0] -= len(others)
                    for b in others:
                        apart = beside(a, rb, leaving=b) + beside(b, ra, leaving=a) - beside(a, ra) - beside(b, rb)
                        if apart < 0:
                            option = (apart, mix_change(changes(a, ra, rb, b)), rb, b)
                            best = option if best is None or option[:2] < best[:2] else best
                if best is not None:
                    commit(a, ra, best[2], best[3])
                    improved = True
                elif len(runs) > 2 and rotate_apart(a):
                    improved = True
            if not improved:
                break

    def pairs_together():
        return sum(len(related[p.pk] & members[run_of[p.pk]]) for p in people) // 2

    separate()
    # Stuck with pairs still together: kick one of them into another run at random and separate
    # again, keeping the result only when it has fewer pairs together (iterated local search).
    best_pairs = pairs_together()
    for _kick in range(KICKS if best_pairs else 0):
        stuck = [p for p in movable if related[p.pk] & members[run_of[p.pk]]]
        if not stuck:
            break
        saved = dict(run_of), {r: set(m) for r, m in members.items()}, dict(counts)
        a = rng.choice(stuck)
        b = rng.choice([p for p in movable if run_of[p.pk] != run_of[a.pk]] or [a])
        if b is not a:
            commit(a, run_of[a.pk], run_of[b.pk], b)
        separate()
        pairs = pairs_together()
        if pairs < best_pairs:
            best_pairs = pairs
            if not pairs:
                break
        else:
            for target_dict, saved_dict in zip((run_of, members, counts), saved, strict=True):
                target_dict.clear()
                target_dict.update(saved_dict)

    # 2. Towards an even mix, never beside a relative.
    run_ids = [run.pk for run in runs]
    for _attempt in range(min(80 * len(movable), 40000) if len(movable) > 1 else 0):
        a = rng.choice(movable)
        ra = run_of[a.pk]
        if rng.random() < 0.5:
            b = rng.choice(movable)
            rb = run_of[b.pk]
            if ra == rb or beside(a, rb, leaving=b) or beside(b, ra, leaving=a):
                continue
        else:
            b, rb = None, rng.choice(run_ids)
            if rb == ra or len(members[rb]) >= capacity[rb] or beside(a, rb):
                continue
        if mix_change(changes(a, ra, rb, b)) < -1e-9:
            commit(a, ra, rb, b)
    runs_by_id = {run.pk: run for run in runs}
    for assignment in new:
        assignment.run = runs_by_id[run_of[assignment.participant.pk]]
