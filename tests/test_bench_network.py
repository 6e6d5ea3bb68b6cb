"""The network world of `make bench --world network` (issue 19, item 5), at a small scale."""

import re
from io import StringIO

import pytest

from core.management.commands import bench
from lederprogram import bench_network
from networks.models import Composition, CompositionMember, ThemeDay
from participants.models import Participant
from sessions.models import RunAssignment


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "lederprogram.bench_urls"


@pytest.mark.django_db
def test_a_network_world_has_every_kind_of_row():
    world = bench_network.build_network(4, 310, tag="t")
    programme = world.programme
    assert (programme.municipality, programme.network.members.count()) == (None, 4)
    assert Participant.objects.filter(programme=programme).count() == 310
    # Runs of 150 at the third gathering, everyone in one.
    assert list(programme.gatherings.get(number=3).runs.order_by("number").values_list("capacity", flat=True)) == [
        150,
        150,
        150,
    ]
    assert RunAssignment.objects.filter(gathering__programme=programme).count() == 310
    panel = Composition.objects.get(programme=programme, kind="panel")
    assert panel.members.count() == 4
    assert CompositionMember.objects.filter(composition__programme=programme, composition__kind="pairs").count() == 310
    assert ThemeDay.objects.filter(programme=programme).count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_report_measures_every_page_at_every_size(bench_urls, monkeypatch):
    monkeypatch.setattr(bench_network, "SIZES", ((2, 12), (3, 40)))
    command = bench.Command(stdout=StringIO(), stderr=StringIO())

    bench_network.report_network(command, pages=[], repeat=1)

    lines = command.stdout.getvalue().splitlines()
    measured = [re.match(r"BENCH network (\w+) as=(\w+) queries=(\d+)/(\d+) ", line).groups() for line in lines[:-1]]
    assert [name for name, *_ in measured] == [page["name"] for page in bench_network.PAGES]
    assert all(small == large != "0" for *_, small, large in measured), measured
    assert lines[-1].startswith("BENCH network summary sizes=2x12/3x40 ")
    assert " same_queries=yes " in lines[-1]
