import rules

from core.rules import is_hr

# Bulk work on a programme's people is HR's: a list holds personal data for the whole municipality.
rules.add_perm("participants.import_participants", is_hr)
rules.add_perm("participants.export_participants", is_hr)
rules.add_perm("participants.invite_participants", is_hr)
