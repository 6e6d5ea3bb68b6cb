from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from core.mixins import ScopedObjectMixin
from sessions.calendar import (
    build_calendar,
    calendar_feed_get_or_create,
    calendar_feed_renew,
    feed_ics,
    feed_items_of,
    feed_runs_of,
    polled_feed,
    polled_feed_key,
    runs_downloadable_by,
)


def _gathering_url(request):
    """The address of each run's gathering page; a gathering's runs share it, so it is made once."""
    urls = {}

    def url_of(run):
        if run.gathering_id not in urls:
            urls[run.gathering_id] = request.build_absolute_uri(reverse("gathering_detail", args=[run.gathering_id]))
        return urls[run.gathering_id]

    return url_of


def _ics_response(body, *, filename=None):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # The feed is personal; no shared cache may keep it, and no copy may outlive a revoked token.
    response["Cache-Control"] = "private, no-store"
    if filename:
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class CalendarView(TemplateView):
    """The user's own feed address and how to subscribe to it; POST replaces the address."""

    template_name = "sessions/calendar.html"

    def get_context_data(self, **kwargs):
        feed = calendar_feed_get_or_create(user=self.request.user)
        feed_url = self.request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": feed.token}))
        return super().get_context_data(
            feed=feed,
            feed_url=feed_url,
            # Apple Calendar and Outlook open a subscription dialogue for webcal:// links.
            webcal_url="webcal://" + feed_url.split("://", 1)[1],
            **kwargs,
        )

    def post(self, request):
        calendar_feed_renew(user=request.user)
        messages.success(
            request,
            _("You have a new calendar link. The old one no longer works: add the calendar again with the new one."),
        )
        return redirect("calendar")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """The personal feed. Calendar clients fetch it without a session: the token is the secret."""

    def get(self, request, token):
        # The token is checked on every poll, so a renewed address or a deactivated user answers 404 at once.
        feed = polled_feed(token)
        if feed is None:
            raise Http404
        key = polled_feed_key(feed, language=get_language(), host=request.get_host())
        body = cache.get(key)
        if body is None:
            body = feed_ics(
                feed_runs_of(feed.user),
                name=_("Leadership programme"),
                url_of=_gathering_url(request),
                extras=feed_items_of(feed.user, request),
                cache_as=key,  # stored in the same write as the events' texts
            )
        return _ics_response(body)


class RunCalendarView(ScopedObjectMixin, View):
    """One run as an .ics file to open in a calendar."""

    permission_required = "gatherings.view_gathering"
    scoped_attr = "run"

    def get_scope(self):
        return runs_downloadable_by(self.request.user)

    def get_permission_object(self):
        return self.run.gathering

    def get(self, request, pk):
        gathering = self.run.gathering
        calendar = build_calendar([self.run], name=str(gathering), url_of=_gathering_url(request))
        filename = f"{slugify(str(gathering), allow_unicode=True)}-{self.run.date:%Y-%m-%d}.ics"
        return _ics_response(calendar.to_ical(), filename=filename)
