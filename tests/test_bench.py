"""`make bench` is a report, not a test (issue 3, item 8). These keep its machinery honest: a floor
that stopped answering the size asked for, or a bench world a page no longer renders, is found by
the suite and not by the next person who measures."""

import re
from io import StringIO

import pytest

from core.management.commands import bench
from sessions.models import RunAssignment


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "lederprogram.bench_urls"


@pytest.mark.django_db
@pytest.mark.parametrize("size", [7682, 20000, 122389])
def test_the_floor_answers_the_size_asked_for_with_only_the_queries_every_page_makes(
    client, world, bench_urls, django_assert_num_queries, size
):
    client.force_login(world.hr)
    client.get("/__bench__/floor/?bytes=100")  # measures its own layout once per process
    # session, user, and the roles the menu reads
    with django_assert_num_queries(3):
        response = client.get(f"/__bench__/floor/?bytes={size}")
    assert 0 <= size - len(response.content) < 8
    assert b"Kari Nordmann" in response.content  # the table, in the site's layout
    assert "Lederprogram" in response.content.decode()
    # Another user has another name and menu in the layout: the floor measures it again.
    client.force_login(world.participant)
    assert 0 <= size - len(client.get(f"/__bench__/floor/?bytes={size}").content) < 8


@pytest.mark.django_db
def test_the_public_floor_answers_without_a_session_or_any_query(client, bench_urls, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/__bench__/floor-public/?bytes=7932")
    assert 0 <= 7932 - len(response.content) < 8
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


# Committed for real, as in the bench: the rebuilt lines change a run before each request, and the
# calendar clock moves only when that change commits.
@pytest.mark.django_db(transaction=True)
def test_the_report_measures_every_page_with_the_same_queries_at_two_sizes(bench_urls, monkeypatch):
    monkeypatch.setattr(bench, "SIZES", (6, 13))
    monkeypatch.setattr(bench, "TIMED_SIZE", 13)
    worlds = {size: bench.build_world(size) for size in bench.SIZES}
    for size, world in worlds.items():
        assert RunAssignment.objects.filter(gathering__programme=world.programme).count() == 4 * size
    command = bench.Command(stdout=StringIO())

    command._report(worlds, repeat=1, pages=bench.PAGES)

    lines = command.stdout._out.getvalue().splitlines()
    pages = [line for line in lines if not line.startswith("BENCH summary ")]
    measured = dict(re.match(r"BENCH (\w+) queries=(\d+/\d+) median_ms=", line).groups() for line in pages)
    assert list(measured) == [page["name"] for page in bench.PAGES if page.get("target", True)] + [
        "ical_feed_cold",
        "ical_feed_participant_cold",
    ]
    assert all(len(set(counts.split("/"))) == 1 for counts in measured.values()), measured
    # A poll is one query; building the feed again is four (token and clocks, runs, meetings, theme days).
    assert (measured["ical_feed"], measured["ical_feed_rebuilt"], measured["ical_feed_cold"]) == ("1/1", "4/4", "4/4")
    summary = lines[len(lines) - 3]
    assert summary.startswith("BENCH summary same_queries=yes ")
