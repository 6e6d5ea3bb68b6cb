"""Querysets compiled to SQL once and run again with other values (the calendar feed's queries, issue 21).

A calendar feed is built again after every change in its owner's municipalities, from the same few
querysets with only the user's id or the token different. Building and compiling those querysets
(filters, the union of the user's rows, the clocks' subquery) cost several times what running them
does: most of a rebuild. `Precompiled` builds the queryset once per database connection (so once per
thread, and per database vendor) with a marker in place of each value, compiles it, and afterwards
runs the compiled SQL with the marker's parameters replaced, turning rows into model instances with
Django's own ModelIterable (select_related, and the converters that dates and JSON need on SQLite).

Only what can be a parameter can be a value: the marker must show up in the compiled parameters, at
least once, and nothing in the SQL may depend on it (a list, or None that becomes IS NULL, would). The
queryset's definition stays the one function that builds it, which the other callers use as before.
It leans on Django's compiler (as_sql, get_converters, select and klass_info as ModelIterable reads
them): tests/test_precompiled.py compares every field with the ORM's, so an upgrade that changes them
fails there and not in a calendar.
"""

import copy
import functools
import threading

from django.db import connections
from django.db.models.query import ModelIterable

# Markers for an id and a text: values no row has, and no query has as a constant of its own.
ID_MARKER = -4_611_686_018_427_387_883
TEXT_MARKER = "\u2063precompiled-marker\u2063"


class Precompiled:
    """`build(*markers)` returns a QuerySet; `precompiled(*values)` is the list of its model instances
    with `values` in place of `markers` (one SQL query, never built or compiled again)."""

    def __init__(self, build, *markers):
        if not markers:
            raise ValueError("A precompiled queryset needs at least one value to vary.")
        self.build = build
        self.markers = markers
        self._local = threading.local()  # a compiler holds its connection, and connections are per thread
        self._alias = None  # the database the queryset uses, known once it is built

    def _prepared(self):
        # Per connection object: a thread may hold more than one (the national bench switches between a
        # database and its copy), and a compiler belongs to one.
        by_connection = getattr(self._local, "by_connection", None)
        if by_connection is None:
            by_connection = self._local.by_connection = {}
        if self._alias is not None and (prepared := by_connection.get(connections[self._alias])) is not None:
            return prepared
        queryset = self.build(*self.markers)
        alias = self._alias = queryset.db
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()  # also fills the compiler's select and klass_info, which the rows need
        slots = [
            (index, which)
            for index, param in enumerate(params)
            for which, marker in enumerate(self.markers)
            if type(param) is type(marker) and param == marker
        ]
        if {which for _index, which in slots} != set(range(len(self.markers))):
            raise ValueError(f"Not every marker of {self.markers!r} is a parameter of the compiled query.")
        # The converters of each column (dates and JSON on SQLite), which Django would look up per run.
        converters = compiler.get_converters([column[0] for column in compiler.select[0 : compiler.col_count]])
        prepared = (alias, connections[alias], queryset.model, compiler, converters, sql, tuple(params), slots)
        by_connection[connections[alias]] = prepared
        return prepared

    def __call__(self, *values):
        alias, _connection, model, compiler, converters, sql, params, slots = self._prepared()
        params = list(params)
        for index, which in slots:
            params[index] = values[which]
        bound = copy.copy(compiler)
        bound.as_sql = lambda *args, **kwargs: (sql, params)
        bound.get_converters = lambda expressions: converters
        if _connection.vendor == "postgresql" and _connection.settings_dict["OPTIONS"].get("prepare_threshold"):
            bound.execute_sql = lambda *args, **kwargs: _prepared_rows(_connection, bound, sql, params)
        return list(ModelIterable(_Executed(model, alias, bound)))


def _prepared_rows(connection, compiler, sql, params):
    """The rows of `sql`, as a prepared statement of the PostgreSQL session, in the one chunk that
    ModelIterable reads from execute_sql.

    Planning a feed's poll cost PostgreSQL more than running it (about 1 ms of 1.5): the clock subquery
    is planned against every municipality's clock row. A prepared statement is planned once per
    session with the values it is given, and after five runs with a plan of its own for any value
    (PostgreSQL's plan cache). Django's cursors bind values on the client and never prepare, so this is
    a server-side binding cursor of psycopg with prepare=True, wrapped by Django as its own (queries
    logged and counted, errors translated). Statements live as long as the connection: with
    CONN_MAX_AGE as the deployment sets it, for many polls.
    """
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        preparing, logging = _preparing_cursor()
        raw = preparing(connection.connection)
    # As Django's own: logged (and counted) where queries are logged, with the values in the SQL text.
    cursor = logging(raw, connection) if connection.queries_logged else connection.make_cursor(raw)
    with cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if compiler.has_extra_select:
        rows = [row[: compiler.col_count] for row in rows]
    return [rows]


@functools.cache
def _preparing_cursor():
    """Django's psycopg cursor with server-side binding, always preparing, and the debug wrapper that
    logs it (imported where they are used: only a PostgreSQL connection has psycopg)."""
    from django.db.backends.postgresql.base import CursorDebugWrapper, ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    class PreparedDebugWrapper(CursorDebugWrapper):
        # Django reads the logged text back from a client-side binding cursor; this one holds $1 where
        # the value was, so the text is composed here as Django would have sent it.
        def execute(self, sql, params=None):
            with self.debug_sql(self.db.ops.compose_sql(sql, params)):
                return self._execute_with_wrappers(sql, params, many=False, executor=self._execute)

    return PreparingCursor, PreparedDebugWrapper


class _Executed:
    """What ModelIterable reads of a queryset, with the compiler that runs the prepared SQL."""

    def __init__(self, model, alias, compiler):
        self.model = model
        self.db = alias
        self.query = self
        self._known_related_objects = {}
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler
