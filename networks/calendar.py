"""Local theme days in the personal calendar feed (`feed_items`, registered in
sessions.calendar.FEED_SOURCES; issue 19, item 3).

A municipality's theme day is an all-day event for that municipality's own leaders in the network
programme (their home municipality) and for its HR; other municipalities' leaders never get it. Its
UID never changes. The event says what, where and for which programme, nothing about anyone.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Event

from core.models import MunicipalityRole
from core.precompiled import ID_MARKER, Precompiled
from networks.models import ThemeDay
from sessions.calendar import FEED_SOURCES


def theme_days_in_feed_of(user):
    """Theme days of the user's own municipality in network programmes they take part in, and of the
    municipalities they are HR in, in one query (a union of ids from the user's own rows)."""
    if not user.is_active:
        return ThemeDay.objects.none()
    return _theme_days_of_user_id(user.pk)


def _theme_days_of_user_id(user_id):
    ids = (
        ThemeDay.objects.filter(
            programme__participants__user_id=user_id,
            municipality_id=F("programme__participants__home_municipality_id"),
        ).order_by().values("pk")
        .union(
            ThemeDay.objects.filter(
                municipality_id__in=MunicipalityRole.objects.filter(
                    user_id=user_id, role=MunicipalityRole.Role.HR
                ).values("municipality_id")
            ).order_by().values("pk")
        )
    )  # fmt: skip
    # The municipality's name is not read: every table a feed reads must move the calendar clock
    # (tests/test_calendar_clock.py), and the leader knows their own municipality.
    return ThemeDay.objects.filter(pk__in=ids).select_related("programme").order_by("date", "pk")


# Compiled once per connection (core.precompiled): a feed is built again after every change.
_feed_theme_days = Precompiled(_theme_days_of_user_id, ID_MARKER)


def theme_day_uid(day):
    return f"themeday-{day.pk}@lederprogram"


@dataclass(frozen=True)
class ThemeDayItem:
    day: ThemeDay
    url: str

    @property
    def first_date(self):
        return self.day.date

    @property
    def last_date(self):
        return self.day.date

    @property
    def fingerprint(self):
        d = self.day
        return ("themeday", d.pk, d.date, d.title, d.place, d.programme.name, self.url)

    def event(self, *, stamp):
        d = self.day
        lines = [
            _("Local theme day between the network's gatherings"),
            _("Programme: %(programme)s") % {"programme": d.programme.name},
            "",
            self.url,
        ]
        return Event.new(
            uid=theme_day_uid(d),
            sequence=0,
            stamp=stamp,
            start=d.date,
            end=d.date + datetime.timedelta(days=1),
            summary=_("Theme day: %(title)s") % {"title": d.title},
            location=d.place or None,
            description="\n".join(lines),
            url=self.url,
        )


@FEED_SOURCES.register
def feed_items(user, request):
    return [
        ThemeDayItem(day, request.build_absolute_uri(reverse("network_programme", args=[day.programme_id])))
        for day in (_feed_theme_days(user.pk) if user.is_active else [])
    ]
