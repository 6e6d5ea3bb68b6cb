"""Disclosure control: which aggregate cells about people may be released together (issue 14).

Everything the product shows about a group of people (how many answered, what they answered, how
many cases a theme has) is a *cell*: a sum over *atoms*, the finest groups the product ever splits
people by (for evaluation answers: survey × stored sector × stored leader level; for cases: theme
set × period). A reader who sees several cells can add and subtract them, so a cell is safe only
together with everything else released. The rule this module enforces:

    No group of atoms holding between 1 and k-1 people (k = the threshold) may have its indicator
    vector in the linear span, over the rationals, of the cells released so far.

If it did, some signed combination of released numbers would equal that small group's count, and
the same combination of the released answer sums would equal that small group's answers. Atoms
with no one in them are treated as known to the reader (the participant list shows who is in which
run, sector and level; HR sees who has answered), which only makes the check stricter.

Secondary suppression (tau-ARGUS/sdcTable call it so) is greedy and additive: candidate cells are
offered in priority order; a cell under k is never released (primary suppression); any other cell
is released only if the span with it still holds no small group, else it is suppressed
(complementary). The result is safe by construction, whatever the order; the order only decides
which cells a reader gets.

Time: cells are offered in *moments* (a gathering whose feedback has closed, a case period that
has ended). A cell released at an earlier moment stays in the span for every later moment, so a
total that grows (the programme's die roll after gathering 2, after gathering 3, ...) can never be
subtracted from its earlier value to reveal what was added. Only frozen data may enter a moment:
callers release answers of closed surveys and cases of ended periods only.

Public API (no app imports; evaluation and peergroups build their atoms and cells and call this):

* ``threshold()``: the anonymity threshold k (settings.ANONYMITY_THRESHOLD, never below 3).
* ``Cell(key, atoms)``: a candidate cell; ``key`` is what pages ask about.
* ``release_plan(counts, moments, k=None) -> Plan``: decide every candidate; ``counts`` maps
  atom → people, ``moments`` is a sequence of sequences of ``Cell`` in priority order.
* ``Plan.count(key)``: the released count of the cell's latest moment, or None when hidden;
  ``Plan.shown(key)``; ``Plan.released`` (key → count).
* ``small_group_in_span(counts, cells, k)``: the check itself, exact, for tests and auditors:
  a frozenset of atoms whose count lies in the span of ``cells`` and is under k, or None.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings


def threshold():
    return max(3, int(settings.ANONYMITY_THRESHOLD))


@dataclass(frozen=True)
class Cell:
    key: tuple
    atoms: frozenset


class Span:
    """The row space of released cells, kept in reduced row echelon form over the integers
    (fraction-free: each row is scaled to coprime integers, so the arithmetic is exact and, for
    these 0/1 matrices, cheap). Rows are sparse ({column: int}); each has a pivot column that no
    other row touches."""

    def __init__(self):
        self.rows = {}  # pivot column -> row

    @staticmethod
    def _normal(v):
        g = math.gcd(*v.values())
        if g > 1:
            v = {c: x // g for c, x in v.items()}
        return v

    def reduce(self, vector):
        v = {c: int(x) for c, x in vector.items() if x}
        for p in [c for c in v if c in self.rows]:
            a = v.get(p)
            if not a:
                continue
            row = self.rows[p]
            b = row[p]
            if b != 1:
                v = {c: b * x for c, x in v.items()}
            # Subtracting a row leaves every other pivot column at 0 (the form is reduced).
            for c, x in row.items():
                y = v.get(c, 0) - a * x
                if y:
                    v[c] = y
                else:
                    del v[c]
        return self._normal(v) if v else v

    def add(self, vector):
        """Add a row. Returns None if it was already in the span (it then reveals nothing new),
        else an undo record for `undo`: the rows it changed, as they were."""
        v = self.reduce(vector)
        if not v:
            return None
        pivot = min(v)
        d = v[pivot]
        changed = []
        for p, row in self.rows.items():
            a = row.get(pivot)
            if a:
                changed.append((p, row))
                new = {c: d * x for c, x in row.items()}
                for c, x in v.items():
                    y = new.get(c, 0) - a * x
                    if y:
                        new[c] = y
                    else:
                        new.pop(c, None)
                self.rows[p] = self._normal(new)
        self.rows[pivot] = v
        return pivot, changed

    def undo(self, record):
        pivot, changed = record
        del self.rows[pivot]
        for p, row in changed:
            self.rows[p] = row

    def residuals(self, columns):
        """For each column, what is left of its unit vector after reduction (a vector over the free
        columns), all scaled by one common positive integer so that they stay integers. A group of
        columns lies in the span exactly when its residuals sum to zero (the scale changes nothing)."""
        scale = 1
        for c in columns:
            row = self.rows.get(c)
            if row is not None:
                scale = math.lcm(scale, abs(row[c]))
        result = {}
        for c in columns:
            row = self.rows.get(c)
            if row is None:
                result[c] = {c: scale}
            else:
                factor = scale // row[c]  # exact: row[c] divides scale, sign included
                result[c] = {f: -x * factor for f, x in row.items() if f != c}
        return result


def _small_group(span, counts_by_column, k):
    """A set of columns with 1..k-1 people whose indicator lies in the span, or None.

    Depth-first over groups of at most k-1 columns (each holds at least one person): a group's
    residuals must cancel, so while the sum has a non-zero coordinate, some column touching that
    coordinate must join. Groups are found from their smallest column, so none is searched twice."""
    small = sorted(c for c, n in counts_by_column.items() if 0 < n < k)
    if not small:
        return None
    residual = span.residuals(small)
    touching = {}
    for c in small:
        for f in residual[c]:
            touching.setdefault(f, []).append(c)

    def search(group, total, people, start):
        if not total:
            return group
        # Branch on the coordinate that the fewest columns can cancel.
        coordinate = min(total, key=lambda f: len(touching.get(f, ())))
        for c in touching.get(coordinate, ()):
            if c <= start or c in group or people + counts_by_column[c] >= k:
                continue
            merged = dict(total)
            for f, x in residual[c].items():
                y = merged.get(f, 0) + x
                if y:
                    merged[f] = y
                else:
                    merged.pop(f, None)
            found = search(group | {c}, merged, people + counts_by_column[c], start)
            if found:
                return found
        return None

    for c in small:
        found = search(frozenset([c]), residual[c], counts_by_column[c], c)
        if found:
            return found
    return None


def _columns(counts):
    return {atom: i for i, atom in enumerate(sorted((a for a, n in counts.items() if n > 0), key=repr))}


def small_group_in_span(counts, cells, k=None):
    """The exact check: a frozenset of atoms holding 1..k-1 people whose count is a linear
    combination of the cells' counts (atom sets), or None. For tests and the disclosure auditor."""
    k = k or threshold()
    columns = _columns(counts)
    span = Span()
    for atoms in cells:
        span.add({columns[a]: 1 for a in atoms if a in columns})
    by_column = {i: counts[a] for a, i in columns.items()}
    found = _small_group(span, by_column, k)
    if found is None:
        return None
    atom_of = {i: a for a, i in columns.items()}
    return frozenset(atom_of[i] for i in found)


@dataclass
class Plan:
    k: int
    released: dict = field(default_factory=dict)  # key -> count at its latest moment

    def count(self, key):
        return self.released.get(key)

    def shown(self, key):
        return key in self.released


def release_plan(counts, moments, k=None):
    """Decide every candidate cell of every moment (see the module docstring).

    Greedy in priority order: a cell is released if the span of everything released before it,
    and it, holds no small group. Checked in batches (group testing): if a whole batch passes,
    every prefix of it passes too (a subspace of a safe span is safe), so all of it is released
    exactly as one at a time would; if not, the batch is undone and split in two."""
    k = k or threshold()
    columns = _columns(counts)
    by_column = {i: counts[a] for a, i in columns.items()}
    span = Span()
    plan = Plan(k)

    def decide(cells):
        records = [span.add({columns[a]: 1 for a in cell.atoms if a in columns}) for cell, _n in cells]
        if not any(records) or _small_group(span, by_column, k) is None:
            for cell, n in cells:
                plan.released[cell.key] = n
            return
        for record in reversed(records):
            if record is not None:
                span.undo(record)
        if len(cells) == 1:
            plan.released.pop(cells[0][0].key, None)
            return
        half = len(cells) // 2
        decide(cells[:half])
        decide(cells[half:])

    for moment in moments:
        offered = []
        for cell in moment:
            n = sum(counts.get(a, 0) for a in cell.atoms)
            if n < k:
                plan.released.pop(cell.key, None)
            else:
                offered.append((cell, n))
        if offered:
            decide(offered)
    return plan


def release_partition(parts, k=None):
    """A total and the parts that partition it ({key: people}), through one release plan: the total
    first, then the parts, largest first. (total or None, {key: count or None}): a part is released
    only where no small part could be worked out from the total and the others (complementary
    suppression as a special case of the rule above)."""
    total = Cell(("total",), frozenset(parts))
    order = sorted(parts, key=lambda key: (-parts[key], repr(key)))
    plan = release_plan(dict(parts), [[total, *(Cell(("part", key), frozenset([key])) for key in order)]], k)
    return plan.count(("total",)), {key: plan.count(("part", key)) for key in parts}
