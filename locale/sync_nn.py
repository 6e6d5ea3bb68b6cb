"""Bring locale/nn in step with locale/nb after new entries were appended to the bokmål catalogue.

    .venv/bin/python locale/sync_nn.py

Appends every nb entry that nn lacks (same msgctxt, msgid, msgid_plural, references and flags) with an
empty msgstr and the bokmål as a translator's comment (`#. nb: …`), and lists nn entries that nb no longer
has (except django-allauth's strings, which nn holds because allauth ships no nynorsk). It never
translates: write the nynorsk by hand, then tests/test_nn_catalogue.py passes again.
"""

import copy
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent


def main():
    nb = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))
    nn_path = LOCALE / "nn" / "LC_MESSAGES" / "django.po"
    nn = polib.pofile(str(nn_path))
    have = {(e.msgctxt, e.msgid) for e in nn}
    added = 0
    for entry in nb:
        if (entry.msgctxt, entry.msgid) in have:
            continue
        new = copy.deepcopy(entry)
        bokmal = entry.msgstr if not entry.msgid_plural else " | ".join(entry.msgstr_plural.values())
        new.comment = f"nb: {bokmal}"
        new.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if entry.msgid_plural:
            new.msgstr_plural = {0: "", 1: ""}
        else:
            new.msgstr = ""
        nn.append(new)
        added += 1
    wanted = {(e.msgctxt, e.msgid) for e in nb}
    # Entries commented as allauth's are ours on purpose: allauth ships no nynorsk catalogue.
    gone = [e.msgid for e in nn if (e.msgctxt, e.msgid) not in wanted and "allauth" not in e.comment]
    nn.save(str(nn_path))
    print(f"{added} entries added to nn for translation; {len(gone)} nn entries no longer in nb")
    for msgid in gone:
        print("  not in nb:", msgid[:80])


if __name__ == "__main__":
    main()
