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

from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings


def threshold():
    return max(3, int(settings.ANONYMITY_THRESHOLD))


@dataclass(frozen=True)
class Cell:
    key: tuple
    atoms: frozenset


class Span:
    """The row space of released cells, kept in reduced row echelon form over the rationals.

    Rows are sparse ({column: Fraction}); each has a pivot column that no other row touches."""

    def __init__(self):
        self.rows = {}  # pivot column -> row (pivot entry 1)

    def copy(self):
        other = Span()
        other.rows = {p: dict(row) for p, row in self.rows.items()}
        return other

    def reduce(self, vector):
        v = {c: Fraction(x) for c, x in vector.items() if x}
        for p in [c for c in v if c in self.rows]:
            factor = v.get(p)
            if not factor:
                continue
            for c, x in self.rows[p].items():
                y = v.get(c, 0) - factor * x
                if y:
                    v[c] = y
                else:
                    v.pop(c, None)
        return v

    def add(self, vector):
        """Add a row; False if it was already in the span (it then reveals nothing new)."""
        v = self.reduce(vector)
        if not v:
            return False
        pivot = min(v)
        lead = v[pivot]
        v = {c: x / lead for c, x in v.items()}
        for row in self.rows.values():
            factor = row.get(pivot)
            if factor:
                for c, x in v.items():
                    y = row.get(c, 0) - factor * x
                    if y:
                        row[c] = y
                    else:
                        row.pop(c, None)
        self.rows[pivot] = v
        return True

    def residuals(self, columns):
        """For each column, what is left of its unit vector after reduction (a vector over the free
        columns). A group of columns lies in the span exactly when its residuals sum to zero."""
        result = {}
        for c in columns:
            row = self.rows.get(c)
            if row is None:
                result[c] = {c: Fraction(1)}
            else:
                result[c] = {f: -x for f, x in row.items() if f != c}
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
    history: list = field(default_factory=list)  # every (key, atoms) ever released, oldest first

    def count(self, key):
        return self.released.get(key)

    def shown(self, key):
        return key in self.released


def release_plan(counts, moments, k=None):
    """Decide every candidate cell of every moment (see the module docstring)."""
    k = k or threshold()
    columns = _columns(counts)
    by_column = {i: counts[a] for a, i in columns.items()}
    span = Span()
    plan = Plan(k)
    for moment in moments:
        for cell in moment:
            n = sum(counts.get(a, 0) for a in cell.atoms)
            if n < k:
                plan.released.pop(cell.key, None)
                continue
            vector = {columns[a]: 1 for a in cell.atoms if a in columns}
            trial = span.copy()
            if trial.add(vector) and _small_group(trial, by_column, k) is not None:
                plan.released.pop(cell.key, None)
                continue
            span = trial
            plan.released[cell.key] = n
            plan.history.append((cell.key, cell.atoms))
    return plan
