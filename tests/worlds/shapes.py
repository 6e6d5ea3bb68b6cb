"""Programme templates and the way on in the shared world.

Vefsn has a template of its own ("Vefsn-malen", `own_template`); the built-in Vefsn template comes
from the data migration (`builtin_template`). Ingrid has written what she does first at home after
gathering 1 (`home_commitment`), so her peer group sees it at gathering 2's case round.
"""

import datetime

from participants.models import Participant
from participants.way_on import home_commitment_add
from programmes.models import ProgrammeTemplate
from programmes.programme_templates import builtins_ensure, template_save


def extend(world):
    builtins_ensure()  # a transactional test before this one may have flushed the migration's rows
    world.builtin_template = ProgrammeTemplate.objects.get(key="vefsn-fire-moduler")
    world.own_template = template_save(programme=world.programme, saved_by=world.hr, name="Vefsn-malen")
    gathering = world.gathering
    if gathering.start_date is None:
        gathering.start_date = datetime.date(2026, 9, 1)
        gathering.save(update_fields=["start_date"])
    participant = Participant.objects.get(programme=world.programme, user=world.participant)
    world.home_commitment = home_commitment_add(
        participant=participant, gathering=gathering, text="Ringe verneombudet om turnusen", added_by=world.participant
    )
