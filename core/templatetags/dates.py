"""core/formatting.py as template filters, in every template without a load tag (TEMPLATES builtins).

    {{ run.date|long_date }}            3. oktober 2026
    {{ run.date|short_date }}           3. okt. 2026
    {{ run.date|weekday_date }}         lørdag 3. oktober 2026
    {{ start|date_range:end }}          18. nov.–1. des. 2026
    {{ item.start_time|clock }}         10:00
    {{ start|time_range:end }}          10:00–11:30
    {{ mean|decimal }}                  3,5
    {{ share|percentage }}                45 %

An empty value shows as nothing, so `|default:"–"` still works after a filter.
"""

from django import template

from core import formatting

register = template.Library()


def _one(function):
    def filter_(value):
        if value in (None, ""):
            return ""
        return function(value)

    filter_.__name__ = function.__name__
    return filter_


for _function in (
    formatting.long_date,
    formatting.short_date,
    formatting.numeric_date,
    formatting.weekday_date,
    formatting.day_month,
    formatting.short_day_month,
    formatting.weekday_day_month,
    formatting.clock,
    formatting.long_datetime,
    formatting.numeric_datetime,
):
    register.filter(_function.__name__, _one(_function), expects_localtime=True)


@register.filter(expects_localtime=True)
def date_range(start, end):
    if start in (None, ""):
        return ""
    return formatting.date_range(start, end or None)


@register.filter(expects_localtime=True)
def time_range(start, end):
    if start in (None, "") or end in (None, ""):
        return ""
    return formatting.time_range(start, end)


@register.filter
def decimal(value, places=1):
    if value in (None, ""):
        return ""
    return formatting.decimal(value, int(places))


@register.filter
def percentage(value, places=0):
    if value in (None, ""):
        return ""
    return formatting.percentage(value, int(places))
