"""core.precompiled: a calendar feed's queries are compiled once per connection and give exactly what
the querysets they come from give (issue 21)."""

import datetime
import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext

from core.models import CalendarFeed
from core.precompiled import ID_MARKER, TEXT_MARKER, Precompiled
from participants.models import Participant
from peergroups.calendar import _feed_meetings, meetings_in_feed_of
from sessions.calendar import calendar_feed_get_or_create, feed_runs_of, feeds_with_clock, polled_feed, runs_in_feed_of
from sessions.models import RunAssignment


def fields(objects):
    """Every field of each object and of the objects select_related brought along."""

    def row(obj, depth=0):
        values = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
        if depth < 2:
            for field in obj._meta.concrete_fields:
                if field.is_relation and field.is_cached(obj):
                    values[field.name] = row(field.get_cached_value(obj), depth + 1)
        return values

    return [row(obj) for obj in objects]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["participant", "facilitator", "hr", "executive"])
def test_the_compiled_queries_give_what_the_querysets_give(world, persona):
    user = getattr(world, persona)
    world.run.gathering.topics = ["Tillit", "Endringsledelse"]  # JSON, converted on SQLite
    world.run.gathering.save()
    participant = Participant.objects.get(programme=world.run.gathering.programme, user=world.participant)
    RunAssignment.objects.get_or_create(run=world.run, gathering=world.run.gathering, participant=participant)

    runs = feed_runs_of(user)
    assert fields(runs) == fields(runs_in_feed_of(user))
    assert fields(_feed_meetings(user.pk)) == fields(meetings_in_feed_of(user))
    if persona != "executive":  # sees the programme, gets no runs in the calendar
        assert world.run in runs
        assert next(run for run in runs if run == world.run).gathering.topics == ["Tillit", "Endringsledelse"]
        assert all(isinstance(run.date, datetime.date) and run.gathering.programme.name for run in runs)

    token = calendar_feed_get_or_create(user=user).token
    feed = polled_feed(token)
    expected = feeds_with_clock().select_related("user").get(token=token)
    assert (feed.pk, feed.user, feed.clock, feed.user.email) == (expected.pk, expected.user, expected.clock, user.email)


@pytest.mark.django_db
def test_an_unknown_token_or_an_inactive_user_finds_no_feed(world):
    token = calendar_feed_get_or_create(user=world.participant).token
    assert polled_feed(token + "x") is None
    world.participant.is_active = False
    world.participant.save(update_fields=["is_active"])
    assert polled_feed(token) is None
    assert feed_runs_of(world.participant) == []


@pytest.mark.django_db
def test_a_query_is_built_once_per_connection_and_asked_once_per_call(world):
    built = []

    def build(user_id):
        built.append(user_id)
        return CalendarFeed.objects.filter(user_id=user_id).select_related("user")

    precompiled = Precompiled(build, ID_MARKER)
    for persona in ["participant", "facilitator"]:
        calendar_feed_get_or_create(user=getattr(world, persona))
    with CaptureQueriesContext(connection) as queries:
        found = [precompiled(getattr(world, persona).pk) for persona in ["participant", "facilitator", "hr"]]
    assert built == [ID_MARKER]
    assert len(queries) == 3 and str(ID_MARKER) not in queries[0]["sql"]
    assert [[feed.user for feed in feeds] for feeds in found] == [[world.participant], [world.facilitator], []]

    # Another thread has its own connection, and compiles for it (without running: SQLite's test
    # database in memory is the one connection's).
    def elsewhere():
        try:
            precompiled._prepared()
        finally:
            connection.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert built == [ID_MARKER, ID_MARKER]
    precompiled(world.participant.pk)
    assert built == [ID_MARKER, ID_MARKER]  # this thread's is kept


@pytest.mark.django_db(transaction=True)  # the second connection reads what the first committed
def test_two_connections_in_one_thread_each_keep_their_compiled_query(world):
    # The national bench switches the default connection between a database and its copy in turns;
    # each switch must not compile again (it would be timed).
    built = []

    def build(user_id):
        built.append(user_id)
        return CalendarFeed.objects.filter(user_id=user_id)

    precompiled = Precompiled(build, ID_MARKER)
    calendar_feed_get_or_create(user=world.participant)
    first = connections[DEFAULT_DB_ALIAS]
    second = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        for wrapper in [first, second, first, second]:
            setattr(connections._connections, DEFAULT_DB_ALIAS, wrapper)
            assert [feed.user_id for feed in precompiled(world.participant.pk)] == [world.participant.pk]
    finally:
        setattr(connections._connections, DEFAULT_DB_ALIAS, first)
        second.close()
        if second.connection is not None:  # Django keeps an in-memory SQLite database's connection open
            second.connection.close()
    assert built == [ID_MARKER, ID_MARKER]


def test_a_marker_the_query_does_not_carry_as_a_parameter_is_refused():
    precompiled = Precompiled(lambda token: CalendarFeed.objects.filter(token="fixed"), TEXT_MARKER)
    with pytest.raises(ValueError, match="marker"):
        precompiled("abc")


def _prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        return cursor.fetchall()


def _plans_of_the_poll():
    """(generic, custom) plans so far of the session's prepared poll (0, 0 before it is prepared): the
    session outlives a test, and other tests may have polled on it already."""
    found = [row[1:] for row in _prepared_statements() if '"core_calendarfeed"."token" = $1' in row[0]]
    assert len(found) <= 1, found
    return found[0] if found else (0, 0)


@pytest.mark.django_db
def test_on_postgresql_a_poll_is_a_prepared_statement_planned_once_for_any_token(world):
    if connection.vendor != "postgresql":
        pytest.skip("Prepared statements are PostgreSQL's.")
    feeds = [calendar_feed_get_or_create(user=getattr(world, persona)) for persona in ["participant", "facilitator"]]
    generic_before, custom_before = _plans_of_the_poll()

    with CaptureQueriesContext(connection) as queries:
        polled = [polled_feed(feed.token).user for feed in feeds * 4]

    assert polled == [world.participant, world.facilitator] * 4
    # Logged and counted as Django's own are, with the token in the text as Django would have sent it.
    assert len(queries) == 8 and f"'{feeds[1].token}'" in queries[7]["sql"] and "$1" not in queries[7]["sql"]
    generic, custom = _plans_of_the_poll()
    assert (generic - generic_before) + (custom - custom_before) == 8  # all eight ran as the prepared statement
    # PostgreSQL plans the first five with their values, then keeps one plan for any token.
    assert custom == min(5, custom_before + 8) and generic == generic_before + 8 - (custom - custom_before)
    assert generic >= 3


@pytest.mark.django_db
def test_without_prepared_statements_a_poll_is_planned_as_any_query(world, monkeypatch):
    # DATABASE_PREPARED_STATEMENTS=0, behind a pooler that hands each transaction another session.
    if connection.vendor != "postgresql":
        pytest.skip("Prepared statements are PostgreSQL's.")
    monkeypatch.delitem(connection.settings_dict["OPTIONS"], "prepare_threshold")
    feed = calendar_feed_get_or_create(user=world.participant)
    before = _prepared_statements()

    assert [polled_feed(feed.token).user for _ in range(6)] == [world.participant] * 6
    assert _prepared_statements() == before
