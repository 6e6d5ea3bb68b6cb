"""The national world of `make bench --world national` (issue 21), at a small scale."""

import re
from io import StringIO

import pytest

from core.management.commands import bench
from core.models import Municipality
from evaluation.models import Answer
from lederprogram import bench_national
from participants.models import DevelopmentPlan, Participant
from peergroups.models import Case, PeerGroupMember
from sessions.models import Attendance, RunAssignment


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "lederprogram.bench_urls"


def test_the_nation_has_357_municipalities_and_50000_participants_mostly_small():
    sizes = bench_national.nation_sizes()
    assert len(sizes) + len(bench_national.MEASURED) == 357
    assert sum(sizes) + sum(bench_national.MEASURED) == 50_000
    assert max(sizes) > 3000 and min(sizes) >= 8
    assert sorted(sizes)[len(sizes) // 2] < 100  # the median municipality is small


@pytest.mark.django_db
def test_the_nation_is_built_with_every_kind_of_row():
    built = bench_national.build_nation([40, 9])

    assert built == 49
    assert Municipality.objects.filter(slug__startswith="kommune-").count() == 2
    assert Participant.objects.count() == 49
    assert RunAssignment.objects.count() == 4 * 49  # four gatherings, everyone assigned
    assert Attendance.objects.count() == 49  # the first gathering's
    assert PeerGroupMember.objects.count() == 49 and Case.objects.count() == 6 + 1
    assert DevelopmentPlan.objects.count() == 49
    assert Answer.objects.exists()


# Committed for real: the rebuilt feed lines change a run before each request (see test_bench.py).
@pytest.mark.django_db(transaction=True)
def test_the_report_measures_each_page_alone_and_in_the_nation(bench_urls, monkeypatch, tmp_path):
    monkeypatch.setattr(bench_national, "MEASURED", (6, 13))
    monkeypatch.setattr(bench_national, "nation_sizes", lambda: [20, 8, 8])
    command = bench.Command(stdout=StringIO(), stderr=StringIO())
    pages = [page for page in bench.PAGES if page["name"] in ("participant_list", "ical_feed_rebuilt")]

    bench_national.report_national(command, pages=pages, repeat=1, plans=tmp_path / "plans.txt")

    lines = command.stdout.getvalue().splitlines()
    measured = [re.match(r"BENCH national (\w+) size=(\d+) queries=(\d+)/(\d+) ", line).groups() for line in lines[:-1]]
    assert [(name, size) for name, size, *_ in measured] == [
        ("participant_list", "6"),
        ("participant_list", "13"),
        ("ical_feed_rebuilt", "6"),
        ("ical_feed_rebuilt", "13"),
    ]
    assert all(alone == national != "0" for *_, alone, national in measured), measured
    assert lines[-1].startswith("BENCH national summary municipalities=5 participants=55 ")
    assert " same_queries=yes " in lines[-1]
    plans = (tmp_path / "plans.txt").read_text()
    assert "=== participant_list size=13 " in plans and "participants_participant" in plans
    # The nation was built in a copy, now dropped: the test database holds the measured two alone.
    assert not Municipality.objects.filter(slug__startswith="kommune-").exists()
    assert Participant.objects.count() == 6 + 13
