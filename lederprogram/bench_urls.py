"""The project's URLs plus two bare "floor" views, for `manage.py bench` only (issue 3, item 8).

The floor renders a plain table in the site's layout (no queries beyond the session, the user and
the roles the menu reads, as on every page; no model objects) padded to exactly `?bytes=` bytes:
what HTML of that size costs to render through the same middleware and templates. The public
floor (for the calendar feed, which has no session) renders the same without a logged-in user.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import path

from lederprogram.urls import urlpatterns as project_urlpatterns

HEAD = b"<!DOCTYPE html><html><head><title>floor</title></head><body><p>"
TAIL = b"</p></body></html>\n"


def _body(request):
    size = int(request.GET.get("bytes", "0"))
    if size < len(HEAD) + len(TAIL):
        return b"x" * size
    return HEAD + b"x" * (size - len(HEAD) - len(TAIL)) + TAIL


ROW = {
    "name": "Kari Nordmann",
    "email": "kari.nordmann@kommune.no",
    "title": "Avdelingsleder",
    "unit": "Hjemmetjenesten",
    "sector": "Helse og omsorg",
}
_SIZES = {}


def _render(request, rows, padding=""):
    return render_to_string("bench/floor.html", {"rows": rows, "padding": padding}, request=request)


def floor(request):
    """Behind the login like the pages: the session and user are loaded, as for them."""
    return HttpResponse(_rendered(request))


def _rendered(request, *, measured=False):
    size = int(request.GET.get("bytes", "0"))
    key = request.user.is_authenticated
    if key not in _SIZES:
        base = len(_render(request, []).encode())
        _SIZES[key] = (base, len(_render(request, [ROW]).encode()) - base)
        measured = True
    base, row = _SIZES[key]
    if size < base:
        return _body(request)  # smaller than the empty layout: plain bytes are all there is
    count = (size - base) // row
    html = _render(request, [ROW] * count)
    missing = size - len(html.encode())
    if missing >= 7:
        html = _render(request, [ROW] * count, "<!--" + "x" * (missing - 7) + "-->")
    if not measured and not 0 <= size - len(html.encode()) < 8:
        # The layout was measured for another user (their name and menu are in it): measure again.
        del _SIZES[key]
        return _rendered(request, measured=True)
    return html


@login_not_required
def floor_public(request):
    """Without a session, like the calendar feed."""
    return HttpResponse(_rendered(request), content_type="text/calendar; charset=utf-8")


urlpatterns = [
    path("__bench__/floor/", floor, name="bench_floor"),
    path("__bench__/floor-public/", floor_public, name="bench_floor_public"),
    *project_urlpatterns,
]
