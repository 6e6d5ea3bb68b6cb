"""The gatherings of the demo (core/demo.py): Vefsn's four and two in the extension (seed 000), Bindal's,
and Bergen's one day repeated in four runs (seed 004), everyone assigned and attendance marked where a
run has been held.

Every date is a working day (core.demo.working_day). Vefsn's gatherings carry the modules' goals and
central topics (seed 000) and a full timed agenda in the style of seed 003: "1000 Velkommen", lunch,
group work, walk & talk, the fixed case round "Lederutfordringer siden sist" from gathering 2 on, a
summary and "1500 Vel hjem". Gathering 1 has been held (its run has attendance for both days), and
gathering 2, a few days ahead, has its run with every leader assigned.

Every word here is data a Norwegian municipality would type, so it is in Norwegian.
"""

from datetime import time as datetime_time
from datetime import timedelta

from django.utils import timezone

from core.demo import BERGEN, VEFSN, working_day
from sessions import services as gathering_services
from sessions.models import AgendaItem, Attendance, Gathering, Run

# (day, "HHMM", title, learning form, responsible); the case round is marked by its title.
_F = AgendaItem.LearningForm
WELCOME = (1, "1000", "Velkommen – status, mål og opplegg for samlingen", _F.DISCUSSION, "Kari Veileder")
CASE_ROUND = (1, "1015", "Lederutfordringer siden sist", _F.EXPERIENCE, "Kollegagruppene")
DINNER_DAY = [
    (1, "1630", "Slutt for dagen", _F.BREAK, ""),
    (1, "1900", "Middag", _F.BREAK, ""),
    (2, "0830", "God morgen – refleksjon fra i går", _F.REFLECTION, "Ola Kursholder"),
]
SUMMARY = "Oppsummering og veien videre"
HOME = "Vel hjem"
VEFSN_AGENDAS = [
    [
        (1, "1000", "Velkommen – mål og opplegg for programmet", _F.DISCUSSION, "Kommunedirektør Kjell Direktør"),
        (1, "1030", "Bli kjent: presentasjonsrunde", _F.EXPERIENCE, "Kari Veileder"),
        (1, "1130", "Mål for programmet – forankring, kartlegging og planlegging", _F.DISCUSSION, "Kari Veileder"),
        (1, "1230", "Lunsj", _F.BREAK, ""),
        (
            1,
            "1330",
            "Faget ledelse og kommunal ledelse – rammer, forutsetninger og muligheter",
            _F.THEORY,
            "Ola Kursholder",
        ),
        (1, "1430", "Walk & talk: Hva betyr det å være leder i Vefsn?", _F.REFLECTION, ""),
        (1, "1515", "Gruppearbeid: forventninger og forpliktelser", _F.DISCUSSION, "Ola Kursholder"),
        *DINNER_DAY,
        (2, "0900", "Visjon, verdier og kultur", _F.THEORY, "Kari Veileder"),
        (2, "1015", "Gruppearbeid: verdiene våre i praksis", _F.DISCUSSION, "Kari Veileder"),
        (2, "1130", "Teorigrunnlag for personlighetsprofil", _F.THEORY, "Ola Kursholder"),
        (2, "1230", "Lunsj", _F.BREAK, ""),
        (2, "1330", "Individuelle mål for programmet", _F.SKILLS, "Ola Kursholder"),
        (2, "1430", SUMMARY, _F.REFLECTION, "Kari Veileder og Ola Kursholder"),
        (2, "1500", HOME, _F.BREAK, ""),
    ],
    [
        WELCOME,
        CASE_ROUND,
        (1, "1130", "Personlig profil og egne utviklingsmål", _F.THEORY, "Ola Kursholder"),
        (1, "1230", "Lunsj", _F.BREAK, ""),
        (1, "1330", "Tilbakemelding på profilen i par", _F.SKILLS, "Kari Veileder og Ola Kursholder"),
        (1, "1430", "Walk & talk: Mine styrker som leder", _F.REFLECTION, ""),
        (1, "1515", "Hvordan utnytte styrker og svakheter i team", _F.DISCUSSION, "Kari Veileder"),
        *DINNER_DAY,
        (2, "0900", "Effektive lederteam", _F.THEORY, "Kari Veileder"),
        (2, "1015", "Gruppearbeid: vårt eget lederteam", _F.DISCUSSION, "Kari Veileder"),
        (2, "1130", "Styring vs. ledelse", _F.THEORY, "Ola Kursholder"),
        (2, "1230", "Lunsj", _F.BREAK, ""),
        (2, "1330", "Kollegaveiledning i kollegagruppene", _F.SKILLS, "Ola Kursholder"),
        (2, "1430", SUMMARY, _F.REFLECTION, "Kari Veileder og Ola Kursholder"),
        (2, "1500", HOME, _F.BREAK, ""),
    ],
    [
        WELCOME,
        CASE_ROUND,
        (1, "1100", "Drivere og strategi for endring", _F.THEORY, "Ola Kursholder"),
        (1, "1145", "Gruppearbeid: omstilling og motstand mot endring", _F.DISCUSSION, "Ola Kursholder"),
        (1, "1230", "Lunsj", _F.BREAK, ""),
        (1, "1315", "Stressmestring for deg og dine ansatte", _F.SKILLS, "Kari Veileder"),
        (1, "1400", "Walk & talk: Utvikling vs. drift i min enhet", _F.REFLECTION, ""),
        (1, "1430", SUMMARY, _F.REFLECTION, "Kari Veileder og Ola Kursholder"),
        (1, "1500", HOME, _F.BREAK, ""),
    ],
    [
        WELCOME,
        CASE_ROUND,
        (1, "1100", "Verdibasert ledelse – erfaringer fra en nabokommune", _F.EXPERIENCE, "Gjest fra Alstahaug"),
        (1, "1145", "Kontinuerlig forbedring", _F.THEORY, "Ola Kursholder"),
        (1, "1230", "Lunsj", _F.BREAK, ""),
        (1, "1315", "Gruppearbeid: samspill på tvers av organisasjonen", _F.DISCUSSION, "Kari Veileder"),
        (1, "1400", "Walk & talk: Det viktigste jeg tar med meg", _F.REFLECTION, ""),
        (1, "1430", SUMMARY, _F.REFLECTION, "Kari Veileder og Ola Kursholder"),
        (1, "1500", HOME, _F.BREAK, ""),
    ],
]

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

# Bergen as seed 004 writes it: one full day, repeated for ~100 leaders at a time, three times in the
# autumn and once in the spring. Days of each run after the first: the first three are held.
BERGEN_RUN_OFFSETS = [0, 14, 28, 175]
BERGEN_FIRST_RUN_DAYS_AGO = 60
BERGEN_TEMPLATE = "bergen-aktivt-medarbeiderskap"


def _gatherings(programme, gatherings, extension=()):
    """A new programme's core gatherings dated and described, and its extension's added."""
    today = timezone.localdate()
    for gathering, data in zip(programme.gatherings.order_by("number"), gatherings, strict=True):
        gathering.title = data["title"]
        gathering.days = data["days"]
        gathering.start_date = working_day(today + timedelta(days=data["offset"]), days=data["days"])
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


def vefsn_agendas(programme):
    """Each core gathering's full timed agenda; the case round replaces the one the programme was
    made with (programmes.services.programme_create), so it keeps its place as the case round."""
    for gathering, items in zip(programme.gatherings.order_by("number"), VEFSN_AGENDAS, strict=False):
        gathering.agenda.filter(is_case_round=True).delete()
        AgendaItem.objects.bulk_create(
            AgendaItem(
                gathering=gathering,
                day=day,
                start_time=datetime_time(int(hhmm[:2]), int(hhmm[2:])),
                title=title,
                learning_form=form,
                responsible=responsible,
                is_case_round=title == CASE_ROUND[2],
            )
            for day, hhmm, title, form, responsible in items
            if day <= gathering.days
        )


def vefsn_run(gathering, hr, *, attendance):
    """The gathering's one run in Mosjøen with every leader in it; attendance for each day when held."""
    run = gathering.runs.order_by("number").first() or gathering_services.run_create(
        gathering=gathering,
        created_by=hr,
        date=gathering.start_date,
        start_time=datetime_time(10),
        end_time=datetime_time(15),
        venue=gathering.venue or "Kulturverkstedet, Mosjøen",
        capacity=40,
    )
    gathering_services.runs_assign_participants(gathering=gathering, assigned_by=hr)
    if attendance and not run.attendance.exists():
        assignments = list(run.assignments.order_by("participant_id"))
        Attendance.objects.bulk_create(
            Attendance(
                run=run,
                participant_id=a.participant_id,
                day=day,
                # One was excused both days, one left after the first.
                status="excused"
                if n == 7 or (n == 19 and day == 2)
                else ("late" if n == 12 and day == 1 else "present"),
                marked_by=hr,
            )
            for day in range(1, gathering.days + 1)
            for n, a in enumerate(assignments)
        )
    return run


@VEFSN.register(order=20)
def vefsn_gatherings(demo):
    if demo.programme_created:
        _gatherings(demo.programme, VEFSN_GATHERINGS, VEFSN_EXTENSION)
        vefsn_agendas(demo.programme)
    if demo.bindal_programme_created:
        _gatherings(demo.bindal_programme, BINDAL_GATHERINGS)


@VEFSN.register(order=35)
def vefsn_runs(demo):
    """Gathering 1 held with attendance, gathering 2 (the next) with its run and everyone assigned."""
    if not demo.programme_created:
        return
    first, second = demo.programme.gatherings.filter(number__in=[1, 2]).order_by("number")
    vefsn_run(first, demo.hr, attendance=True)
    vefsn_run(second, demo.hr, attendance=False)


@BERGEN.register(order=20)
def bergen_gatherings(demo):
    """Bergen's one gathering, with the content, goals and timed agenda of the built-in template written
    from seed 004 (programmes/migrations/0006_builtin_templates.py)."""
    from programmes.models import ProgrammeTemplate
    from sessions.programme_templates import builtins_ensure

    builtins_ensure()
    row = ProgrammeTemplate.objects.get(key=BERGEN_TEMPLATE).gatherings[0]
    gathering = demo.programme.gatherings.get(number=1)
    gathering.title = row["title"]
    gathering.days = 1
    gathering.venue = "Grieghallen"
    gathering.goals = row["goals"]
    gathering.topics = row["topics"]
    gathering.start_date = working_day(timezone.localdate() - timedelta(days=BERGEN_FIRST_RUN_DAYS_AGO))
    gathering.save()
    gathering.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            gathering=gathering,
            day=1,
            start_time=datetime_time(*map(int, item["start_time"].split(":"))),
            title=item["title"],
            learning_form=item["learning_form"],
            responsible=item.get("responsible", ""),
        )
        for item in row["agenda"]
    )


@BERGEN.register(order=40)
def bergen_runs(demo):
    """The day's four runs of ~84 (three held in the autumn, one ahead in the spring), everyone
    assigned, attendance marked for the runs already held."""
    programme, hr, rng = demo.programme, demo.hr, demo.rng
    today = timezone.localdate()
    gathering = programme.gatherings.get(number=1)
    for offset in BERGEN_RUN_OFFSETS:
        gathering_services.run_create(
            gathering=gathering,
            created_by=hr,
            date=working_day(gathering.start_date + timedelta(days=offset)),
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
