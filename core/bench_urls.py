"""The project's URLs plus two bare "floor" views, for `manage.py bench` only (issue 3, item 8).

A floor view answers with a body of exactly `?bytes=` bytes and does nothing else, so timing it
through the same middleware gives what a page of that size costs before any query or template.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from lederprogram.urls import urlpatterns as project_urlpatterns

HEAD = b"<!DOCTYPE html><html><head><title>floor</title></head><body><p>"
TAIL = b"</p></body></html>\n"


def _body(request):
    size = int(request.GET.get("bytes", "0"))
    if size < len(HEAD) + len(TAIL):
        return b"x" * size
    return HEAD + b"x" * (size - len(HEAD) - len(TAIL)) + TAIL


def floor(request):
    """Behind the login like the pages: the session and user are loaded, as for them."""
    return HttpResponse(_body(request))


@login_not_required
def floor_public(request):
    """Without a session, like the calendar feed."""
    return HttpResponse(_body(request), content_type="text/calendar; charset=utf-8")


urlpatterns = [
    path("__bench__/floor/", floor, name="bench_floor"),
    path("__bench__/floor-public/", floor_public, name="bench_floor_public"),
    *project_urlpatterns,
]
