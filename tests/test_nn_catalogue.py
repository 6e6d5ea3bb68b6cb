"""Nynorsk: the catalogue mirrors the bokmål one entry for entry, and the IPIP items follow the language."""

import json
import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

from participants import ipip

LOCALE = Path(settings.BASE_DIR) / "locale"
DATA = Path(settings.BASE_DIR) / "participants" / "data"
# django-allauth ships no nynorsk, so its strings that nb does not hold are translated in our nn catalogue too.
ALLAUTH = "django-allauth has no nn catalogue"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%%|\{[a-z_]*\}|</?[a-z]+[^>]*>|&[a-z]+;")


def _catalogue(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def _strings(entry):
    return [entry.msgstr] if not entry.msgid_plural else [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]


def test_the_nynorsk_catalogue_is_complete_and_has_the_bokmal_entries():
    nn = _catalogue("nn")
    assert nn.metadata["Language"] == "nn"
    assert nn.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert [e.msgid for e in nn if not e.translated() or "fuzzy" in e.flags] == []
    assert {(e.msgctxt, e.msgid, e.msgid_plural) for e in nn if ALLAUTH not in e.comment} == {
        (e.msgctxt, e.msgid, e.msgid_plural) for e in _catalogue("nb")
    }
    # allauth ships no nynorsk: the texts of its pages we use that nb does not hold are ours too.
    assert len([e for e in nn if ALLAUTH in e.comment]) > 250


def test_allauth_pages_and_messages_are_in_nynorsk_too():
    with translation.override("nn"):
        assert translation.gettext("Change Password") == "Endre passord"
        assert translation.gettext("Forgot your password?") == "Har du gløymt passordet?"
        assert translation.gettext("Successfully signed in as %(name)s.") % {"name": "Kari"} == "Logga inn som Kari."
        assert translation.gettext("Incorrect code.") == "Feil kode."


def test_nynorsk_keeps_every_placeholder_and_tag_of_the_bokmal():
    nb = {(e.msgctxt, e.msgid): e for e in _catalogue("nb")}
    differs = []
    for entry in (e for e in _catalogue("nn") if ALLAUTH not in e.comment):
        for ours, theirs in zip(_strings(entry), _strings(nb[(entry.msgctxt, entry.msgid)]), strict=True):
            if sorted(PLACEHOLDER.findall(ours)) != sorted(PLACEHOLDER.findall(theirs)):
                differs.append(entry.msgid)
    assert differs == []


def test_nynorsk_reads_as_nynorsk():
    # A few bokmål words that never belong in a nynorsk sentence (column names the importer
    # expects and app menu labels are quoted as they are, so tags and «…» are left out).
    bokmal = re.compile(r"\b(ikke|hva|hvordan|hvem|jeg|fra|bare|også|ennå|noen|mye|lagret|slettet|veileder\w*)\b")
    found = []
    for entry in _catalogue("nn"):
        for text in _strings(entry):
            text = re.sub(r"<strong>.*?</strong>|«.*?»|\(Navn.*?\)", "", text)
            found += bokmal.findall(text)
    assert found == []


def test_the_ipip_scale_and_factors_are_in_nynorsk():
    with translation.override("nn"):
        assert [str(label) for _value, label in ipip.SCALE] == [
            "Passar svært dårleg",
            "Passar ganske dårleg",
            "Verken eller",
            "Passar ganske godt",
            "Passar svært godt",
        ]
        assert str(ipip.FACTOR_LABELS["emotional_stability"]) == "Kjenslemessig stabilitet"


def test_the_nynorsk_items_are_our_own_translation_of_the_same_fifty():
    english = json.loads((DATA / "ipip50.json").read_text(encoding="utf-8"))["items"]
    nn = json.loads((DATA / "ipip50_nn.json").read_text(encoding="utf-8"))
    assert [item["en"] for item in nn["items"]] == [item["text"] for item in english]
    assert "Vår eiga omsetjing" in nn["note"] and "allemannseige" in nn["note"]
    assert "public domain" in nn["source"]
    assert list(nn["response_scale"].values())[0] == "Passar svært dårleg"


def test_ipip_items_follow_the_active_language_with_bokmal_as_fallback():
    def texts(code):
        with translation.override(code):
            return [item["text"] for item in ipip.items()]

    nn, nb, en = texts("nn"), texts("nb"), texts("en")
    assert nn[2] == "Tek initiativ til samtalar."
    assert nb[2] == "Tar initiativ til samtaler."
    assert en[2] == "Start conversations."
    assert nn[47] == "Har vanskeleg for å forstå abstrakte idear."
    assert texts("de") == nb
    # The key and the order do not depend on the language, so the scores do not either.
    with translation.override("nn"):
        order = [(i["index"], i["factor"], i["key"]) for i in ipip.administration_order()]
    assert order == [(i["index"], i["factor"], i["key"]) for i in ipip.administration_order()]
