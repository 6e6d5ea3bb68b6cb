"""Local theme days in the calendar (issue 19, item 3): a municipality's theme day is in the feeds of
its own leaders in the network programme and of its HR, never another municipality's; planning one
shows at the next poll (its municipality's calendar clock moves, and the leader's feed reads it)."""

import datetime

import pytest

from networks import services
from tests.network_world import build
from tests.test_calendar import feed_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(db):
    return build()


def _plan(net, municipality, hr, title, day):
    return services.theme_day_plan(
        programme=net.programme,
        municipality=municipality,
        created_by=hr,
        after_gathering=net.programme.gatherings.get(number=2),
        title=title,
        date=day,
        place="Rådhuset",
    )


def test_each_municipalitys_theme_day_reaches_its_own_people_only(client, net, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        vefsn = _plan(net, net.vefsn, net.hr_a, "Kompetanseplanen", datetime.date(2027, 2, 3))
        bindal = _plan(net, net.bindal, net.hr_b, "Fra prosjekt til drift", datetime.date(2027, 2, 10))
    uid_a, uid_b = f"themeday-{vefsn.pk}@lederprogram", f"themeday-{bindal.pk}@lederprogram"
    leader_a, leader_b = feed_events(client, net.leader_a), feed_events(client, net.leader_b)
    assert uid_a in leader_a and uid_b not in leader_a
    assert uid_b in leader_b and uid_a not in leader_b
    event = leader_a[uid_a]
    assert str(event["SUMMARY"]) == "Temadag: Kompetanseplanen"
    assert event.decoded("DTSTART") == datetime.date(2027, 2, 3)
    assert event.decoded("DTEND") == datetime.date(2027, 2, 4)
    assert str(event["LOCATION"]) == "Rådhuset"
    hr_b = feed_events(client, net.hr_b)
    assert uid_b in hr_b and uid_a not in hr_b
    for outsider in (net.hr_outside, net.exec_a, net.organiser):
        assert not any(uid.startswith("themeday-") for uid in feed_events(client, outsider))
    # The Vefsn leader of Vefsn's own programme only is not in the network programme: nothing.
    assert not any(uid.startswith("themeday-") for uid in feed_events(client, net.own_leader.user))

    # Planned after the leader's last poll: there at the next one.
    with django_capture_on_commit_callbacks(execute=True):
        later = _plan(net, net.bindal, net.hr_b, "Oppfølging", datetime.date(2027, 3, 1))
    assert f"themeday-{later.pk}@lederprogram" in feed_events(client, net.leader_b)
