"""Norwegian working days, for proposing gathering dates from a template.

Weekends and public holidays (the `holidays` library's Norway: Easter, Ascension, Whit Monday, 1 and
17 May, Christmas ...) are not working days. The HR issue may add a shared `core/calendar_sense.py`;
this module is the programmes app's own until the two are unified.
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year):
    # Sundays are holidays in the library's Norway by default; weekends are handled apart.
    return frozenset(holidays.country_holidays("NO", years=year, include_sundays=False))


def is_working_day(day):
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day, *, length=1):
    """The first day on or after `day` that starts `length` consecutive working days."""
    while not all(is_working_day(day + datetime.timedelta(days=i)) for i in range(length)):
        day += datetime.timedelta(days=1)
    return day
