"""The gatherings of the demo (core/demo.py): Vefsn's four and two in the extension (seed 000), Bindal's,
and Bergen's with four runs each, everyone assigned and attendance marked where a run has been held.

Every word here is data a Norwegian municipality would type, so it is in Norwegian.
"""

from datetime import time as datetime_time
from datetime import timedelta

from django.utils import timezone

from core.demo import BERGEN, VEFSN
from sessions import services as gathering_services
from sessions.models import Attendance, Gathering, Run

VEFSN_GATHERINGS = [
    {
        "title": "Meg som leder i Vefsn kommune",
        "days": 2,
        "offset": -60,
        "goals": [
            "Få en felles forståelse av hva det betyr å være leder i Vefsn og en felles basisforståelse for "
            "faget ledelse",
            "Utarbeide og forankre individuelle og felles mål for lederutviklingsprogrammet",
            "Skape et godt grunnlag for å bruke personlighetsprofil som verktøy for lederens utviklingsplan",
        ],
        "topics": [
            "Bli kjent",
            "Mål for programmet – forankring, kartlegging og planlegging",
            "Forventninger og forpliktelser",
            "Visjon, verdier og kultur",
            "Faget ledelse og kommunal ledelse – rammer, forutsetninger og muligheter",
            "Teorigrunnlag for personlighetsprofil",
        ],
    },
    {
        "title": "Selvbevissthet og teambygging",
        "days": 2,
        "offset": 5,
        "goals": [
            "Utvikle bevissthet hos hver enkelt leder om egne preferanser, egenskaper og atferdsmønster",
            "Skape forståelse for hva som kjennetegner effektive team",
            "Innsikt i egen personlighetsprofil og hvordan den kan brukes til å utvikle eget lederskap",
            "Komme i gang med kollegaveiledning gjennom «lederutfordringer siden sist»",
        ],
        "topics": [
            "Personlig profil og egne utviklingsmål",
            "Hvordan utnytte styrker og svakheter i team",
            "Effektive lederteam",
            "Styring vs. ledelse",
            "Lederutfordringer siden sist",
        ],
    },
    {
        "title": "Endringsledelse og stressmestring",
        "days": 1,
        "offset": 80,
        "goals": [
            "Forstå hvorfor virksomheter må endre tjenester, prosesser og kompetanse, og hva som driver det",
            "Få innblikk i hva som kreves for å lykkes med endringsprosesser i kommunal sektor",
            "Håndtere motstand og mestre stress for den enkelte og i organisasjonen",
        ],
        "topics": [
            "Drivere og strategi for endring",
            "Omstilling og motstand mot endring",
            "Utvikling vs. drift",
            "Stressmestring",
            "Digitalisering og økonomiske krav",
            "Kommunikasjon og historiefortelling",
            "Lederutfordringer siden sist",
        ],
    },
    {
        "title": "Kultur for samspill og utvikling",
        "days": 1,
        "offset": 160,
        "goals": [
            "Forstå hva som kjennetegner et godt læringsmiljø, og hvordan forskjellighet gir grobunn for innovasjon",
            "Få innblikk i andres erfaringer med verdibasert ledelse",
            "Arbeide i spennet mellom drift og utvikling, med kontinuerlig forbedring",
        ],
        "topics": [
            "Verdibasert ledelse",
            "Kontinuerlig forbedring",
            "Samspill på tvers av organisasjonen",
            "Lederutfordringer siden sist",
            "Veien videre",
        ],
    },
]

VEFSN_EXTENSION = [
    {"title": "Opsjon: Innovasjon og tjenesteutvikling", "topics": ["Å våge", "Å lære", "Å samhandle"]},
    {
        "title": "Opsjon: Ledelse i krevende omstilling",
        "topics": ["Nedbemanning", "Medvirkning", "Lederutfordringer siden sist"],
    },
]

BINDAL_GATHERINGS = [
    {"title": title, "days": 1, "offset": offset, "goals": [], "topics": [], "venue": "Bindal rådhus"}
    for title, offset in [
        ("Oppstart", -20),
        ("Mestringsorientert ledelse", 30),
        ("Samhandling", 90),
        ("Veien videre", 150),
    ]
]

BERGEN_GATHERINGS = [
    {"title": title, "days": 1, "offset": offset, "goals": [], "topics": topics, "venue": "Grieghallen"}
    for title, offset, topics in [
        ("Ledelse i helse og omsorg", -40, ["Aktivt medarbeiderskap", "Lederrollen"]),
        ("Mestringsorientert ledelse", 20, ["Retning, mening og individuell oppmerksomhet"]),
        ("Endring og innovasjon", 90, ["Å våge", "Å lære", "Lederutfordringer siden sist"]),
        ("Kultur og samhandling", 160, ["Samhandling på tvers", "Veien videre"]),
    ]
]
BERGEN_RUNS = 4


def _gatherings(programme, gatherings, extension=()):
    """A new programme's core gatherings dated and described, and its extension's added."""
    today = timezone.localdate()
    for gathering, data in zip(programme.gatherings.order_by("number"), gatherings, strict=True):
        gathering.title = data["title"]
        gathering.days = data["days"]
        gathering.start_date = today + timedelta(days=data["offset"])
        gathering.venue = data.get("venue", "Kulturverkstedet, Mosjøen")
        gathering.goals = data["goals"]
        gathering.topics = data["topics"]
        gathering.save()
    for number, data in enumerate(extension, start=len(gatherings) + 1):
        Gathering.objects.create(
            programme=programme,
            number=number,
            kind=Gathering.Kind.EXTENSION,
            title=data["title"],
            topics=data["topics"],
        )


@VEFSN.register(order=20)
def vefsn_gatherings(demo):
    if demo.programme_created:
        _gatherings(demo.programme, VEFSN_GATHERINGS, VEFSN_EXTENSION)
    if demo.bindal_programme_created:
        _gatherings(demo.bindal_programme, BINDAL_GATHERINGS)


@BERGEN.register(order=20)
def bergen_gatherings(demo):
    _gatherings(demo.programme, BERGEN_GATHERINGS)


@BERGEN.register(order=40)
def bergen_runs(demo):
    """Four runs of every gathering, everyone assigned, attendance marked for the runs already held."""
    programme, hr, rng = demo.programme, demo.hr, demo.rng
    today = timezone.localdate()
    for gathering in programme.gatherings.order_by("number"):
        for n in range(BERGEN_RUNS):
            gathering_services.run_create(
                gathering=gathering,
                created_by=hr,
                date=gathering.start_date + timedelta(days=n),
                start_time=datetime_time(9),
                end_time=datetime_time(15, 30),
                venue="Grieghallen",
                capacity=90,
            )
        gathering_services.runs_assign_participants(gathering=gathering, assigned_by=hr)
    statuses = ["present"] * 88 + ["late"] * 5 + ["excused"] * 4 + ["absent"] * 3
    Attendance.objects.bulk_create(
        Attendance(run=a.run, participant=a.participant, status=rng.choice(statuses), marked_by=hr)
        for run in Run.objects.filter(gathering__programme=programme, date__lt=today)
        for a in run.assignments.select_related("participant", "run")
    )
