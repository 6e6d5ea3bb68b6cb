"""Chart tags for the results page and the report: {% die_chart stat title %} and friends."""

from django import template
from django.utils.translation import gettext as _

from evaluation import charts

register = template.Library()


@register.simple_tag
def die_chart(stat, title):
    return charts.distribution(stat, title)


@register.simple_tag
def topic_chart(topics, title):
    return charts.bars(((t.topic, t.stat.mean if t.stat.shown else None) for t in topics), title, maximum=5)


@register.simple_tag
def goal_chart(evaluation, title):
    items = [(_("Main goal"), evaluation.main_goal.mean if evaluation.main_goal.shown else None)]
    items += [(g.text, g.stat.mean if g.stat.shown else None) for g in evaluation.goals]
    return charts.bars(items, title, maximum=6)


@register.simple_tag
def self_chart(row, title):
    items = [(label, baseline, stat.mean if stat.shown else None) for label, stat, baseline in row.dimensions]
    return charts.pairs(items, title, maximum=5, first_label=_("At the start"), second_label=_("Now"))


@register.simple_tag
def needs_chart(ranked, title):
    if not ranked.shown or not ranked.items:
        return ""
    top = max(points for _option, points, _rank in ranked.items) or 1
    return charts.bars(((option, points) for option, points, _rank in ranked.items), title, maximum=top)


@register.simple_tag
def ten_factor_chart(scores, title):
    items = [(s.get_factor_display(), s.before, s.after) for s in scores]
    return charts.pairs(items, title, maximum=5, first_label=_("Before"), second_label=_("After"))


@register.filter
def percent(value):
    """0.6667 → 67 (a share of yes as a whole percent)."""
    return round(100 * float(value)) if value is not None else ""
