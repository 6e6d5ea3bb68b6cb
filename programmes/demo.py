"""The programmes of the demo (core/demo.py): Vefsn's (seed 000), Bindal's and Bergen's (seed 004).

Every word here is data a Norwegian municipality would type, so it is in Norwegian.
"""

from datetime import timedelta

from django.utils import timezone

from core.demo import BERGEN, VEFSN
from programmes import services as programme_services
from programmes.models import Programme

VEFSN_PROGRAMME = {
    "name": "Lederutviklingsprogram Vefsn kommune",
    "main_goal": "Å utvikle en felles plattform for utøvelse av ledelse, slik at Vefsn kommune får en "
    "ledergruppe med felles identitet, helhetlig ansvarsfølelse og en felles plattform for kommunens "
    "utvikling fremover.",
    "goals": [
        "Ledelse overfor ansatte",
        "Ledelse i samspill med kommunens brukere",
        "Ansvar og fokus på helhetstenking i Vefsn kommune",
        "Ledelse med hensyn på det åpne offentlige bildet",
        "Ledelse for oppnåelse av kommunens fremtidige mål",
        "Ledelse av selve utviklingsarbeidet i Vefsn kommune",
    ],
    "values": ["humør", "ansvar", "nysgjerrighet", "engasjement"],
    "target_group": "Alle ledere i Vefsn kommune: strategisk ledelse og driftsenhetsledere (30 personer).",
}

BINDAL_PROGRAMME = {
    "name": "Lederløftet Bindal",
    "main_goal": "Mestringsorientert ledelse i alle enheter.",
    "goals": ["Retning", "Mening", "Individuell oppmerksomhet"],
    "values": ["åpenhet", "respekt", "raushet"],
    "target_group": "Enhetsledere og avdelingsledere i Bindal kommune.",
}

BERGEN_PROGRAMME = {
    "name": "Lederutvikling i helse og omsorg (BHO)",
    "main_goal": "Aktivt medarbeiderskap og «train the trainers»: lederne tar innholdet videre til egne ansatte.",
    "goals": ["Aktivt medarbeiderskap", "Ledere som lærer videre til egne ansatte"],
    "values": ["åpenhet", "samarbeid", "respekt", "engasjement"],
    "target_group": "58 enhetsledere og 278 avdelingsledere i helse og omsorg.",
}


def _programme(*, municipality, hr, fields):
    """The programme, made if it is not there: (programme, whether it was made now)."""
    programme = Programme.objects.filter(municipality=municipality, name=fields["name"]).first()
    if programme is not None:
        return programme, False
    today = timezone.localdate()
    start = today - timedelta(days=75)
    programme = programme_services.programme_create(
        created_by=hr,
        municipality=municipality,
        start_date=start,
        end_date=start.replace(year=start.year + 2),
        status=Programme.Status.ACTIVE,
        **fields,
    )
    return programme, True


@VEFSN.register(order=10)
def vefsn_programmes(demo):
    demo.programme, demo.programme_created = _programme(municipality=demo.vefsn, hr=demo.hr, fields=VEFSN_PROGRAMME)
    demo.bindal_programme, demo.bindal_programme_created = _programme(
        municipality=demo.bindal, hr=demo.bindal_hr, fields=BINDAL_PROGRAMME
    )


@BERGEN.register(order=10)
def bergen_programme(demo):
    if Programme.objects.filter(municipality=demo.municipality, name=BERGEN_PROGRAMME["name"]).exists():
        demo.stop = True
        return
    # One core gathering: Bergen's day, repeated in runs (seed 004; README, "Bergen's shape").
    demo.programme, _created = _programme(
        municipality=demo.municipality, hr=demo.hr, fields={**BERGEN_PROGRAMME, "core_count": 1}
    )
