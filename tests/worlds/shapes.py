"""Programme templates in the shared world.

Vefsn has a template of its own ("Vefsn-malen", `own_template`, written directly: no audit row, so
the tests that read the audit log exactly are not disturbed); the built-in Vefsn template comes from
the data migration (`builtin_template`). Home commitments are made by the tests that need them.
"""

from programmes.models import ProgrammeTemplate
from sessions.programme_templates import builtins_ensure, template_data_of


def extend(world):
    builtins_ensure()  # a transactional test before this one may have flushed the migration's rows
    world.builtin_template = ProgrammeTemplate.objects.get(key="vefsn-fire-moduler")
    data = {**template_data_of(world.programme), "name": "Vefsn-malen"}
    world.own_template = ProgrammeTemplate.objects.create(municipality=world.vefsn, created_by=world.hr, **data)
