"""The calendar clocks: one number per municipality that moves on after every committed change to
that municipality's rows that a calendar feed shows, and one global number for changes no single
municipality owns (a deploy).

A personal calendar feed is polled by calendar clients again and again, and nearly always nothing
has changed. Working out which runs and meetings a feed holds costs two queries that are costly to
build; with the clocks, a poll costs the one query that checks the token and reads the clocks of
the municipalities the feed's owner takes part in (as participant, facilitator or HR), and the
feed's body comes from the cache under (token, those clocks, language, site address). A change in
Bindal moves Bindal's clock only: Vefsn's feeds stay cached. In one instance for the whole sector,
a clock for everything would make nearly every poll a first poll.

What counts as "what feeds show": the rows of every model whose manager is `CalendarDataQuerySet`
(runs, gatherings, programmes, assignments, peer groups, meetings, the roles that decide who gets
what). Saves and deletes, cascades included, are caught by signals; `update()` and `bulk_create()`
by the queryset (`bulk_update()` goes through `update()`). Which municipality a row belongs to is
found by following its foreign keys to Municipality (`municipality_path`, derived from the models,
so core names no app). tests/test_calendar_clock.py checks that every table a feed's queries read
belongs to such a model, so a new feed source cannot be forgotten. Raw SQL and data migrations
bypass both: a migration moves the global clock when it is done (post_migrate).

The clocks move after the commit (`transaction.on_commit`): a poll that reads a clock before the
change and the data after it stores the new data under the old number, which is harmless; the other
way round cannot happen, because the clocks are read first. A change inside a transaction that
rolls back moves nothing.
"""

import contextlib
import functools
import threading

from django.db import connection, models, transaction
from django.db.models.signals import post_migrate, post_save, pre_delete

GLOBAL_CLOCK_PK = 1
CLOCK_PK = GLOBAL_CLOCK_PK  # the name before clocks were per municipality


class CalendarDataQuerySet(models.QuerySet):
    """The queryset (and, via as_manager, the manager) of models whose rows calendar feeds show."""

    def update(self, **kwargs):
        path = municipality_path(self.model)
        # Read before the update: the rows it changes may no longer match the filter afterwards.
        owners = set(self.order_by().values_list(path, flat=True).distinct())
        rows = super().update(**kwargs)
        if rows:
            if path.split("__")[0] in kwargs or f"{path.split('__')[0]}_id" in kwargs:  # moved to another owner
                owners |= set(self.model._base_manager.filter(pk__in=self.values("pk")).values_list(path, flat=True))
            calendar_changed(municipality_ids=owners)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            slot = _slot()
            calendar_changed(municipality_ids={_municipality_of(obj, slot) for obj in created})
        return created


@functools.cache
def _hops(model):
    """The foreign keys from `model` to the Municipality that owns it, shortest first found (breadth
    first). Only a foreign key named `municipality` is tenancy: a leader's `home_municipality` in a
    network programme says where they come from, not whose calendar data the row is."""
    from core.models import Municipality

    queue, seen = [(model, [])], {model}
    while queue:
        current, path = queue.pop(0)
        for field in current._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one) or field.related_model is None:
                continue
            if field.related_model is Municipality:
                if field.name == "municipality":
                    return [*path, field]
                continue
            if field.related_model not in seen and issubclass(
                getattr(field.related_model._default_manager, "_queryset_class", object), CalendarDataQuerySet
            ):
                seen.add(field.related_model)
                queue.append((field.related_model, [*path, field]))
    raise LookupError(f"{model._meta.label} has no path of foreign keys to Municipality.")


def municipality_path(model):
    """The lookup from a calendar model to its municipality's id, e.g. 'gathering__programme__municipality'."""
    return "__".join(field.name for field in _hops(model))


def _municipality_of(obj, slot):
    """The municipality id `obj` belongs to: from the instance and its cached parents where it can,
    else one query per parent, remembered for the rest of the transaction (a cascade of 336
    assignments asks once)."""
    hops = _hops(type(obj))
    current = obj
    for index, field in enumerate(hops):
        value = getattr(current, field.attname)
        if value is None or index == len(hops) - 1:
            return value
        if field.is_cached(current):
            current = field.get_cached_value(current)
            continue
        rest = hops[index + 1 :]
        key = (field.related_model, value)
        memo = slot.memo if slot is not None else {}
        if key not in memo:
            memo[key] = (
                field.related_model._base_manager.filter(pk=value)
                .values_list("__".join(f.name for f in rest), flat=True)
                .first()
            )
        return memo[key]
    return None


def reset_id_sequence(model, connection):
    """After a row was given its id by hand (the global clock's 1): PostgreSQL's sequence moves past it,
    or the next municipality's clock would be given the same id and its insert silently ignored."""
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def _advance(municipality_ids=(), *, everything=False):
    from core.models import CalendarClock

    moved = models.F("generation") + 1
    # A row of no municipality (a network programme's, owned by the network) may be in any member
    # municipality's feeds: it moves every clock.
    everything = everything or None in municipality_ids
    if everything and not CalendarClock.objects.filter(pk=GLOBAL_CLOCK_PK).update(generation=moved):
        # The row is made by a migration; a test database flushed between tests has lost it.
        CalendarClock.objects.get_or_create(pk=GLOBAL_CLOCK_PK, defaults={"generation": 1})
        reset_id_sequence(CalendarClock, connection)
    ids = sorted(i for i in municipality_ids if i is not None)
    if not ids:
        return
    if CalendarClock.objects.filter(municipality_id__in=ids).update(generation=moved) < len(ids):
        # A municipality's first change makes its row. Made at 0 and then moved, so that two commits
        # making it at the same time both move it (a conflicting insert is ignored, the update is not).
        have = set(CalendarClock.objects.filter(municipality_id__in=ids).values_list("municipality_id", flat=True))
        new = [i for i in ids if i not in have]
        CalendarClock.objects.bulk_create(
            [CalendarClock(municipality_id=i, generation=0) for i in new], ignore_conflicts=True
        )
        CalendarClock.objects.filter(municipality_id__in=new).update(generation=moved)


class _Slot:
    """What one transaction changed: the municipalities to move when it commits, and the parents
    already looked up."""

    def __init__(self, run_on_commit):
        self.run_on_commit = run_on_commit  # held, so that its id is not reused by a later transaction's list
        self.municipality_ids = set()
        self.memo = {}
        self.done = False


_current = threading.local()


def _slot():
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    slot = getattr(_current, "slot", None)
    if slot is None or slot.done or slot.run_on_commit is not connection.run_on_commit:
        slot = _current.slot = _Slot(connection.run_on_commit)
    return slot


def _flush(slot):
    """A committed transaction's callback: the first of a commit moves the clocks, the rest find them moved.

    Django runs a commit's callbacks one after another; captureOnCommitCallbacks in tests runs each
    block's callbacks as a commit, and a block after it starts a new slot because this one is done."""
    if slot.done:
        return
    slot.done = True
    _advance(slot.municipality_ids)


def calendar_changed(*, municipality_ids):
    """Move these municipalities' clocks once the current transaction commits; at once outside one.

    A transaction that changes many rows (a cascade delete of 56 groups and their 336 members when
    HR tries another proposal) registers many callbacks and moves each clock once."""
    slot = _slot()
    if slot is None:
        _advance(municipality_ids)  # autocommit: this change is committed already
        return
    slot.municipality_ids |= set(municipality_ids)
    transaction.on_commit(functools.partial(_flush, slot))


def _row_changed(sender, instance, **_signal_kwargs):
    slot = _slot()
    calendar_changed(municipality_ids={_municipality_of(instance, slot)})


def calendar_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(getattr(model._default_manager, "_queryset_class", object), CalendarDataQuerySet)
    ]


def connect():
    """Called from CoreConfig.ready(): saves and deletes of calendar data move their municipality's clock."""
    for model in calendar_models():
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"calendar_clock_save_{model._meta.label}")
        # Before the delete, while the parents of a cascade are still there to say whose row it was.
        pre_delete.connect(_row_changed, sender=model, dispatch_uid=f"calendar_clock_delete_{model._meta.label}")
    # A deploy may change what feeds look like (texts, translations): a new release starts a new clock.
    post_migrate.connect(_after_migrate, dispatch_uid="calendar_clock_migrate")


def _after_migrate(app_config, using="default", **kwargs):
    if app_config.label == "core":
        from django.db import DatabaseError

        with contextlib.suppress(DatabaseError):  # core's tables are gone (migrated back to zero, say)
            _advance(everything=True)
