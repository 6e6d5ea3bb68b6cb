"""Norwegian calendar sense: which days a municipality works, and why not when it does not.

Gatherings, runs and peer meetings are planned on working days. The forms warn (they do not
refuse: a municipality may choose a Saturday) and the demo picks its dates with `next_working_day`.
Public holidays come from the `holidays` library (Norway); julaften and nyttårsaften are not public
holidays by law, but municipal offices close on them, so they count as days off here too.
"""

import datetime
from functools import lru_cache

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Days off by custom, not by law: (month, day) -> name in bokmål and English.
CUSTOMARY_DAYS_OFF = {
    (12, 24): ("Julaften", "Christmas Eve"),
    (12, 31): ("Nyttårsaften", "New Year's Eve"),
}


def _language():
    return "en_US" if (get_language() or "nb").startswith("en") else "no"


@lru_cache(maxsize=64)
def _holidays(year, language):
    try:
        return holidays.country_holidays("NO", years=year, language=language)
    except FileNotFoundError:
        # An install without the library's translations: the Norwegian names it is written in.
        return holidays.country_holidays("NO", years=year)


def holiday_name(date):
    """The name of the public holiday or customary day off on `date`, or None."""
    language = _language()
    name = _holidays(date.year, language).get(date)
    if name:
        return name
    custom = CUSTOMARY_DAYS_OFF.get((date.month, date.day))
    if custom:
        return custom[1] if language == "en_US" else custom[0]
    return None


def why_not_working(date):
    """Why `date` is not a working day ("Første juledag", "lørdag"), or None when it is one."""
    name = holiday_name(date)
    if name:
        return name
    if date.weekday() == 5:
        return _("a Saturday")
    if date.weekday() == 6:
        return _("a Sunday")
    return None


def is_working_day(date):
    return why_not_working(date) is None


def next_working_day(date):
    """`date` itself when it is a working day, else the first working day after it."""
    while not is_working_day(date):
        date += datetime.timedelta(days=1)
    return date


def non_working_days(start, days=1):
    """`[(date, reason)]` for each day of a span of `days` days from `start` that is not a working day."""
    found = []
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        reason = why_not_working(day)
        if reason:
            found.append((day, reason))
    return found


def date_warnings(start, days=1):
    """Warnings a form shows for a date (or a span of days) off work; empty when all are working days."""
    from django.utils.formats import date_format

    return [
        _("%(date)s is %(reason)s. Check that this is the day you mean.")
        % {"date": date_format(day, "j. F Y"), "reason": reason}
        for day, reason in non_working_days(start, days)
    ]


def warn_if_off_work(request, start, days=1):
    """After a save: a warning message for each day of the span that is not a working day."""
    from django.contrib import messages

    if start is None:
        return
    for warning in date_warnings(start, days):
        messages.warning(request, warning)
