"""Bergen-sized start pages (issue 18, Bergen's shape: one day, three runs in the autumn and one in
the spring). A gathering held in runs is "next" while one of its runs is ahead: for the facilitator
by the next run's date, for a leader by their own run (one whose run is over is done with that
gathering). A facilitator of many groups sees ten and a link to all."""

import datetime

import pytest
from django.urls import reverse

from participants.models import Participant
from sessions.models import Gathering, Run, RunAssignment
from tests.conftest import main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def bergen_shaped(world):
    """Gathering 1 held on its first run, 60 days ago; its spring run is 100 days ahead. The other
    gatherings have no date, the extension is not decided."""
    today = datetime.date.today()
    held = today - datetime.timedelta(days=60)
    Gathering.objects.filter(pk=world.gathering.pk).update(start_date=held)
    Run.objects.filter(pk=world.run.pk).update(date=held)
    spring = Run.objects.create(
        gathering=world.gathering,
        number=2,
        date=today + datetime.timedelta(days=100),
        start_time=datetime.time(9),
        end_time=datetime.time(15, 30),
        venue="Grieghallen",
        capacity=100,
    )
    autumn_leader = Participant.objects.get(user=world.participant)
    spring_leader = Participant.objects.get(user=world.peer)
    RunAssignment.objects.create(run=world.run, gathering=world.gathering, participant=autumn_leader)
    RunAssignment.objects.create(run=spring, gathering=world.gathering, participant=spring_leader)
    return spring


def test_the_facilitator_sees_the_gathering_as_next_by_its_spring_run(client, world, bergen_shaped):
    from core.formatting import weekday_date

    client.force_login(world.facilitator)
    response = client.get(reverse("home"))
    page = main_text(response)
    assert reverse("gathering_detail", kwargs={"pk": world.gathering.pk}) in response.content.decode()
    assert f"Neste samling 1. Samling 1 Neste gjennomføring: {weekday_date(bergen_shaped.date)}" in page
    assert "Ingen kommende samlinger har fått dato ennå." not in page


def test_each_leader_sees_their_own_run_or_is_done_with_the_day(client, world, bergen_shaped):
    from core.formatting import weekday_date

    client.force_login(world.peer)  # assigned to the spring run
    page = main_text(client.get(reverse("home")))
    assert "Neste samling 1. Samling 1 Din gjennomføring (2):" in page
    assert weekday_date(bergen_shaped.date) in page

    client.force_login(world.participant)  # took part in the autumn: nothing ahead for them
    page = main_text(client.get(reverse("home")))
    assert "Ingen kommende samlinger har fått dato ennå." in page
    assert "Din gjennomføring" not in page


def test_a_gathering_whose_runs_are_all_over_is_not_next(client, world, bergen_shaped):
    Run.objects.filter(pk=bergen_shaped.pk).update(date=datetime.date.today() - datetime.timedelta(days=2))
    client.force_login(world.facilitator)
    page = main_text(client.get(reverse("home")))
    assert "Ingen kommende samlinger har fått dato ennå." in page
    assert "Neste gjennomføring" not in page


def test_hr_is_not_told_to_open_the_evaluation_while_a_run_is_ahead(client, world, bergen_shaped):
    """Bergen's one core gathering was held in the autumn, but its spring run is ahead: the checklist
    does not ask for the programme evaluation yet, and the programme table shows the next run. Once
    the last run is over, it does."""
    from core.formatting import long_date
    from evaluation.models import Survey

    for other in world.programme.gatherings.exclude(pk=world.gathering.pk):
        other.delete()  # Bergen's shape: one core gathering
    Survey.objects.filter(programme=world.programme, kind=Survey.Kind.PROGRAMME).delete()  # not opened yet
    client.force_login(world.hr)
    page = main_text(client.get(reverse("home")))
    assert f"Neste gjennomføring: {long_date(bergen_shaped.date)}" in page
    cockpit = main_text(client.get(reverse("programme_cockpit", kwargs={"pk": world.programme.pk})))
    assert "Åpne evalueringen av programmet" not in cockpit and "Åpne evalueringen av programmet" not in page

    Run.objects.filter(pk=bergen_shaped.pk).update(date=datetime.date.today() - datetime.timedelta(days=3))
    cockpit = main_text(client.get(reverse("programme_cockpit", kwargs={"pk": world.programme.pk})))
    assert "Åpne evalueringen av programmet" in cockpit


def test_a_facilitator_of_many_groups_sees_ten_and_a_link_to_all(client, world):
    """Bergen-sized: a facilitator of 56 groups gets the first ten on the start page, and a link."""
    from participants.models import Facilitator
    from peergroups.models import PeerGroup

    facilitator = Facilitator.objects.get(programme=world.programme, user=world.facilitator)
    existing = PeerGroup.objects.filter(programme=world.programme, facilitator=facilitator).count()
    for number in range(100, 100 + 12):
        PeerGroup.objects.create(
            programme=world.programme, number=number, name=f"Gruppe {number}", facilitator=facilitator
        )
    client.force_login(world.facilitator)
    page = main_text(client.get(reverse("home")))
    section = page.split("Kollegagrupper jeg veileder")[1].split("Se alle")[0]
    assert section.count("lederutfordring") == 10
    assert f"Se alle {existing + 12} grupper jeg veileder" in page
