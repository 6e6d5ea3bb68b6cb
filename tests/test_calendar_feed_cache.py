"""The feed is put together from cached event texts (issue 21): byte for byte what icalendar builds
for the whole calendar, and a rebuild after a change serialises only the events that changed."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.db.models import F
from django.test import RequestFactory
from django.utils.translation import override

from sessions.calendar import RunItem, _event_key, build_calendar, feed_ics, feed_items_of, runs_in_feed_of
from sessions.models import Run
from tests.test_calendar import DECEMBER, JUNE, assign, feed_url, make_run


@pytest.fixture
def world(world):
    Run.objects.all().delete()
    world.gathering.topics = ["Tillit og trygghet i lederteamet", "Lederutfordringer siden sist", "Endringsledelse"]
    world.gathering.save()
    june = make_run(world.gathering, number=1, date=JUNE, venue="Kulturhuset, Mosjøen " + "lang adresse " * 8)
    december = make_run(world.programme.gatherings.get(number=2), number=1, date=DECEMBER, venue="Fru Haugans")
    assign(june, world.participant)
    assign(december, world.participant)
    world.june, world.december = june, december
    return world


def url_of(run):
    return f"http://testserver/samlinger/{run.gathering_id}/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
@time_machine.travel(datetime.datetime(2026, 5, 4, 10, 30, tzinfo=datetime.UTC), tick=False)
def test_the_assembled_feed_is_byte_for_byte_what_icalendar_builds(world, language):
    request = RequestFactory().get("/")
    user = world.participant
    with override(language):
        runs = list(runs_in_feed_of(user))
        extras = feed_items_of(user, request)
        assert len(runs) == 2 and extras  # runs across summer time, and a peer-group meeting
        expected = build_calendar(runs, name="Lederprogram", url_of=url_of, extras=extras).to_ical()
        cache.clear()
        assert feed_ics(runs, name="Lederprogram", url_of=url_of, extras=extras) == expected  # built
        cache.clear()
        feed_ics(runs, name="Et annet navn", url_of=url_of, extras=extras)  # caches the same event texts
        assert feed_ics(runs, name="Lederprogram", url_of=url_of, extras=extras) == expected  # from event texts
    assert b"DTSTAMP:20260504T103000Z\r\n" in expected and b"20000101" not in expected


@pytest.mark.django_db
def test_after_a_change_only_the_changed_event_is_serialised_again(client, world, django_capture_on_commit_callbacks):
    url = feed_url(world.participant)
    client.get(url)
    # Mark December's cached text: if the next build takes it from the cache, the mark shows.
    december_key = _event_key(RunItem(world.december, url_of(world.december)), "nb")
    text = cache.get(december_key)
    assert b"LOCATION:Fru Haugans\r\n" in text
    cache.set(december_key, text.replace(b"LOCATION:Fru Haugans", b"LOCATION:Fra cachen"))

    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=world.june.pk).update(venue="Vefsn rådhus", sequence=F("sequence") + 1)

    body = client.get(url).content.decode()
    assert "LOCATION:Vefsn rådhus" in body  # June is new
    assert "LOCATION:Fra cachen" in body and "Fru Haugans" not in body  # December came from the cache


class Recording:
    """The cache, with the calls made to it written down (not those the backend makes to itself)."""

    def __init__(self, cache):
        self.cache, self.calls = cache, []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def record(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return record


@pytest.mark.django_db
def test_a_rebuild_reads_the_cache_twice_and_writes_it_once(client, world, django_capture_on_commit_callbacks):
    """With Redis every call is a round trip: the poll's key, then the body's and the events' texts
    together, and everything new in one write."""
    url = feed_url(world.participant)
    first = client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=world.june.pk).update(venue="Vefsn rådhus", sequence=F("sequence") + 1)

    recording = Recording(cache)
    with (
        mock.patch("django.core.cache.cache", recording),
        mock.patch("sessions.calendar_views.cache", recording),
    ):
        body = client.get(url).content
        assert client.get(url).content == body  # the next poll: from the poll's key
    assert recording.calls == ["get", "get_many", "set_many", "get"]
    assert b"LOCATION:Vefsn r" in body and body != first
