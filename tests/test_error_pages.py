"""Every error page a person can meet is Norwegian (lang="nb", no English) and, where Django lets it,
in the site's layout: 400 (a form too large), the CSRF refusal, 403, 404 and 500."""

import html
import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.conftest import main_text

# Words of Django's own error pages and of our English msgids; none may show.
ENGLISH = re.compile(
    r"\b(the|and|page|request|error|forbidden|not found|bad request|debug|go to|more information|"
    r"server|expired|access|leadership)\b",
    re.IGNORECASE,
)


def _visible_text(response):
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _assert_norwegian(response, status, heading):
    assert response.status_code == status
    body = response.content.decode()
    assert '<html lang="nb">' in body
    text = _visible_text(response)
    assert ENGLISH.findall(text) == [], text
    assert heading in text


@pytest.mark.django_db
@pytest.mark.parametrize("logged_in", [False, True])
def test_a_form_too_large_gets_the_norwegian_400_page(client, world, logged_in):
    if logged_in:
        client.force_login(world.hr)
    response = client.post(reverse("account_login"), {"login": "x" * (3 * 1024 * 1024), "password": "p"})

    _assert_norwegian(response, 400, "Forespørselen kunne ikke behandles")
    assert "<nav" in response.content.decode()  # the site's layout, not a bare page


@pytest.mark.django_db
def test_a_post_without_csrf_token_gets_the_norwegian_refusal(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.hr)
    response = browser.post(reverse("programme_update", kwargs={"pk": world.programme.pk}), {"name": "Kapret"})

    _assert_norwegian(response, 403, "Skjemaet er utløpt")
    assert "Last inn siden på nytt" in main_text(response) or "last inn siden på nytt" in main_text(response)
    world.programme.refresh_from_db()
    assert world.programme.name == "Lederprogram Vefsn"


@pytest.mark.django_db
def test_a_forbidden_page_is_norwegian(client, world):
    client.force_login(world.participant)
    response = client.get(reverse("run_detail", kwargs={"pk": world.run.pk}))

    assert response.status_code == 403
    assert '<html lang="nb">' in response.content.decode()
    assert ENGLISH.findall(_visible_text(response)) == []


@pytest.mark.django_db
def test_a_missing_page_is_norwegian(client, world):
    client.force_login(world.hr)
    response = client.get("/finnes-ikke/")

    _assert_norwegian(response, 404, "Siden finnes ikke")


def test_the_server_error_page_is_norwegian():
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))

    _assert_norwegian(response, 500, "Noe gikk galt")
