"""The municipalities' own words (locale/GLOSSARY.md): in the texts and in what HR's lists may say."""

import pytest
from django.utils import translation

from participants.importers import sheet_from_table, validate
from participants.models import Participant


@pytest.mark.django_db
@pytest.mark.parametrize(
    "written,level",
    [
        ("Driftsenhetsleder", Participant.LeaderLevel.UNIT),  # Bergen
        ("Einingsleiar", Participant.LeaderLevel.UNIT),  # nynorsk
        ("Driftseiningsleiar", Participant.LeaderLevel.UNIT),
        ("Avdelingsleiar", Participant.LeaderLevel.DEPARTMENT),
        ("Strategisk leiar", Participant.LeaderLevel.STRATEGIC),
    ],
)
def test_a_participant_list_may_name_leader_levels_in_the_municipalitys_words(world, written, level):
    table = [(1, ["Navn", "E-post", "Ledernivå"]), (2, ["Siri Lid", "siri@vefsn.no", written])]
    [row] = validate(sheet=sheet_from_table(table), programme=world.programme)
    assert row.leader_level == level


@pytest.mark.parametrize(
    "msgid,bokmal",
    [
        ("Prioritised development needs", "Veien videre: prioriterte utviklingsbehov"),
        (
            "A short description of the challenge, without names.",
            "En kort beskrivelse av utfordringen, uten navn på ansatte, tillitsvalgte eller andre.",
        ),
        (
            "E.g. the chief executive, the leaders' forum or the municipal council.",
            "F.eks. kommunedirektøren, lederforum eller kommunestyret.",
        ),
        ("Kirkpatrick level 1", "Nivå 1: opplevelse"),
        ("HR administrator", "HR-rådgiver"),
    ],
)
def test_the_texts_use_the_municipalities_words(msgid, bokmal):
    with translation.override("nb"):
        assert translation.gettext(msgid) == bokmal


def test_slips_are_fixed():
    from django.utils.translation import pgettext

    with translation.override("nb"):
        assert translation.gettext("Change Password") == "Endre passord"
        assert translation.gettext("Forgot your password?") == "Glemt passordet?"
        assert "humør" in translation.gettext("One per line, e.g. humour, responsibility, curiosity, engagement.")
        assert pgettext("field label", "Login") == "Logg inn"
    with translation.override("en"):
        assert translation.gettext("Kirkpatrick levels 3 and 4") == "Levels 3 and 4: use at work and results"
