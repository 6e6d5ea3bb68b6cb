import datetime
import os
from types import SimpleNamespace

import pytest

from sessions.models import AgendaItem, Run
from tests.factories import (
    FacilitatorFactory,
    MunicipalityFactory,
    ParticipantFactory,
    UserFactory,
    make_executive,
    make_hr,
    programme_with_gatherings,
)
from tests.worlds import extend as extend_world

# Playwright's sync API runs an event loop in the test thread; the live server's ORM calls are
# still synchronous, so Django's async-safety guard must be told this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason="needs REDIS_URL and the real services (.ci/run)")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolation(request, settings):
    """Each test starts with an empty cache (allauth's rate limits live there) and eager tasks,
    unless it is a services test that talks to a real worker."""
    from django.core.cache import cache

    from lederprogram.celery import app

    eager = "services" not in request.keywords
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    settings.LANGUAGE_CODE = "nb"
    # Two-step login is required of HR and facilitators; tests/test_mfa.py turns it on. Elsewhere the
    # personas log in with force_login, which is not where two-step login happens.
    settings.MFA_REQUIRED = False
    cache.clear()
    yield
    cache.clear()
    app.conf.task_always_eager = previous


@pytest.fixture
def world(db):
    """Two municipalities and a persona for every role.

    Vefsn has the programme (with two extension gatherings); Bindal has another one, served by
    its own facilitator. The names are the personas of the permission tests.
    """
    vefsn = MunicipalityFactory(name="Vefsn kommune", slug="vefsn")
    bindal = MunicipalityFactory(name="Bindal kommune", slug="bindal")
    programme = programme_with_gatherings(vefsn, extension=2, name="Lederprogram Vefsn")
    other_programme = programme_with_gatherings(bindal, name="Lederløftet Bindal")
    facilitator = FacilitatorFactory(programme=programme, user__email="veileder@example.no").user
    other_facilitator = FacilitatorFactory(programme=other_programme, user__email="annen.veileder@example.no").user
    participant = ParticipantFactory(
        programme=programme,
        user__email="deltaker@vefsn.no",
        user__first_name="Ingrid",
        user__last_name="Deltakersen",
        facilitator=facilitator,
    ).user
    peer = ParticipantFactory(programme=programme, user__email="kollega@vefsn.no").user
    gathering = programme.gatherings.get(number=1)
    run = Run.objects.create(
        gathering=gathering,
        number=1,
        date=datetime.date(2026, 10, 5),
        start_time=datetime.time(9),
        end_time=datetime.time(15),
        venue="Kulturverkstedet",
        capacity=40,
    )
    agenda_item = AgendaItem.objects.create(
        gathering=gathering, start_time=datetime.time(10), title="Velkommen", learning_form="theory"
    )
    world = SimpleNamespace(
        run=run,
        agenda_item=agenda_item,
        vefsn=vefsn,
        bindal=bindal,
        programme=programme,
        other_programme=other_programme,
        gathering=gathering,
        extension_gathering=programme.gatherings.get(number=5),
        other_gathering=other_programme.gatherings.get(number=1),
        hr=make_hr(vefsn, email="hr@vefsn.no", first_name="Hanne"),
        other_hr=make_hr(bindal, email="hr@bindal.no"),
        executive=make_executive(vefsn, email="direktor@vefsn.no"),
        facilitator=facilitator,
        other_facilitator=other_facilitator,
        participant=participant,
        peer=peer,
        outsider=UserFactory(email="ingen.rolle@example.no"),
    )
    # Each capability adds its objects in tests/worlds/<capability>.py.
    return extend_world(world)


@pytest.fixture
def login(client):
    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    # The real hasher costs ~0.3 s a password; tests create hundreds of users.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def main_text(response):
    """The visible text of a page's <main>, white space folded: what a person reads."""
    import html
    import re

    body = response.content.decode()
    start, end = body.find("<main"), body.find("</main>")
    text = re.sub(r"<[^>]+>", " ", body[start:end])
    return " ".join(html.unescape(text).split())
