"""Norwegian for this feature's messages until they are in locale/nb (then this module can go).

The translations live in participants_nb.json beside this file, for merging into the catalogue.
The fixture adds to the loaded bokmål catalogue only what it lacks, and removes it afterwards,
so once the catalogue has them, the tests read the real translations.
"""

import json
from pathlib import Path

import pytest

TRANSLATIONS = json.loads((Path(__file__).parent / "participants_nb.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def pending_nb():
    from django.utils.translation import trans_real

    catalog = trans_real.translation("nb")._catalog
    added = []
    for msgid, msgstr in TRANSLATIONS.items():
        entries = {(msgid, 0): msgstr[0], (msgid, 1): msgstr[1]} if isinstance(msgstr, list) else {msgid: msgstr}
        for key, value in entries.items():
            if key not in catalog:
                catalog[key] = value
                added.append(key)
    yield
    for key in added:
        del catalog._catalogs[0][key]
