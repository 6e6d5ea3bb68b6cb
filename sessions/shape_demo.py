"""Builders the demo (programmes/demo.py, core/demo.py) can call for issue 18's shapes.

Not registered anywhere: the demo decides where to use them. All idempotent.
"""

import datetime

from django.utils import timezone

from programmes.models import Programme, ProgrammeTemplate
from sessions.programme_templates import (
    builtins_ensure,
    create_programme_from_template,
    template_fields,
    template_save,
)

BERGEN_TEMPLATE = "bergen-aktivt-medarbeiderskap"


def bergen_programme(*, municipality, hr, name, venue="Grieghallen", today=None):
    """Bergen as seed 004 says: one core gathering, a full day, four runs of 100 (three in the autumn,
    one in the spring), made from the built-in template; the first run was 40 days ago, so attendance
    can be filled in for the autumn runs already held. Returns the programme (an existing one as is)."""
    existing = Programme.objects.filter(municipality=municipality, name=name).first()
    if existing is not None:
        return existing
    builtins_ensure()
    today = today or timezone.localdate()
    data = template_fields(ProgrammeTemplate.objects.get(key=BERGEN_TEMPLATE))
    for row in data["gatherings"]:
        row["venue"] = venue
    programme = create_programme_from_template(
        template_data=data,
        municipality=municipality,
        created_by=hr,
        name=name,
        start_date=today - datetime.timedelta(days=40),
        status=Programme.Status.ACTIVE,
    )
    return programme


def municipality_template(*, programme, hr, name):
    """The municipality's own template saved from a demo programme (e.g. "Vefsn-malen")."""
    existing = ProgrammeTemplate.objects.filter(municipality=programme.municipality, name=name).first()
    return existing or template_save(programme=programme, saved_by=hr, name=name)
