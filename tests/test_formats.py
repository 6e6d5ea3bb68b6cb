"""Dates, times and numbers the Norwegian way in nb, nn and en (core/formatting.py, core/templatetags/dates.py)."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core import formatting

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
OCT_3 = datetime.date(2026, 10, 3)
DEC_3 = datetime.date(2026, 12, 3)
EVENING = datetime.datetime(2026, 12, 2, 19, 0, tzinfo=datetime.UTC)  # 20:00 in Oslo


def render(source, language, **context):
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    "language,expected",
    [
        ("nb", ["3. oktober 2026", "3. okt. 2026", "03.10.2026", "lørdag 3. oktober 2026", "3. oktober", "3. okt."]),
        ("nn", ["3. oktober 2026", "3. okt. 2026", "03.10.2026", "laurdag 3. oktober 2026", "3. oktober", "3. okt."]),
        ("en", ["3 October 2026", "3 Oct 2026", "03.10.2026", "Saturday 3 October 2026", "3 October", "3 Oct"]),
    ],
)
def test_dates_read_as_norwegian_writes_them(language, expected):
    source = (
        "{{ d|long_date }}|{{ d|short_date }}|{{ d|numeric_date }}|{{ d|weekday_date }}|{{ d|day_month }}"
        "|{{ d|short_day_month }}"
    )
    assert render(source, language, d=OCT_3).split("|") == expected


@pytest.mark.parametrize(
    "language,months",
    [
        ("nb", "3. jan. 2026|3. mars 2026|3. mai 2026|3. juni 2026|3. sep. 2026|3. des. 2026"),
        ("nn", "3. jan. 2026|3. mars 2026|3. mai 2026|3. juni 2026|3. sep. 2026|3. des. 2026"),
        ("en", "3 Jan 2026|3 Mar 2026|3 May 2026|3 Jun 2026|3 Sept 2026|3 Dec 2026"),
    ],
)
def test_short_months_are_lower_case_with_a_full_stop_only_where_shortened(language, months):
    dates = [datetime.date(2026, month, 3) for month in (1, 3, 5, 6, 9, 12)]
    with translation.override(language):
        assert "|".join(formatting.short_date(d) for d in dates) == months


@pytest.mark.parametrize(
    "language,within_month,across_months,across_years,same_day",
    [
        ("nb", "18.–20. nov. 2026", "18. nov.–1. des. 2026", "30. des. 2026–2. jan. 2027", "18. nov. 2026"),
        ("nn", "18.–20. nov. 2026", "18. nov.–1. des. 2026", "30. des. 2026–2. jan. 2027", "18. nov. 2026"),
        # CLDR sets thin spaces around the dash in English.
        (
            "en",
            "18\u2009–\u200920 Nov 2026",
            "18 Nov\u2009–\u20091 Dec 2026",
            "30 Dec 2026\u2009–\u20092 Jan 2027",
            "18 Nov 2026",
        ),
    ],
)
def test_date_ranges_within_a_month_across_months_and_years(
    language, within_month, across_months, across_years, same_day
):
    nov_18 = datetime.date(2026, 11, 18)
    source = "{{ a|date_range:b }}|{{ a|date_range:c }}|{{ d|date_range:e }}|{{ a|date_range:a }}"
    context = {"a": nov_18, "b": datetime.date(2026, 11, 20), "c": datetime.date(2026, 12, 1)}
    context |= {"d": datetime.date(2026, 12, 30), "e": datetime.date(2027, 1, 2)}
    assert render(source, language, **context).split("|") == [within_month, across_months, across_years, same_day]


@pytest.mark.parametrize(
    "language,expected",
    [
        ("nb", ["20:00", "10:00–11:30", "2. desember 2026 kl. 20:00", "02.12.2026 20:00"]),
        ("nn", ["20:00", "10:00–11:30", "2. desember 2026 kl. 20:00", "02.12.2026 20:00"]),
        ("en", ["20:00", "10:00–11:30", "2 December 2026, 20:00", "02.12.2026 20:00"]),
    ],
)
def test_times_are_the_24_hour_clock_in_oslo(language, expected):
    source = "{{ dt|clock }}|{{ a|time_range:b }}|{{ dt|long_datetime }}|{{ dt|numeric_datetime }}"
    context = {"dt": EVENING, "a": datetime.time(10), "b": datetime.time(11, 30)}
    assert render(source, language, **context).split("|") == expected


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_numbers_have_a_decimal_comma_and_a_spaced_percent_sign(language):
    source = (
        "{{ a|decimal }}|{{ b|decimal:2 }}|{{ c|percentage }}|{{ d|percentage:1 }}|{{ a|floatformat:1 }}"
        "|{{ e|decimal }}"
    )
    context = {"a": 3.46, "b": 1234.5, "c": 45, "d": 12.25, "e": 4}
    assert render(source, language, **context).split("|") == [
        "3,5",
        "1\xa0234,50",
        "45\xa0%",
        "12,2\xa0%",
        "3,5",
        "4,0",
    ]


def test_an_empty_value_shows_nothing_so_a_default_can_follow():
    assert render(
        '{{ none|long_date|default:"–" }}|{{ none|date_range:none }}|{{ none|percentage }}', "nb", none=None
    ) == ("–||")


def test_django_formats_follow_the_project_modules():
    with translation.override("en"):
        assert render(
            "{{ d|date }}|{{ t|time }}|{{ d|date:'SHORT_DATE_FORMAT' }}", "en", d=OCT_3, t=datetime.time(20)
        ) == ("3 October 2026|20:00|03.10.2026")
    assert render("{{ d|date }}", "nn", d=DEC_3) == "3. desember 2026"
