"""The calendar clock: one number that moves on after every committed change a calendar feed shows.

A personal calendar feed is polled by calendar clients again and again, and nearly always nothing
has changed. Working out which runs and meetings a feed holds costs two queries that are costly to
build; with the clock, a poll costs the one query that checks the token (and reads the clock), and
the feed's body comes from the cache under (token, clock, language, site address). Any change to
what feeds show moves the clock, so the next poll of every feed builds it again from the database.

What counts as "what feeds show": the rows of every model whose manager is `CalendarDataQuerySet`
(runs, gatherings, programmes, assignments, peer groups, meetings, the roles that decide who gets
what). Saves and deletes, cascades included, are caught by signals; `update()` and `bulk_create()`
by the queryset (`bulk_update()` goes through `update()`). tests/test_calendar_clock.py checks that
every table a feed's queries read belongs to such a model, so a new feed source cannot be forgotten.
Raw SQL and data migrations bypass both: a migration moves the clock when it is done (post_migrate).

The clock moves after the commit (`transaction.on_commit`): a poll that reads the clock before the
change and the data after it stores the new data under the old number, which is harmless; the other
way round cannot happen, because the clock is read first. A change inside a transaction that rolls
back moves nothing.
"""

import contextlib
import threading

from django.db import models, transaction
from django.db.models.signals import post_delete, post_migrate, post_save

CLOCK_PK = 1


class CalendarDataQuerySet(models.QuerySet):
    """The queryset (and, via as_manager, the manager) of models whose rows calendar feeds show."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            calendar_changed()
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            calendar_changed()
        return created


def _advance():
    from core.models import CalendarClock

    if not CalendarClock.objects.filter(pk=CLOCK_PK).update(generation=models.F("generation") + 1):
        # The row is made by a migration; a test database flushed between tests has lost it.
        CalendarClock.objects.get_or_create(pk=CLOCK_PK, defaults={"generation": 1})


_last_run = threading.local()


def _advance_once_per_commit():
    """A committed transaction's callback: the first of a commit moves the clock, the rest find it moved.

    Django runs a commit's callbacks one after another while `connection.run_on_commit` is a fresh
    list, so (that list, its length) names the commit. Deciding here, when the callbacks run, and not
    when they are registered, matters for tests: captureOnCommitCallbacks runs each block's callbacks
    while the test's never-committed list has that block's length, so each block counts as a commit.
    """
    connection = transaction.get_connection()
    run = (connection.run_on_commit, len(connection.run_on_commit))
    last = getattr(_last_run, "run", None)
    if last is not None and last[0] is run[0] and last[1] == run[1]:
        return
    _last_run.run = run  # holding the list keeps its id from being reused by a later commit's list
    _advance()


def calendar_changed(**_signal_kwargs):
    """Move the clock once the current transaction commits; at once outside a transaction.

    A transaction that changes many rows (a cascade delete of 56 groups and their 336 members when
    HR tries another proposal) registers many callbacks and moves the clock once."""
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_advance_once_per_commit)
    else:
        _advance()  # autocommit: this change is committed already


def calendar_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(getattr(model._default_manager, "_queryset_class", object), CalendarDataQuerySet)
    ]


def connect():
    """Called from CoreConfig.ready(): saves and deletes of calendar data move the clock."""
    for model in calendar_models():
        post_save.connect(calendar_changed, sender=model, dispatch_uid=f"calendar_clock_save_{model._meta.label}")
        post_delete.connect(calendar_changed, sender=model, dispatch_uid=f"calendar_clock_delete_{model._meta.label}")
    # A deploy may change what feeds look like (texts, translations): a new release starts a new clock.
    post_migrate.connect(_after_migrate, dispatch_uid="calendar_clock_migrate")


def _after_migrate(app_config, using="default", **kwargs):
    if app_config.label == "core":
        from django.db import DatabaseError

        with contextlib.suppress(DatabaseError):  # core's tables are gone (migrated back to zero, say)
            _advance()
