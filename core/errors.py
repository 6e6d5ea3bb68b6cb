"""Error pages in the site's layout and in Norwegian: Django's own are English and bare.

400 (a request too large or malformed) and the CSRF refusal are rendered with the request, so the
layout, the menu and the language are the same as on every other page. Nothing of the request's
content is shown; the reason stays in the log.
"""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
