"""Bring locale/en in line with locale/nb: every bokmål msgid gets an English entry (the msgid itself,
which is English already), and English entries whose msgid is gone are dropped. Entries that word the
English differently (locale/GLOSSARY.md) are kept as they are. Run it after adding texts to nb."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Add every bokmål msgid missing from the English catalogue (msgstr = msgid); drop the stale ones."

    def handle(self, *args, **options):
        locale = Path(settings.BASE_DIR) / "locale"
        nb = polib.pofile(str(locale / "nb" / "LC_MESSAGES" / "django.po"))
        path = locale / "en" / "LC_MESSAGES" / "django.po"
        en = polib.pofile(str(path), wrapwidth=79)
        wanted = {(entry.msgctxt, entry.msgid) for entry in nb if not entry.obsolete}
        kept = {(entry.msgctxt, entry.msgid) for entry in en if (entry.msgctxt, entry.msgid) in wanted}
        stale = [entry for entry in en if (entry.msgctxt, entry.msgid) not in wanted]
        for entry in stale:
            en.remove(entry)
        added = 0
        for entry in nb:
            if entry.obsolete or (entry.msgctxt, entry.msgid) in kept:
                continue
            english = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, occurrences=entry.occurrences)
            if entry.msgid_plural:
                english.msgid_plural = entry.msgid_plural
                english.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                english.msgstr = entry.msgid
            en.append(english)
            added += 1
        en.save(str(path))
        self.stdout.write(f"English catalogue: {added} added, {len(stale)} dropped.")
