"""Norwegian calendar sense: weekends, public holidays (the holidays library) and the days municipal
offices close by custom; the forms warn and still save."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from core.calendar_sense import is_working_day, next_working_day, why_not_working
from tests.conftest import main_text


@pytest.mark.parametrize(
    "day,reason",
    [
        (datetime.date(2026, 10, 3), "en lørdag"),  # Vefsn's gathering 1 in the old demo
        (datetime.date(2026, 10, 25), "en søndag"),
        (datetime.date(2026, 12, 24), "Julaften"),
        (datetime.date(2026, 12, 25), "Første juledag"),
        (datetime.date(2027, 1, 1), "Første nyttårsdag"),
        (datetime.date(2027, 5, 1), "Arbeidernes dag"),
        (datetime.date(2027, 5, 6), "Kristi himmelfartsdag"),
        (datetime.date(2027, 5, 17), "Andre pinsedag; Grunnlovsdag"),  # both fall on one day in 2027
        (datetime.date(2026, 10, 5), None),
    ],
)
def test_why_not_working_names_the_day_in_norwegian(day, reason):
    with translation.override("nb"):
        assert why_not_working(day) == reason
        assert is_working_day(day) is (reason is None)


def test_next_working_day_skips_christmas_and_the_weekend():
    assert next_working_day(datetime.date(2026, 12, 24)) == datetime.date(2026, 12, 28)
    assert next_working_day(datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 4)
    assert next_working_day(datetime.date(2026, 10, 5)) == datetime.date(2026, 10, 5)


def test_english_names_in_english_where_the_library_has_them():
    with translation.override("en"):
        assert why_not_working(datetime.date(2026, 12, 24)) == "Christmas Eve"
        # The library's English names when its translations are installed, else its Norwegian ones.
        assert why_not_working(datetime.date(2026, 12, 25)) in ("Christmas Day", "Første juledag")
        assert why_not_working(datetime.date(2026, 12, 26)) is not None


@pytest.mark.django_db
def test_gathering_form_warns_on_a_two_day_gathering_over_a_weekend_and_saves(client, world):
    client.force_login(world.hr)

    response = client.post(
        reverse("gathering_update", kwargs={"pk": world.gathering.pk}),
        {"title": "Samling 1", "start_date": "2026-10-03", "days": 2, "venue": "Kulturverkstedet"},
        follow=True,
    )

    text = main_text(response)
    assert "3. oktober 2026 er en lørdag. Sjekk at det er denne dagen dere mener." in text
    assert "4. oktober 2026 er en søndag. Sjekk at det er denne dagen dere mener." in text
    world.gathering.refresh_from_db()
    assert world.gathering.start_date == datetime.date(2026, 10, 3)


@pytest.mark.django_db
def test_run_form_warns_on_christmas_and_not_on_a_monday(client, world):
    client.force_login(world.hr)
    url = reverse("run_create", kwargs={"pk": world.gathering.pk})
    run = {"start_time": "09:00", "end_time": "15:30", "venue": "Grieghallen", "capacity": 100}

    christmas = main_text(client.post(url, {**run, "date": "2026-12-25"}, follow=True))
    monday = main_text(client.post(url, {**run, "date": "2027-01-11"}, follow=True))

    assert "25. desember 2026 er Første juledag." in christmas
    assert "Sjekk at det er denne dagen" not in monday
    assert world.gathering.runs.count() == 3


@pytest.mark.django_db
def test_peer_meeting_form_warns_on_a_sunday(client, world):
    group = world.pg_north
    client.force_login(world.facilitator)

    response = client.post(
        reverse("meeting_create", kwargs={"pk": group.pk}),
        {"date": "2026-10-25", "start_time": "14:00", "end_time": "15:30", "place": "Rådhuset"},
        follow=True,
    )

    assert "25. oktober 2026 er en søndag." in main_text(response)
    assert group.meetings.filter(date=datetime.date(2026, 10, 25)).exists()
