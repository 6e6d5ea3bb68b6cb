"""The calendar clock (core.calendar_clock): a poll of an unchanged feed costs one query, and every
committed change to what feeds show reaches the next poll."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from core.calendar_clock import calendar_models
from core.models import CalendarClock, CalendarFeed
from participants.models import Participant
from peergroups.models import Meeting
from programmes.models import Programme
from sessions.calendar import calendar_feed_renew, feeds_with_clock, polled_feed_key
from sessions.models import Attendance, Gathering, Run, RunAssignment
from tests.test_calendar import feed_url


def clock():
    """Vefsn's clock: the writes below are all in Vefsn (Bindal's is tested in test_calendar_clock_tenancy.py)."""
    return CalendarClock.objects.filter(municipality__slug="vefsn").values_list("generation", flat=True).first() or 0


def test_the_models_whose_rows_feeds_show_are_exactly_these():
    assert sorted(model._meta.label for model in calendar_models()) == [
        "core.MunicipalityRole",
        "gatherings.Gathering",
        "gatherings.Run",
        "gatherings.RunAssignment",
        "networks.ThemeDay",
        "participants.Facilitator",
        "participants.Participant",
        "peergroups.Meeting",
        "peergroups.PeerGroup",
        "peergroups.PeerGroupMember",
        "programmes.ExtensionDecision",
        "programmes.Programme",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["participant", "facilitator", "hr"])
def test_every_table_a_feed_reads_belongs_to_a_model_that_moves_the_clock(client, world, persona):
    """If a feed source starts reading a new table, its model must move the clock, or polls would
    be served an old body after that table changes."""
    user = getattr(world, persona)
    url = feed_url(user)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    assert "BEGIN:VEVENT" in body  # a feed with events, so the queries that find them ran

    read = set()
    for query in queries.captured_queries:
        read |= set(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"]))
    watched = {model._meta.db_table for model in calendar_models()}
    # The feed row and its user are read on every poll, and the clock is what the key is made of.
    always_live = {"core_calendarfeed", "core_user", "core_calendarclock"}
    assert read - always_live <= watched, read - always_live - watched
    assert {"gatherings_run", "gatherings_gathering", "programmes_programme"} <= read


@pytest.mark.django_db
def test_each_kind_of_write_moves_the_clock_once_it_commits(world, django_capture_on_commit_callbacks):
    run = world.run
    start = clock()

    def moves(write):
        before = clock()
        with django_capture_on_commit_callbacks(execute=True):
            write()
            assert clock() == before  # nothing moves before the commit
        return clock() - before

    assert moves(lambda: Run.objects.filter(pk=run.pk).update(venue="Rådhuset")) == 1
    assert moves(lambda: Run.objects.filter(pk=-1).update(venue="Ingen")) == 0  # changed nothing
    run.refresh_from_db()
    run.capacity = 80
    assert moves(run.save) == 1
    assert moves(lambda: Run.objects.bulk_update([run], ["capacity"])) == 1
    new_runs = [
        Run(gathering=run.gathering, number=n, date=run.date, start_time=run.start_time, end_time=run.end_time,
            venue="Sal B", capacity=10)
        for n in (7, 8)
    ]  # fmt: skip
    assert moves(lambda: Run.objects.bulk_create(new_runs)) == 1
    assert moves(lambda: world.gathering.runs.filter(number__in=[7, 8]).update(capacity=12)) == 1  # related manager
    # A delete moves it too, cascades included, and however many rows go it is one move per commit.
    gathering = Gathering.objects.get(pk=world.gathering.pk)
    assert gathering.runs.count() >= 3
    assert moves(gathering.delete) == 1
    assert not RunAssignment.objects.filter(gathering_id=world.gathering.pk).exists()
    assert clock() == start + 6


@pytest.mark.django_db
def test_one_transaction_moves_the_clock_once_and_each_commit_moves_it(world, django_capture_on_commit_callbacks):
    before = clock()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for capacity in (50, 60, 70):
            Run.objects.filter(pk=world.run.pk).update(capacity=capacity)
        Programme.objects.filter(pk=world.programme.pk).update(name="Lederprogram Vefsn 2027")
    assert (len(callbacks), clock()) == (4, before + 1)
    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=world.run.pk).update(capacity=80)
    assert clock() == before + 2


@pytest.mark.django_db
def test_writes_to_what_feeds_do_not_show_leave_the_clock(world, django_capture_on_commit_callbacks):
    before = clock()
    with django_capture_on_commit_callbacks(execute=True):
        participant = Participant.objects.get(programme=world.programme, user=world.participant)
        Attendance.objects.create(run=world.run, participant=participant, status="present")
        world.agenda_item.title = "Velkommen til samling 1"
        world.agenda_item.save()
    assert clock() == before


@pytest.mark.django_db
def test_a_change_that_rolls_back_moves_nothing(world, django_capture_on_commit_callbacks):
    before = clock()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):  # noqa: SIM117
        with transaction.atomic():
            Programme.objects.filter(pk=world.programme.pk).update(name="Aldri lagret")
            raise RuntimeError
    assert callbacks == []
    assert clock() == before
    assert Programme.objects.get(pk=world.programme.pk).name != "Aldri lagret"


@pytest.mark.django_db
def test_a_lost_clock_row_comes_back_at_the_next_change(world, django_capture_on_commit_callbacks):
    CalendarClock.objects.all().delete()  # as after a flush between transactional tests
    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=world.run.pk).update(venue="Rådhuset")
    assert clock() == 1


@pytest.mark.django_db
def test_a_cached_body_never_outlives_the_token_or_the_user(client, world, django_assert_num_queries):
    user = world.participant
    old_url = feed_url(user)
    body = client.get(old_url).content
    with django_assert_num_queries(1):
        assert client.get(old_url).content == body

    calendar_feed_renew(user=user)

    assert client.get(old_url).status_code == 404
    new_url = feed_url(user)
    assert client.get(new_url).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(new_url).status_code == 404


@pytest.mark.django_db
def test_the_cache_holds_no_token_in_the_clear_and_keys_on_language_and_address(client, world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "lederprogram.example.no"]
    url = feed_url(world.participant)
    token = CalendarFeed.objects.get(user=world.participant).token
    norwegian = client.get(url).content.decode()
    other_host = client.get(url, HTTP_HOST="lederprogram.example.no").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()

    feed = feeds_with_clock().get(user=world.participant)
    keys = [
        polled_feed_key(feed, language=lang, host=host) for lang, host in [("nb", "testserver"), ("en", "testserver")]
    ]
    assert [cache.get(key) for key in keys] == [norwegian.encode(), english.encode()]  # what the polls stored
    assert not [key for key in keys if token in key]
    assert "http://testserver/kollegagrupper/" in norwegian and "lederprogram.example.no" not in norwegian
    assert "http://lederprogram.example.no/kollegagrupper/" in other_host
    assert "Program: " in norwegian and "Programme: " in english


@pytest.mark.django_db
def test_a_meeting_moved_after_a_poll_is_in_the_next_poll(client, world, django_capture_on_commit_callbacks):
    url = feed_url(world.participant)
    uid = f"UID:peermeeting-{world.pg_meeting.pk}@lederprogram"
    assert uid in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.filter(pk=world.pg_meeting.pk).update(place="Kantina", sequence=F("sequence") + 1)
    body = client.get(url).content.decode()
    assert "LOCATION:Kantina" in body and "SEQUENCE:1" in body
    with django_capture_on_commit_callbacks(execute=True):
        world.pg_meeting.group.members.filter(participant__user=world.participant).delete()
    assert uid not in client.get(url).content.decode()
