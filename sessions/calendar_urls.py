# Calendar feeds and .ics downloads (issue 3, item 5).
from django.urls import path

from sessions import calendar_views

urlpatterns = [
    path("kalender/", calendar_views.CalendarView.as_view(), name="calendar"),
    # token_urlsafe's alphabet is exactly the slug converter's.
    path("kalender/<slug:token>.ics", calendar_views.CalendarFeedView.as_view(), name="calendar_feed"),
    path("gjennomforinger/<int:pk>.ics", calendar_views.RunCalendarView.as_view(), name="run_calendar"),
]
