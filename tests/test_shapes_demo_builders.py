"""The builders the demo can call: Bergen as seed 004 says, a municipality's own template, the way on."""

import datetime

import pytest

from participants.models import PlanAction, PlanKeeping
from participants.way_on_demo import load_way_on
from sessions.shape_demo import bergen_programme, municipality_template
from tests.factories import MunicipalityFactory, ParticipantFactory, make_hr

pytestmark = pytest.mark.django_db


def test_bergen_is_one_day_with_three_autumn_runs_and_one_in_the_spring():
    bergen = MunicipalityFactory(name="Bergen kommune", slug="bergen")
    hr = make_hr(bergen, email="hr@bergen.no")
    today = datetime.date(2026, 10, 5)
    programme = bergen_programme(municipality=bergen, hr=hr, name="BHO", today=today)
    (gathering,) = programme.gatherings.all()
    runs = list(gathering.runs.order_by("number"))
    assert [r.date for r in runs] == [
        datetime.date(2026, 8, 26),
        datetime.date(2026, 9, 9),
        datetime.date(2026, 9, 23),
        datetime.date(2027, 2, 22),
    ]
    assert {r.venue for r in runs} == {"Grieghallen"} and sum(r.capacity for r in runs) == 400
    assert bergen_programme(municipality=bergen, hr=hr, name="BHO", today=today) == programme
    assert programme.gatherings.count() == 1


def test_own_template_and_way_on_builders_are_idempotent(world):
    world.gathering.start_date = datetime.date(2026, 9, 1)  # gathering 1 was held
    world.gathering.save()
    template = municipality_template(programme=world.programme, hr=world.hr, name="Vefsn-malen")
    assert municipality_template(programme=world.programme, hr=world.hr, name="Vefsn-malen") == template
    for _ in range(3):
        ParticipantFactory(programme=world.programme)
    before = PlanAction.objects.filter(home_commitment_after__isnull=False).count()
    made = load_way_on(world.programme)
    assert load_way_on(world.programme) == 0
    assert PlanAction.objects.filter(home_commitment_after__isnull=False).count() == before + made
    assert PlanKeeping.objects.filter(keep=True).count() == 1
