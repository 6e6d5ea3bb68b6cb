"""The chief executive's dashboard (issue 17, item 1): one live page per programme, aggregates only.

Every figure comes from what the report already releases (evaluation.report.report_context: the
results through the anonymity engine, attendance, plans, peer groups, case themes, train the
trainers) plus the leaders' uptake of their own space, released with `anonymity.fact` over the
whole programme. Nothing here counts people beside those; each figure carries what it counts and
for how many, so the page can say it.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from evaluation import anonymity, charts
from evaluation.decision import evidence, is_published
from evaluation.report import decision_asked, report_context


@dataclass(frozen=True)
class Figure:
    label: str
    value: str  # already formatted, or "–" when withheld
    base: str  # what it counts, and of how many


def _share(part, whole):
    return f"{round(100 * part / whole)} %" if whole else "–"


def uptake(released):
    """Baseline, profile, feedback and plan: how many leaders have done each, as a share, from the
    released snapshot of the leaders' own work (evaluation/own_work.py)."""
    counts = released["uptake"]
    whole = released["participants"]
    labels = (
        ("baseline", _("Baseline mapping done")),
        ("profile", _("Personality profile recorded")),
        ("feedback", _("Feedback conversation held")),
        ("plan", _("Development plan made")),
    )
    rows = []
    for key, label in labels:
        fact = anonymity.fact(counts[key], base=whole)
        value = _share(fact.value, whole) if fact.shown else "–"
        base = (
            _("%(part)s of %(whole)s leaders") % {"part": fact.value, "whole": whole}
            if fact.shown
            else _("withheld: fewer than %(k)s leaders") % {"k": anonymity.threshold()}
        )
        rows.append(Figure(label, value, base))
    return rows


def dashboard(programme):
    """Everything the dashboard shows, each part already released."""
    context = report_context(programme, recommendation="")
    results, ev = context["results"], context["results"].evaluation
    evidence_of = evidence(programme, results=results, attendance=context["attendance"])
    survey = evidence_of.survey
    published = is_published(survey)
    # Terningkast per gathering, in the gatherings' order.
    gatherings = [(g.gathering, g.die) for g in results.gatherings if g.die.shown]
    die_chart = charts.bars(
        [(str(gathering), die.mean) for gathering, die in gatherings],
        _("Die roll per gathering (1–6)"),
        maximum=6,
    )
    goals = []
    if published and ev is not None and ev.count:
        goals = [(_("Main goal"), ev.main_goal)] + [(goal.text, goal.stat) for goal in ev.goals]
    goal_chart = charts.bars(
        [(label, stat.mean if stat.shown else None) for label, stat in goals],
        _("Goal attainment (1–6)"),
        maximum=6,
    )
    before_after = []
    if published and ev is not None and ev.count:
        for row in ev.self_assessment:
            now = [stat.mean for _label, stat, _before in row.dimensions if stat.shown]
            before = [b for _label, stat, b in row.dimensions if stat.shown and b is not None]
            before_after.append(
                {
                    "goal": row.goal,
                    "now": number_format(sum(now) / len(now), 1) if now else "–",
                    "before": number_format(sum(before) / len(before), 1) if before else "–",
                }
            )
    peers = context["peer_rows"] or []
    plans = {name: text for name, _shown, text in (context["plan_rows"] or [])}
    return {
        **context,
        "survey": survey,
        "published": published,
        "uptake": uptake(context["own_work"]),
        "die_gatherings": gatherings,
        "die_chart": die_chart,
        "goals": goals,
        "goal_chart": goal_chart,
        "before_after": before_after,
        "plan_progress": plans.get("average_progress"),
        "peer_rows": peers,
        "evidence": evidence_of,
        "decision_asked": decision_asked(programme),
    }
