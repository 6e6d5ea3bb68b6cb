"""Member HR marks its own leaders' attendance at a network programme's runs (issue 19): the leaders
it sent and no one else's, the days that have begun; every persona of the network table has a row."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import Attendance, Run, RunAssignment
from tests.conftest import main_text
from tests.network_world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(db):
    world = build()
    world.programme.gatherings.filter(number=3).update(days=2)
    gathering = world.programme.gatherings.get(number=3)
    world.held = Run.objects.create(
        gathering=gathering,
        number=1,
        date=timezone.localdate() - datetime.timedelta(days=1),
        start_time=datetime.time(10),
        end_time=datetime.time(17),
        venue="Mosjøen hotell",
        capacity=150,
    )
    world.ahead = Run.objects.create(
        gathering=world.programme.gatherings.get(number=4),
        number=1,
        date=timezone.localdate() + datetime.timedelta(days=30),
        start_time=datetime.time(10),
        end_time=datetime.time(17),
        venue="Mosjøen hotell",
        capacity=150,
    )
    for run in (world.held, world.ahead):
        for participant in (world.participant_a, world.participant_b):
            RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)
    return world


def _url(net):
    return reverse("network_attendance", kwargs={"pk": net.programme.pk})


def _mark(client, net, participant, run, status="present", day=1):
    return client.post(_url(net), {"participant": participant.pk, "run": run.pk, "day": day, "status": status})


def test_the_url_is_the_norwegian_one(net):
    assert _url(net) == f"/nettverk/program/{net.programme.pk}/oppmote/"


def test_member_hr_marks_its_own_leader_and_only_theirs(client, net):
    client.force_login(net.hr_a)
    page = main_text(client.get(_url(net)))
    assert "Astrid Leder" in page and "Bjørn Leder" not in page
    assert page.count("Astrid Leder") == 2  # the held run's two days; the run ahead is not listed
    response = _mark(client, net, net.participant_a, net.held, "late", day=2)
    assert response.status_code == 302
    assert list(Attendance.objects.values_list("participant_id", "run_id", "day", "status")) == [
        (net.participant_a.pk, net.held.pk, 2, "late")
    ]
    assert "Oppmøte lagret for Astrid Leder." in main_text(client.get(_url(net)))
    # Bindal's leader: not Vefsn's HR's to mark, and nothing is written.
    assert _mark(client, net, net.participant_b, net.held).status_code == 404
    assert not Attendance.objects.filter(participant=net.participant_b).exists()
    client.force_login(net.hr_b)
    page = main_text(client.get(_url(net)))
    assert "Bjørn Leder" in page and "Astrid Leder" not in page


def test_a_day_ahead_is_refused_with_a_norwegian_message(client, net):
    client.force_login(net.hr_a)
    response = _mark(client, net, net.participant_a, net.ahead)
    assert response.status_code == 302
    assert "Oppmøte kan registreres fra" in main_text(client.get(_url(net)))
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("bad", [{"participant": "x"}, {"run": "999999"}, {"day": "nope"}])
def test_bad_input_is_404_and_writes_nothing(client, net, bad):
    client.force_login(net.hr_a)
    form = {"participant": net.participant_a.pk, "run": net.held.pk, "day": 1, "status": "present", **bad}
    assert client.post(_url(net), form).status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "persona, status",
    [
        ("organiser", 403),  # marks everyone on the ordinary attendance sheet, as HR of the programme
        ("hr_outside", 404),
        ("leader_a", 403),
        ("leader_b", 403),
        ("facilitator", 403),
        ("exec_a", 403),
        ("exec_b", 403),
    ],
)
def test_every_other_persona_is_refused(client, net, persona, status):
    client.force_login(getattr(net, persona))
    assert client.get(_url(net)).status_code == status
    assert _mark(client, net, net.participant_a, net.held).status_code == status
    assert not Attendance.objects.exists()
