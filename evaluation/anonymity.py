"""The anonymity engine: the one place that decides what of the answers may be seen (issue 14).

Every number, chart, export and PDF about answers is made from what this module releases, never
from raw rows. Public API (the executive dashboard and every page build on it):

* ``release_plan(programme) -> EvaluationPlan``: which cells (programme, gathering, run,
  programme evaluation, each under every sector, leader level and (in a network programme) home
  municipality filter) may be shown now, and
  their respondent counts: ``plan.count("gathering", gathering_id)`` is a number or None.
  ``plan.surveys`` are the surveys whose answers may be read at all; ``plan.filters`` the filters
  a reader may pick. Results (results.py), the overview's counts (`survey_counts`), the Excel
  export and the report all read it; no page counts respondents beside it.
* ``stat``, ``ranking``, ``texts``, ``fact``: what is shown of one released cell.

The rules:

* Time (EvaP's rule): answers of an open survey are never shown, not even counted on a results
  page. A gathering's feedback is released once the survey of every one of its runs has closed;
  the programme evaluation once it has closed. Closed answers are frozen, so released numbers
  never move one answer at a time.
* Secondary suppression over every dimension at once (core/disclosure.py): all candidate cells of
  a programme (each gathering, run, the programme, and each of those under every sector, leader
  level and home municipality) are decided together, with structural zeros and earlier releases
  taken into account, so that no group of 1 to k-1 respondents has its count or answers in the linear span of what is
  shown. A cell under the threshold is never shown, and a hidden cell carries no count at all.
* Filters: a sector, leader level or municipality is offered only where the plan releases it
  programme-wide; runs are never broken down by a filter. A network programme's municipality is
  one more filter, so the network's figures minus the other municipalities' never give a small
  municipality's (issue 19).
* Free text only programme-wide, only screened (approved by HR), only from released gatherings
  with at least k respondents; in the executive's report only with at least
  ``settings.EVALUATION_REPORT_FREE_TEXT_MIN`` approved answers.
* No answer carries a time, so none can be shown.
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from core import disclosure


def threshold():
    return disclosure.threshold()


def report_text_minimum():
    return max(threshold(), int(settings.EVALUATION_REPORT_FREE_TEXT_MIN))


# --- The release plan: which cells about answers may be shown (issue 14) -------------------------

# The stored coarse groups a reader may filter by; an atom is (survey id, *their stored values).
FILTER_FIELDS = ("sector", "leader_level", "municipality")
PLAN_CACHE_SECONDS = 24 * 3600


@dataclass
class EvaluationPlan:
    """What of a programme's answers may be shown now. Every page, export and PDF asks this.

    Cell keys: ("programme",), ("gathering", gathering id), ("run", survey id), ("evaluation",),
    and with a filter f = ("sector", value), ("leader_level", value) or ("municipality", id as text):
    ("programme", f),
    ("gathering", gathering id, f), ("evaluation", f). Runs are never broken down by a filter."""

    plan: disclosure.Plan
    surveys: frozenset  # ids of surveys whose answers are released (closed, their moment has come)
    gatherings: frozenset  # ids of gatherings whose feedback is released
    evaluation: bool  # the programme evaluation is closed and released
    filters: tuple  # (name, value) filters a reader may pick: released at programme or evaluation level

    def count(self, *key):
        """The released number of respondents of a cell, or None when it is hidden."""
        return self.plan.count(key)

    def shown(self, *key):
        return self.plan.shown(key)


def plan_inputs(programme):
    """The two reads a plan needs: the surveys (with how many runs their gathering has) and the
    respondents per atom {(survey id, stored sector, stored level, stored municipality id or ""): n}.
    results.py makes the same reads for its own use and passes them in, so the plan costs no extra query there."""
    from django.db.models import Count

    from evaluation.models import Survey

    surveys = list(
        Survey.objects.filter(programme=programme)
        .select_related("run__gathering")
        .annotate(gathering_runs=Count("run__gathering__runs"))
    )
    return surveys, atom_counts(programme)


def atom_counts(programme):
    from django.db.models import Count

    from evaluation.models import Response

    return {
        (row["survey_id"], row["sector"], row["leader_level"], str(row["municipality_id"] or "")): row["n"]
        for row in Response.objects.filter(survey__programme=programme)
        .values("survey_id", "sector", "leader_level", "municipality_id")
        .annotate(n=Count("id"))
        .order_by()
    }


def _moments(surveys, now):
    """The release moments, oldest first: a gathering once the feedback of every one of its runs
    has closed, the programme evaluation once it has closed. Answers of an open survey are never
    released, so results never move one answer at a time (EvaP's rule)."""
    by_gathering = {}
    moments = []
    for survey in surveys:
        if survey.kind == "feedback":
            by_gathering.setdefault(survey.run.gathering_id, []).append(survey)
        elif survey.closes_at <= now:
            moments.append((survey.closes_at, 1, 0, "evaluation", [survey]))
    for gathering_id, runs in by_gathering.items():
        if len(runs) >= runs[0].gathering_runs and all(s.closes_at <= now for s in runs):
            runs.sort(key=lambda s: s.run.number)
            closed = max(s.closes_at for s in runs)
            moments.append((closed, 0, runs[0].run.gathering.number, gathering_id, runs))
    moments.sort(key=lambda m: m[:3])
    return [(what, runs) for _closed, _kind, _number, what, runs in moments]


def release_plan(programme, *, surveys=None, atoms=None, now=None):
    """The programme's `EvaluationPlan` (see the module docstring). Pass `surveys` and `atoms`
    (from `plan_inputs`) when already read. The plan is a pure function of closed, frozen data,
    so it is cached under a digest of exactly that data."""
    import hashlib

    from django.core.cache import cache
    from django.utils import timezone

    if surveys is None or atoms is None:
        surveys, atoms = plan_inputs(programme)
    moments = _moments(surveys, now or timezone.now())
    released_ids = {s.pk for _what, runs in moments for s in runs}
    counts = {atom: n for atom, n in atoms.items() if atom[0] in released_ids}
    k = threshold()
    filters = sorted(
        {(name, value) for atom in counts for name, value in zip(FILTER_FIELDS, atom[1:], strict=True) if value}
    )
    layout = [(what, [s.pk for s in runs]) for what, runs in moments]
    digest = hashlib.sha256(repr((programme.pk, k, sorted(counts.items()), layout)).encode()).hexdigest()
    key = f"evaluation-plan:{digest}"
    plan = cache.get(key)
    if plan is None:
        plan = disclosure.release_plan(counts, _cells(counts, layout, filters), k)
        cache.set(key, plan, PLAN_CACHE_SECONDS)
    gatherings = frozenset(what for what, _ids in layout if what != "evaluation")
    evaluation = any(what == "evaluation" for what, _ids in layout)
    offered = tuple(f for f in filters if plan.shown(("programme", f)) or plan.shown(("evaluation", f)))
    return EvaluationPlan(plan, frozenset(released_ids), gatherings, evaluation, offered)


def survey_counts(programme, surveys, *, live, plan=None, now=None):
    """Set `answered_shown` (a Fact) on each of `surveys` (from selectors.programme_surveys) for
    the overview. A released survey shows the plan's count of its run (or of the programme
    evaluation), else nothing. Before release, only a reader who sees who has answered anyway
    (`live`: HR, who reminds) sees how many have; everyone else sees no count."""
    plan = plan or release_plan(programme, surveys=surveys, atoms=atom_counts(programme), now=now)
    for survey in surveys:
        if survey.pk in plan.surveys:
            n = plan.count("run", survey.pk) if survey.kind == "feedback" else plan.count("evaluation")
            survey.answered_shown = Fact(shown=n is not None, value=n)
        elif live:
            survey.answered_shown = Fact(shown=True, value=survey.answered)
        else:
            survey.answered_shown = Fact(shown=False)
        survey.released = survey.pk in plan.surveys
    return surveys


def _matches(atom, f):
    return atom[1 + FILTER_FIELDS.index(f[0])] == f[1]


def _cells(counts, layout, filters):
    """Candidate cells per moment, most useful first: a gathering before its runs, the growing
    programme total after them, then the filters; among runs and among filters the biggest first,
    so that the smallest are the ones suppressed to protect a small neighbour."""
    released = set()
    moments = []

    def size(cell):
        return -sum(counts[a] for a in cell.atoms)

    for what, survey_ids in layout:
        ids = set(survey_ids)
        mine = frozenset(a for a in counts if a[0] in ids)
        cells = []
        if what == "evaluation":
            cells.append(disclosure.Cell(("evaluation",), mine))
            cells += sorted(
                (disclosure.Cell(("evaluation", f), frozenset(a for a in mine if _matches(a, f))) for f in filters),
                key=size,
            )
        else:
            released |= mine
            cells.append(disclosure.Cell(("gathering", what), mine))
            cells += sorted(
                (disclosure.Cell(("run", pk), frozenset(a for a in mine if a[0] == pk)) for pk in survey_ids), key=size
            )
            cells.append(disclosure.Cell(("programme",), frozenset(released)))
            cells += sorted(
                (
                    disclosure.Cell(("gathering", what, f), frozenset(a for a in mine if _matches(a, f)))
                    for f in filters
                ),
                key=size,
            )
            cells += sorted(
                (disclosure.Cell(("programme", f), frozenset(a for a in released if _matches(a, f))) for f in filters),
                key=size,
            )
        moments.append(cells)
    return moments


# --- What is shown about a group --------------------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    """A shown or hidden summary of one question's answers in one group.

    Hidden: `n`, `mean` and `distribution` are None, whatever the group held."""

    shown: bool
    n: int | None = None
    mean: float | None = None
    distribution: tuple = ()  # ((value, count), ...) over the whole scale
    scale: tuple = ()

    @property
    def share(self):
        """(value, count, percent) for charts and tables."""
        if not self.shown or not self.n:
            return ()
        return tuple((value, count, round(100 * count / self.n)) for value, count in self.distribution)


HIDDEN = Stat(shown=False)


def stat(shown, counts, scale, k=None):
    """The summary of `counts` ({value: how many}) if the plan releases the cell (`shown`) and
    enough answered the question."""
    k = k or threshold()
    n = sum(counts.values())
    if not shown or n < k:
        return HIDDEN
    mean = sum(value * count for value, count in counts.items()) / n
    return Stat(
        shown=True,
        n=n,
        mean=round(mean, 2),
        distribution=tuple((value, counts.get(value, 0)) for value in scale),
        scale=tuple(scale),
    )


@dataclass(frozen=True)
class Ranked:
    shown: bool
    n: int | None = None
    items: tuple = ()  # ((option, points, mean rank), ...) best first


def ranking(shown, rankings, options, k=None):
    """Rank a list by Borda points (first of m gets m points). `rankings` are lists of option indexes."""
    k = k or threshold()
    rankings = [r for r in rankings if r]
    if not shown or len(rankings) < k:
        return Ranked(shown=False)
    size = len(options)
    points, ranks = Counter(), {i: [] for i in range(size)}
    for order in rankings:
        for position, index in enumerate(order):
            if 0 <= index < size:
                points[index] += size - position
                ranks[index].append(position + 1)
    items = [
        (options[i], points[i], round(sum(ranks[i]) / len(ranks[i]), 1) if ranks[i] else None) for i in range(size)
    ]
    items.sort(key=lambda item: (-item[1], item[0]))
    return Ranked(shown=True, n=len(rankings), items=tuple(items))


# --- Free text ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Texts:
    shown: bool
    items: tuple = ()
    reason: str = ""


AUDIENCE_STAFF = "staff"  # HR and facilitators on screen
AUDIENCE_EXECUTIVE = "executive"  # the executive's report


def texts(answers, *, respondents, audience):
    """Programme-wide free text: only what HR approved, in a random-keyed order (never by time).

    `answers` are (sort key, text, screening) for one question across the whole programme;
    `respondents` is how many answered the surveys it comes from."""
    k = threshold()
    approved = tuple(text for _key, text, screening in sorted(answers) if screening == "approved" and text.strip())
    if respondents < k:
        return Texts(shown=False, reason=_("Fewer than %(k)s have answered.") % {"k": k})
    if audience == AUDIENCE_EXECUTIVE:
        minimum = report_text_minimum()
        if len(approved) < minimum:
            return Texts(
                shown=False,
                reason=_("Free text is included only with at least %(min)s screened answers.") % {"min": minimum},
            )
    if not approved:
        return Texts(shown=False, reason=_("No screened answers yet."))
    return Texts(shown=True, items=approved)


# --- Facts about people that other parts of the product count ---------------------------------------


@dataclass(frozen=True)
class Fact:
    shown: bool
    value: object = None


def fact(value, *, base):
    """A number about `base` people (e.g. how many have a plan): shown only if base ≥ threshold."""
    if base is None or base < threshold():
        return Fact(shown=False)
    return Fact(shown=True, value=value)


def theme_counts(pairs):
    """Case themes and how many cases each: themes with fewer than the threshold are dropped, and
    their total is never printed (so the total minus the shown themes reveals nothing)."""
    k = threshold()
    return tuple((label, count) for label, count in pairs if count >= k)
