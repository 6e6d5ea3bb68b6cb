"""The anonymity engine: the one place that decides what of the answers may be seen.

Every number, chart, export and PDF about answers is made from the objects this module returns,
never from raw rows. Its rules (issue 6, item 3):

* A group (a run, a gathering, the programme, a sector or leader level filter) is shown only with
  at least ``threshold()`` respondents. A hidden group carries no count at all, so no template or
  export can print it by mistake.
* Complementary suppression: the groups hidden under one parent must together hold 0 or at least
  ``threshold()`` respondents, else the parent minus its visible children would reveal them; the
  smallest visible siblings are hidden until that holds, and if it cannot hold, the parent goes too.
* Filters: a filtered group is shown only if both the filtered people and the rest (the unfiltered
  group minus the filtered) are 0 or at least the threshold, so the filtered and unfiltered views
  together reveal no small group either; the same holds for the pool of hidden children. A filter
  that leaves fewer than the threshold in the whole is refused (`FilterRefused`).
* Free text only programme-wide, only screened (approved by HR); in the executive's report only
  with at least ``settings.EVALUATION_REPORT_FREE_TEXT_MIN`` approved answers.
* No answer carries a time, so none can be shown.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _


def threshold():
    return max(3, int(settings.ANONYMITY_THRESHOLD))


def report_text_minimum():
    return max(threshold(), int(settings.EVALUATION_REPORT_FREE_TEXT_MIN))


def _small(count, k):
    return 0 < count < k


class FilterRefused(Exception):
    """A filter that would single out fewer people than the threshold."""


# --- Groups: which may be shown --------------------------------------------------------------------


@dataclass(eq=False)
class Group:
    """A group of respondents in a tree (programme → gatherings → runs). `complement` is, under a
    filter, how many of the unfiltered group the filter left out; None without a filter."""

    key: object
    n: int
    complement: int | None = None
    children: list = field(default_factory=list)
    shown: bool = False

    def hide(self):
        self.shown = False
        for child in self.children:
            child.hide()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def decide(group, k=None):
    """Set `shown` on every group of the tree by the rules above (children first)."""
    k = k or threshold()
    for child in group.children:
        decide(child, k)
    if group.n < k or (group.complement is not None and _small(group.complement, k)):
        group.hide()
        return group

    def pool_is_small():
        hidden = [c for c in group.children if not c.shown]
        return _small(sum(c.n for c in hidden), k) or _small(sum(c.complement or 0 for c in hidden), k)

    while group.children and pool_is_small():
        visible = [c for c in group.children if c.shown]
        if not visible:
            group.hide()
            return group
        min(visible, key=lambda c: (c.n, c.complement or 0)).hide()
    group.shown = True
    return group


def check_filter(*, total, filtered, k=None):
    """Refuse a filter that singles out a small group, or leaves one out."""
    k = k or threshold()
    if filtered < k or _small(total - filtered, k):
        raise FilterRefused(
            _("This filter would show a group of fewer than %(k)s respondents, so it is not allowed.") % {"k": k}
        )


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


def stat(group, counts, scale, k=None):
    """The summary of `counts` ({value: how many}) if the group may be shown and enough answered."""
    k = k or threshold()
    n = sum(counts.values())
    if group is None or not group.shown or n < k:
        return HIDDEN
    mean = sum(value * count for value, count in counts.items()) / n
    return Stat(
        shown=True,
        n=n,
        mean=round(mean, 2),
        distribution=tuple((value, counts.get(value, 0)) for value in scale),
        scale=tuple(scale),
    )


def group_count(group):
    """How many answered in a group, or None when the group is hidden."""
    return group.n if group is not None and group.shown else None


@dataclass(frozen=True)
class Ranked:
    shown: bool
    n: int | None = None
    items: tuple = ()  # ((option, points, mean rank), ...) best first


def ranking(group, rankings, options, k=None):
    """Rank a list by Borda points (first of m gets m points). `rankings` are lists of option indexes."""
    k = k or threshold()
    rankings = [r for r in rankings if r]
    if group is None or not group.shown or len(rankings) < k:
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
