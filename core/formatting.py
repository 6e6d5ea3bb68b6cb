"""Dates, times and numbers as Norwegian writes them, in the active language (nb, nn or en).

One place for every format a page, an e-mail or a PDF shows, so nothing is formatted ad hoc in a
template (core/templatetags/dates.py puts these functions in every template). Month names, their
abbreviations ("okt.", "mars", "mai") and date ranges come from CLDR through Babel: Django knows no
abbreviation with its full stop and no range. Numbers use Django's format modules
(lederprogram/formats/), so a decimal comma reads the same in all three languages.

Aware datetimes are shown in Europe/Oslo wall-clock time.
"""

import datetime

from babel import dates as babel_dates
from django.utils import formats, timezone, translation

# Django's language code -> CLDR locale. British English writes the day before the month, as Norwegian does.
BABEL_LOCALES = {"nb": "nb", "nn": "nn", "en": "en_GB"}

# CLDR's skeletons give "tor. 3 desember" for a weekday with a date in nb: these are spelt out instead.
PATTERNS = {
    "nb": {"weekday_date": "EEEE d. MMMM y", "weekday_day_month": "EEEE d. MMMM", "at": "{date} kl. {time}"},
    "nn": {"weekday_date": "EEEE d. MMMM y", "weekday_day_month": "EEEE d. MMMM", "at": "{date} kl. {time}"},
    "en": {"weekday_date": "EEEE d MMMM y", "weekday_day_month": "EEEE d MMMM", "at": "{date}, {time}"},
}
NUMERIC_DATE = "dd.MM.y"  # 03.12.2026 in every language
CLOCK = "HH:mm"  # 20:00 in every language


def _language():
    language = (translation.get_language() or "nb").split("-")[0]
    return language if language in PATTERNS else "nb"


def _locale():
    return BABEL_LOCALES[_language()]


def _local(value):
    """A date stays a date; an aware datetime becomes Oslo wall-clock time."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value):
    value = _local(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def long_date(value):
    """3. oktober 2026 · 3 October 2026"""
    return babel_dates.format_date(_day(value), "long", locale=_locale())


def short_date(value):
    """3. okt. 2026 · 3. mars 2026 · 3 Oct 2026"""
    return babel_dates.format_date(_day(value), "medium", locale=_locale())


def numeric_date(value):
    """03.10.2026"""
    return babel_dates.format_date(_day(value), NUMERIC_DATE, locale=_locale())


def weekday_date(value):
    """torsdag 3. desember 2026 · Thursday 3 December 2026"""
    return babel_dates.format_date(_day(value), PATTERNS[_language()]["weekday_date"], locale=_locale())


def day_month(value):
    """3. desember · 3 December"""
    return babel_dates.format_skeleton("MMMMd", _day(value), locale=_locale())


def short_day_month(value):
    """3. des. · 3 Dec"""
    return babel_dates.format_skeleton("MMMd", _day(value), locale=_locale())


def weekday_day_month(value):
    """torsdag 3. desember · Thursday 3 December"""
    return babel_dates.format_date(_day(value), PATTERNS[_language()]["weekday_day_month"], locale=_locale())


def clock(value):
    """20:00 (a time, or the time of a datetime in Oslo)"""
    value = _local(value)
    if isinstance(value, datetime.datetime):
        value = value.time()
    return babel_dates.format_time(value, CLOCK, locale=_locale())


def long_datetime(value):
    """3. desember 2026 kl. 20:00 · 3 December 2026, 20:00"""
    return PATTERNS[_language()]["at"].format(date=long_date(value), time=clock(value))


def numeric_datetime(value):
    """03.12.2026 20:00"""
    return f"{numeric_date(value)} {clock(value)}"


def date_range(start, end):
    """18.–20. nov. 2026 · 18. nov.–1. des. 2026 · 30. des. 2026–2. jan. 2027; one date when they are the same day."""
    start, end = _day(start), _day(end)
    if end is None or start == end:
        return short_date(start)
    return babel_dates.format_interval(start, end, "yMMMd", locale=_locale())


def time_range(start, end):
    """10:00–11:30"""
    return f"{clock(start)}–{clock(end)}"


def decimal(value, places=1):
    """3,5 · 1 234,5 (places decimals, grouped by thousands with a non-breaking space)"""
    return formats.number_format(round(float(value), places), places, use_l10n=True, force_grouping=True)


def percentage(value, places=0):
    """45 % · 12,5 % (value is already a percentage: 45 for 45 %). Norwegian sets a space before the sign."""
    return f"{decimal(value, places)}\xa0%"
