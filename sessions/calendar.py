"""Calendars: a personal iCal feed per user behind a secret token, and an .ics file per run.

A run is one VEVENT whose UID never changes and whose SEQUENCE is the run's own counter, so a
calendar client that has the event already replaces it when a date, time or venue changes.
A run that is cancelled, or a gathering that turns inactive, is simply left out: clients that
subscribe to the feed then drop the event.
"""

import datetime
import functools
import secrets
import zoneinfo
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.models import CalendarFeed, MunicipalityRole
from core.precompiled import ID_MARKER, TEXT_MARKER, Precompiled
from core.registry import Registry
from core.services import audit_log
from participants.models import Facilitator
from programmes.selectors import in_scope
from sessions.models import Gathering, Run, RunAssignment

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PRODID = "-//Lederprogram//NO"
# How often subscribing clients should fetch the feed again, where they let the feed choose.
REFRESH = datetime.timedelta(hours=1)


def _active_runs():
    """Runs of active gatherings: core ones, and extension ones once the extension is decided."""
    return (
        Run.objects.filter(
            Q(gathering__kind=Gathering.Kind.CORE) | Q(gathering__programme__extension_decision__run_extension=True)
        )
        .select_related("gathering__programme")
        .order_by("date", "start_time", "pk")
    )


def runs_in_feed_of(user):
    """The runs in a user's personal feed, in one query.

    A participant gets the runs they are assigned to; a facilitator every run of the programmes
    they facilitate; HR every run of their municipality's programmes. Other roles see the
    programme pages but do not get its runs in their calendar.
    """
    if not user.is_active:
        return Run.objects.none()
    return _runs_of_user_id(user.pk)


def _runs_of_user_id(user_id):
    # One list of run ids, each part found from the user's own rows through an index. Three conditions
    # joined with OR would make the database read every run of every municipality to test each one.
    run_ids = (
        RunAssignment.objects.filter(participant__user_id=user_id).order_by().values("run_id")
        .union(
            Run.objects.filter(
                gathering__programme_id__in=Facilitator.objects.filter(user_id=user_id).values("programme_id")
            ).order_by().values("pk"),
            Run.objects.filter(
                gathering__programme__municipality_id__in=MunicipalityRole.objects.filter(
                    user_id=user_id, role=MunicipalityRole.Role.HR
                ).values("municipality_id")
            ).order_by().values("pk"),
        )
    )  # fmt: skip
    return _active_runs().filter(pk__in=run_ids)


_feed_runs = Precompiled(_runs_of_user_id, ID_MARKER)


def feed_runs_of(user):
    """runs_in_feed_of(user) as a list, from SQL compiled once per connection (core.precompiled)."""
    return _feed_runs(user.pk) if user.is_active else []


def runs_downloadable_by(user):
    """Runs a user may download one by one: those of active gatherings of programmes they can see."""
    return _active_runs().filter(in_scope(user, "gathering__programme"))


def run_uid(run):
    return f"run-{run.pk}@lederprogram"


def _oslo(day, time):
    return datetime.datetime.combine(day, time, tzinfo=OSLO)


def run_event(run, *, stamp, url=None):
    """One run as a VEVENT. A two-day gathering is one event from the first day's start to the
    second day's end: the model has one start and one end time, and such gatherings run overnight."""
    gathering = run.gathering
    lines = [_("Programme: %(programme)s") % {"programme": gathering.programme.name}]
    lines.append(_("Run %(number)s") % {"number": run.number})
    if gathering.topics:
        lines.append("")
        lines.append(_("Central topics") + ":")
        lines.extend(f"• {topic}" for topic in gathering.topics)
    if url:
        lines.extend(["", url])
    return Event.new(
        uid=run_uid(run),
        sequence=run.sequence,
        stamp=stamp,
        start=_oslo(run.date, run.start_time),
        end=_oslo(run.end_date, run.end_time),
        summary=f"{gathering.number}. {gathering.title}",
        location=run.venue or gathering.venue or None,
        description="\n".join(lines),
        url=url,
    )


def build_calendar(runs, *, name, url_of=None, extras=()):
    """An icalendar.Calendar with one event per run and the Europe/Oslo VTIMEZONE they use.

    `url_of(run)`, if given, returns the absolute address of the page to link each event to.
    `extras` are other capabilities' feed items (see FEED_SOURCES): `.event(stamp=)`,
    `.first_date`, `.last_date` and `.fingerprint`.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    runs = list(runs)
    for run in runs:
        calendar.add_component(run_event(run, stamp=stamp, url=url_of(run) if url_of else None))
    for item in extras:
        calendar.add_component(item.event(stamp=stamp))
    dates = [(run.date, run.end_date) for run in runs] + [(item.first_date, item.last_date) for item in extras]
    if dates:
        # Only the years the events need, so the VTIMEZONE stays a few lines long.
        calendar.add_missing_timezones(
            first_date=min(first for first, _last in dates) - datetime.timedelta(days=366),
            last_date=max(last for _first, last in dates) + datetime.timedelta(days=366),
        )
    return calendar


def _new_token():
    return secrets.token_urlsafe(32)


def calendar_feed_get_or_create(*, user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": _new_token})
    return feed


@transaction.atomic
def calendar_feed_renew(*, user):
    """Replace the feed's token: the old address answers 404 from now on."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user, defaults={"token": _new_token})
    if not created:
        feed.token = _new_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    # About the person (whose one feed it is): their municipalities' HR read it (core.audit).
    audit_log(actor=user, action="calendar_feed.renewed", target=user)
    return feed


FEED_CACHE_SECONDS = 3600


class _Joined(models.Aggregate):
    """The values of a group joined with commas: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ',')", **extra_context
        )


def feeds_with_clock():
    """CalendarFeed rows with `clock` (see _feeds_with_clock); a copy of one queryset built once per process."""
    return _feeds_with_clock().all()


@functools.cache
def _feeds_with_clock():
    """CalendarFeed rows with `clock`: the calendar clocks their owner's feed depends on, read in the same query.

    Those are the global clock and the clocks of the municipalities the owner is a participant, a
    facilitator or HR in (core.calendar_clock), as "municipality:generation" pairs. Every row a
    feed shows belongs to one of them, so a change anywhere else leaves the feed's cached body valid;
    a new or ended role is itself a change in that municipality. Building this queryset cost a poll
    as much as running it, and it is the same for every poll: it is built once and copied."""
    from django.db.models import CharField, OuterRef, Subquery, Value
    from django.db.models.functions import Cast, Coalesce, Concat

    from core.calendar_clock import GLOBAL_CLOCK_PK
    from core.models import CalendarClock
    from participants.models import Participant

    owner = OuterRef(OuterRef("user_id"))
    clocks = (
        CalendarClock.objects.filter(
            Q(pk=GLOBAL_CLOCK_PK)
            | Q(municipality_id__in=Participant.objects.filter(user_id=owner).values("programme__municipality_id"))
            # A leader in a network programme gets their home municipality's theme days (networks/calendar.py).
            | Q(municipality_id__in=Participant.objects.filter(user_id=owner).values("home_municipality_id"))
            | Q(municipality_id__in=Facilitator.objects.filter(user_id=owner).values("programme__municipality_id"))
            | Q(
                municipality_id__in=MunicipalityRole.objects.filter(
                    user_id=owner, role=MunicipalityRole.Role.HR
                ).values("municipality_id")
            )
        )
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(
            pairs=_Joined(
                Concat(
                    Coalesce(Cast("municipality_id", CharField()), Value("*")),
                    Value(":"),
                    Cast("generation", CharField()),
                )
            )
        )
        .values("pairs")
    )
    return CalendarFeed.objects.annotate(clock=Coalesce(Subquery(clocks), Value(""), output_field=models.TextField()))


def _active_feed_with_token(token):
    return feeds_with_clock().select_related("user").filter(token=token, user__is_active=True)


_feeds_with_token = Precompiled(_active_feed_with_token, TEXT_MARKER)


def polled_feed(token):
    """The feed with this token, its user (if active) and its `clock`, or None; the token is unique.
    Run from SQL compiled once per connection (core.precompiled): every poll asks it."""
    feeds = _feeds_with_token(token)
    return feeds[0] if feeds else None


def polled_feed_key(feed, *, language, host):
    """The cache key of a feed's body as last built, while nothing its calendars show has changed.

    The token is hashed so that no cache holds it in the clear; the language and site address are in
    the key because the body's texts and links depend on them. The clocks come in no set order."""
    import hashlib

    secret = hashlib.sha256(feed.token.encode()).hexdigest()
    clocks = hashlib.sha256(",".join(sorted(feed.clock.split(","))).encode()).hexdigest()[:32]
    return f"ics:polled:{secret}:{clocks}:{language}:{host}"


# Other capabilities add events to the personal feed: each registers `feed_items(user, request)` from its
# calendar.py (peergroups/calendar.py), imported at start-up by core/registry.py.
FEED_SOURCES = Registry("calendar feed sources")


def feed_items_of(user, request):
    return [item for feed_items in FEED_SOURCES for item in feed_items(user, request)]


@dataclass(frozen=True)
class RunItem:
    """A run as a feed item, the same shape as the other capabilities' items (FEED_SOURCES)."""

    run: Run
    url: str | None

    @property
    def first_date(self):
        return self.run.date

    @property
    def last_date(self):
        return self.run.end_date

    @property
    def fingerprint(self):
        """Everything the run's event shows: a new fingerprint is a new event text."""
        run, gathering = self.run, self.run.gathering
        return ("run", run.pk, run.number, run.sequence, run.date, run.start_time, run.end_time, run.venue,
                gathering.number, gathering.title, gathering.days, gathering.venue, tuple(gathering.topics),
                gathering.programme.name, self.url)  # fmt: skip

    def event(self, *, stamp):
        return run_event(self.run, stamp=stamp, url=self.url)


# Cached event texts carry this DTSTAMP line; each feed puts the time it was built in its place. A whole
# line, CRLF to CRLF, so text in a property (folded lines start with a space) can never match it.
_STAMP_PLACEHOLDER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_STAMP_LINE = b"\r\nDTSTAMP:20000101T000000Z\r\n"


def _event_key(item, language, fingerprint=None):
    import hashlib

    fingerprint = item.fingerprint if fingerprint is None else fingerprint
    return "ics:event:" + hashlib.sha256(repr((language, fingerprint)).encode()).hexdigest()


@functools.lru_cache(maxsize=64)
def _calendar_head(name):
    """The VCALENDAR's own lines (name already translated), without END:VCALENDAR."""
    head = build_calendar([], name=name).to_ical()
    return head[: -len(b"END:VCALENDAR\r\n")]


@functools.lru_cache(maxsize=256)
def _timezone_text(first_date, last_date):
    """Europe/Oslo's VTIMEZONE for events between these dates, exactly as build_calendar adds it."""
    calendar = Calendar()
    calendar.add_component(Event.new(uid="tz", stamp=_STAMP_PLACEHOLDER, start=_oslo(first_date, datetime.time(12))))
    calendar.add_missing_timezones(
        first_date=first_date - datetime.timedelta(days=366), last_date=last_date + datetime.timedelta(days=366)
    )
    return b"".join(component.to_ical() for component in calendar.subcomponents if component.name == "VTIMEZONE")


def feed_ics(runs, *, name, url_of, extras=(), cache_as=None):
    """The feed as bytes: the same text build_calendar makes, put together from cached event texts.

    A feed is built again after every change in its municipalities (core.calendar_clock), but mostly
    its events have not changed: each event's text is cached under a fingerprint of everything it
    shows, so the first poll after a change serialises only the events that changed. icalendar's
    building and line folding were most of a rebuild's cost. The whole body is also cached under the
    fingerprints of all its events, for the poll after a change elsewhere in the municipality, and
    under `cache_as` if given (the poll's own key). One read and one write of the cache: with Redis
    each is a round trip, and a rebuild made six.
    """
    import hashlib

    from django.core.cache import cache
    from django.utils import translation

    language = translation.get_language()
    items = [RunItem(run, url_of(run) if url_of else None) for run in runs] + list(extras)
    fingerprints = [item.fingerprint for item in items]
    body_key = "ics:" + hashlib.sha256(repr([name, language, *fingerprints]).encode()).hexdigest()
    keys = [_event_key(item, language, fingerprint) for item, fingerprint in zip(items, fingerprints, strict=True)]
    texts = cache.get_many([body_key, *keys])
    body = texts.get(body_key)
    fresh = {}
    if body is None:
        fresh = {
            key: item.event(stamp=_STAMP_PLACEHOLDER).to_ical()
            for key, item in zip(keys, items, strict=True)
            if key not in texts
        }
        texts.update(fresh)
        parts = [_calendar_head(name)]
        if items:
            parts.append(_timezone_text(min(item.first_date for item in items), max(item.last_date for item in items)))
        parts.extend(texts[key] for key in keys)
        parts.append(b"END:VCALENDAR\r\n")
        stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ").encode()
        body = fresh[body_key] = b"".join(parts).replace(_STAMP_LINE, b"\r\nDTSTAMP:" + stamp + b"\r\n")
    if cache_as:
        fresh[cache_as] = body
    if fresh:
        cache.set_many(fresh, FEED_CACHE_SECONDS)
    return body
