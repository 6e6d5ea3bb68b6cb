"""Calendars: a personal iCal feed per user behind a secret token, and an .ics file per run.

A run is one VEVENT whose UID never changes and whose SEQUENCE is the run's own counter, so a
calendar client that has the event already replaces it when a date, time or venue changes.
A run that is cancelled, or a gathering that turns inactive, is simply left out: clients that
subscribe to the feed then drop the event.
"""

import datetime
import secrets
import zoneinfo

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.models import CalendarFeed, MunicipalityRole
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
    return _active_runs().filter(
        Q(pk__in=RunAssignment.objects.filter(participant__user=user).values("run_id"))
        | Q(gathering__programme_id__in=Facilitator.objects.filter(user=user).values("programme_id"))
        | Q(
            gathering__programme__municipality_id__in=MunicipalityRole.objects.filter(
                user=user, role=MunicipalityRole.Role.HR
            ).values("municipality_id")
        )
    )


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


def feeds_with_clock():
    """CalendarFeed rows with the calendar clock read in the same query (core.calendar_clock)."""
    from django.db.models import Subquery, Value
    from django.db.models.functions import Coalesce

    from core.calendar_clock import CLOCK_PK
    from core.models import CalendarClock

    clock = CalendarClock.objects.filter(pk=CLOCK_PK).values("generation")
    return CalendarFeed.objects.annotate(clock=Coalesce(Subquery(clock), Value(0)))


def polled_feed_key(feed, *, language, host):
    """The cache key of a feed's body as last built, while nothing calendars show has changed.

    The token is hashed so that no cache holds it in the clear; the language and site address are in
    the key because the body's texts and links depend on them."""
    import hashlib

    secret = hashlib.sha256(feed.token.encode()).hexdigest()
    return f"ics:polled:{secret}:{feed.clock}:{language}:{host}"


# Other capabilities add events to the personal feed: each registers `feed_items(user, request)` from its
# calendar.py (peergroups/calendar.py), imported at start-up by core/registry.py.
FEED_SOURCES = Registry("calendar feed sources")


def feed_items_of(user, request):
    return [item for feed_items in FEED_SOURCES for item in feed_items(user, request)]


def feed_ics(runs, *, name, url_of, extras=()):
    """The feed as bytes, cached by a fingerprint of everything it shows.

    Calendar clients poll a feed many times for every change; building and serialising events
    with icalendar costs far more than the two queries that load them, so an unchanged feed is
    served from the cache. Any change to a run, its gathering or programme, the language or the
    site's address changes the fingerprint, so nobody sees a stale event.
    """
    import hashlib

    from django.core.cache import cache
    from django.utils import translation

    runs = list(runs)
    parts = [name, translation.get_language()]
    for run in runs:
        gathering = run.gathering
        parts.append(
            (
                run.pk,
                run.number,
                run.sequence,
                run.date,
                run.start_time,
                run.end_time,
                run.venue,
                gathering.number,
                gathering.title,
                gathering.days,
                gathering.venue,
                tuple(gathering.topics),
                gathering.programme.name,
                url_of(run) if url_of else None,
            )
        )
    parts.extend(item.fingerprint for item in extras)
    key = "ics:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = build_calendar(runs, name=name, url_of=url_of, extras=extras).to_ical()
        cache.set(key, body, FEED_CACHE_SECONDS)
    return body
