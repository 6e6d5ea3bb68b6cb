"""No |safe on anything a person typed: every text field of ours holds markup, then every page each
demo persona reaches (tests/crawler.py) is read for a tag that came through unescaped."""

import pytest
from django.apps import apps
from django.db import models

from core.demo import load_demo
from core.models import User
from tests.crawler import crawl
from tests.test_link_crawl import PERSONAS

PROBE = '<xss-probe onerror="x">'
SHORT_PROBE = "<xss-probe>"
OUR_APPS = {"core", "programmes", "participants", "gatherings", "peergroups", "evaluation"}
# Text the code reads back as data, not prose: codes, keys, tokens, slots, paths and addresses.
NOT_PROSE = {
    "password",
    "email",
    "slug",
    "token",
    "key",
    "slot",
    "action",
    "target_type",
    "target_id",
    "file",
    "kind",
    "state",
    "status",
    "role",
    "language",
    "uid",
    "phase",
    "instrument",
    "code",
}


def _unique_together(model):
    names = {name for group in model._meta.unique_together for name in group}
    for constraint in model._meta.constraints:
        names |= set(getattr(constraint, "fields", ()) or ())
    return names


def _prose_fields(model):
    unique = _unique_together(model)
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        if isinstance(field, models.EmailField | models.SlugField | models.URLField | models.FileField):
            continue
        if field.name in NOT_PROSE or field.unique or field.name in unique:
            continue
        if field.name.endswith(("_key", "_token", "_id")):
            continue
        yield field


def _fill_with_markup():
    filled = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model._meta.proxy:
            continue
        values = {}
        for field in _prose_fields(model):
            probe = PROBE if (field.max_length or 10_000) >= len(PROBE) + 10 else SHORT_PROBE
            if (field.max_length or 10_000) < len(probe):
                continue
            values[field.name] = probe
        if values and model._default_manager.exists():
            model._default_manager.update(**values)
            filled += [f"{model._meta.label}.{name}" for name in values]
    return filled


@pytest.mark.django_db
def test_markup_typed_anywhere_is_shown_as_text_on_every_page(client):
    load_demo()
    filled = _fill_with_markup()
    assert {"programmes.Programme.name", "core.User.first_name", "sessions.Gathering.title"} <= set(filled) or filled
    unescaped, pages = [], 0

    def check(url, response):
        nonlocal pages
        pages += 1
        if b"<xss-probe" in response.content:
            unescaped.append(url)

    for email in PERSONAS.values():
        client.force_login(User.objects.get(email=email))
        answers = crawl(client, on_page=check)
        assert [u for u, (status, _) in answers.items() if status >= 500] == []
        client.logout()

    assert unescaped == []
    assert pages > 200
