"""Peer-group meetings in the personal calendar feed (`feed_items`, registered in sessions.calendar.FEED_SOURCES).

A meeting is an event for the group's members and its facilitator, with a UID that never changes
and a SEQUENCE that counts its changes. The event says when, where and which group: never the
meeting's summary, and nothing about the group's cases.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Event

from core.precompiled import ID_MARKER, Precompiled
from peergroups.models import Meeting, PeerGroup, PeerGroupMember
from sessions.calendar import FEED_SOURCES


def meetings_in_feed_of(user):
    """Meetings of the groups the user is a member of or facilitates, in one query."""
    if not user.is_active:
        return Meeting.objects.none()
    return _meetings_of_user_id(user.pk)


def _meetings_of_user_id(user_id):
    # One list of group ids from the user's own rows (see sessions.calendar.runs_in_feed_of): with OR,
    # the database would read every meeting of every municipality.
    group_ids = (
        PeerGroupMember.objects.filter(participant__user_id=user_id).order_by().values("group_id")
        .union(PeerGroup.objects.filter(facilitator__user_id=user_id).order_by().values("pk"))
    )  # fmt: skip
    return (
        Meeting.objects.filter(group_id__in=group_ids)
        .select_related("group__programme")
        .order_by("date", "start_time", "pk")
    )


# Compiled once per connection (core.precompiled): a feed is built again after every change.
_feed_meetings = Precompiled(_meetings_of_user_id, ID_MARKER)


def meeting_uid(meeting):
    return f"peermeeting-{meeting.pk}@lederprogram"


@dataclass(frozen=True)
class MeetingItem:
    meeting: Meeting
    url: str

    @property
    def first_date(self):
        return self.meeting.date

    @property
    def last_date(self):
        return self.meeting.date

    @property
    def fingerprint(self):
        m = self.meeting
        return ("meeting", m.pk, m.sequence, m.date, m.start_time, m.end_time, m.place, m.video_link, m.group.name,
                m.group.programme.name, self.url)  # fmt: skip

    def event(self, *, stamp):
        from sessions.calendar import OSLO

        m = self.meeting
        lines = [
            _("Peer group meeting: %(group)s") % {"group": m.group.name},
            _("Programme: %(programme)s") % {"programme": m.group.programme.name},
        ]
        if m.video_link:
            lines.extend(["", _("Video link: %(link)s") % {"link": m.video_link}])
        lines.extend(["", self.url])
        return Event.new(
            uid=meeting_uid(m),
            sequence=m.sequence,
            stamp=stamp,
            start=datetime.datetime.combine(m.date, m.start_time, tzinfo=OSLO),
            end=datetime.datetime.combine(m.date, m.end_time, tzinfo=OSLO),
            summary=_("Peer group: %(group)s") % {"group": m.group.name},
            location=m.place or m.video_link or None,
            description="\n".join(lines),
            url=self.url,
        )


@FEED_SOURCES.register
def feed_items(user, request):
    return [
        MeetingItem(m, request.build_absolute_uri(reverse("peergroup_detail", args=[m.group_id])))
        for m in (_feed_meetings(user.pk) if user.is_active else [])
    ]
