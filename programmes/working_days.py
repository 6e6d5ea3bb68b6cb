"""Working days for proposing gathering dates from a template, on the app's one Norwegian calendar.

Which days are working days is core/calendar_sense.py's rule (weekends, public holidays from the
`holidays` library, julaften and nyttårsaften); this module adds only what a template needs: the
first run of `length` working days in a row, for a two-day gathering.
"""

import datetime

from core.calendar_sense import is_working_day

__all__ = ["is_working_day", "next_working_day"]


def next_working_day(day, *, length=1):
    """The first day on or after `day` that starts `length` consecutive working days."""
    while not all(is_working_day(day + datetime.timedelta(days=i)) for i in range(length)):
        day += datetime.timedelta(days=1)
    return day
