"""The Vefsn demo programme (seed 000) and a second municipality, loaded idempotently.

Every word here is data a Norwegian municipality would type, so it is in Norwegian.
"""

from datetime import time as datetime_time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.models import Municipality, MunicipalityRole, User
from participants.models import Facilitator, Participant
from programmes import services as programme_services
from programmes.models import Programme
from sessions.models import Gathering

DEMO_PASSWORD = "demo-passord-2026"

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

# (first name, last name, job title, leader level, unit, sector)
VEFSN_PARTICIPANTS = [
    ("Ingrid", "Halvorsen", "Kommunalsjef", "strategic", "Helse og omsorg", "Helse og omsorg"),
    ("Terje", "Kristiansen", "Kommunalsjef", "strategic", "Oppvekst og kultur", "Oppvekst"),
    ("Marit", "Solberg", "Økonomisjef", "strategic", "Økonomi", "Stab"),
    ("Geir", "Mathisen", "Kommunalsjef", "strategic", "Samfunnsutvikling", "Teknisk"),
    ("Hege", "Nilsen", "Personalsjef", "strategic", "Personal og organisasjon", "Stab"),
    ("Bjørn", "Johansen", "Rektor", "unit", "Kippermoen skole", "Oppvekst"),
    ("Kari", "Olsen", "Rektor", "unit", "Vefsn barne- og ungdomsskole", "Oppvekst"),
    ("Anders", "Pedersen", "Rektor", "unit", "Olderskog skole", "Oppvekst"),
    ("Silje", "Berg", "Styrer", "unit", "Kulstad barnehage", "Oppvekst"),
    ("Lise", "Eriksen", "Styrer", "unit", "Vefsnmo barnehage", "Oppvekst"),
    ("Tone", "Hansen", "Enhetsleder", "unit", "PPT", "Oppvekst"),
    ("Per", "Larsen", "Enhetsleder", "unit", "Kulturskolen", "Oppvekst"),
    ("Anne", "Andersen", "Enhetsleder", "unit", "Sykehjemmet", "Helse og omsorg"),
    ("Morten", "Karlsen", "Enhetsleder", "unit", "Hjemmetjenesten", "Helse og omsorg"),
    ("Randi", "Jensen", "Enhetsleder", "unit", "Bo- og aktivitetstilbud", "Helse og omsorg"),
    ("Svein", "Haugen", "Enhetsleder", "unit", "Psykisk helse og rus", "Helse og omsorg"),
    ("Grete", "Moen", "Enhetsleder", "unit", "Legetjenesten", "Helse og omsorg"),
    ("Trond", "Lund", "Enhetsleder", "unit", "Helsestasjon", "Helse og omsorg"),
    ("Eli", "Strand", "Enhetsleder", "unit", "Barnevern", "Helse og omsorg"),
    ("Øyvind", "Dahl", "Enhetsleder", "unit", "Tildelingskontoret", "Helse og omsorg"),
    ("Hilde", "Bakken", "Leder", "unit", "NAV Vefsn", "Helse og omsorg"),
    ("Knut", "Ås", "Enhetsleder", "unit", "Kommunalteknikk", "Teknisk"),
    ("Liv", "Sæther", "Enhetsleder", "unit", "Eiendom", "Teknisk"),
    ("Arne", "Hagen", "Enhetsleder", "unit", "Plan og utvikling", "Teknisk"),
    ("Berit", "Nygård", "Enhetsleder", "unit", "Brann og redning", "Teknisk"),
    ("Jon", "Fredriksen", "Enhetsleder", "unit", "Servicetorget", "Stab"),
    ("Camilla", "Holm", "Enhetsleder", "unit", "IKT", "Stab"),
    ("Lars", "Aune", "Enhetsleder", "unit", "Kultur og bibliotek", "Oppvekst"),
    ("Ragnhild", "Vik", "Enhetsleder", "unit", "Flyktningtjenesten", "Helse og omsorg"),
    ("Håkon", "Rønning", "Enhetsleder", "unit", "Landbruk og miljø", "Teknisk"),
]


def _user(email, first_name, last_name):
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first_name, "last_name": last_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _programme(*, municipality, hr, fields, gatherings, extension=()):
    programme = Programme.objects.filter(municipality=municipality, name=fields["name"]).first()
    if programme is not None:
        return programme
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
    return programme


# Each capability adds its Vefsn demo data in <app>/demo.py, `load_vefsn(programme)` (idempotent), in this order.
CAPABILITY_DEMOS = ["participants.demo", "peergroups.demo", "evaluation.demo"]


def _load_capability_demos(programme):
    import importlib

    for name in CAPABILITY_DEMOS:
        importlib.import_module(name).load_vefsn(programme)


@transaction.atomic
def load_demo():
    """Create the demo once; running it again changes nothing. Returns the logins to print."""
    vefsn, _ = Municipality.objects.get_or_create(slug="vefsn", defaults={"name": "Vefsn kommune"})
    bindal, _ = Municipality.objects.get_or_create(slug="bindal", defaults={"name": "Bindal kommune"})

    hr = _user("hr@vefsn.example.no", "Hanne", "Rådgiver")
    executive = _user("kommunedirektor@vefsn.example.no", "Kjell", "Direktør")
    facilitator_1 = _user("kari@lederkonsult.example.no", "Kari", "Veileder")
    facilitator_2 = _user("ola@lederkonsult.example.no", "Ola", "Kursholder")
    MunicipalityRole.objects.get_or_create(user=hr, municipality=vefsn, role=MunicipalityRole.Role.HR)
    MunicipalityRole.objects.get_or_create(user=executive, municipality=vefsn, role=MunicipalityRole.Role.EXECUTIVE)

    programme = _programme(
        municipality=vefsn, hr=hr, fields=VEFSN_PROGRAMME, gatherings=VEFSN_GATHERINGS, extension=VEFSN_EXTENSION
    )
    for facilitator in (facilitator_1, facilitator_2):
        Facilitator.objects.get_or_create(
            programme=programme, user=facilitator, defaults={"organisation": "Lederkonsult AS"}
        )
    first_participant = None
    for index, (first, last, title, level, unit, sector) in enumerate(VEFSN_PARTICIPANTS):
        local = f"{first}.{last}".lower().replace("ø", "o").replace("å", "a").replace("æ", "ae")
        user = _user(f"{local}@vefsn.example.no", first, last)
        participant, _ = Participant.objects.get_or_create(
            programme=programme,
            user=user,
            defaults={
                "job_title": title,
                "leader_level": level,
                "unit": unit,
                "sector": sector,
                "facilitator": facilitator_1 if index % 2 == 0 else facilitator_2,
            },
        )
        first_participant = first_participant or participant

    bindal_hr = _user("hr@bindal.example.no", "Berit", "Personalrådgiver")
    bindal_executive = _user("kommunedirektor@bindal.example.no", "Bjarne", "Direktør")
    MunicipalityRole.objects.get_or_create(user=bindal_hr, municipality=bindal, role=MunicipalityRole.Role.HR)
    MunicipalityRole.objects.get_or_create(
        user=bindal_executive, municipality=bindal, role=MunicipalityRole.Role.EXECUTIVE
    )
    bindal_programme = _programme(
        municipality=bindal,
        hr=bindal_hr,
        fields={
            "name": "Lederløftet Bindal",
            "main_goal": "Mestringsorientert ledelse i alle enheter.",
            "goals": ["Retning", "Mening", "Individuell oppmerksomhet"],
            "values": ["åpenhet", "respekt", "raushet"],
            "target_group": "Enhetsledere og avdelingsledere i Bindal kommune.",
        },
        gatherings=[
            {"title": title, "days": 1, "offset": offset, "goals": [], "topics": [], "venue": "Bindal rådhus"}
            for title, offset in [
                ("Oppstart", -20),
                ("Mestringsorientert ledelse", 30),
                ("Samhandling", 90),
                ("Veien videre", 150),
            ]
        ],
    )
    # The outside consultant serves both municipalities.
    Facilitator.objects.get_or_create(programme=bindal_programme, user=facilitator_1)
    for first, last, unit in [("Sigrid", "Bindal", "Oppvekst"), ("Tor", "Terråk", "Helse"), ("Åse", "Holm", "Teknisk")]:
        user = _user(f"{first.lower().replace('å', 'a')}.{last.lower()}@bindal.example.no", first, last)
        Participant.objects.get_or_create(
            programme=bindal_programme,
            user=user,
            defaults={"leader_level": Participant.LeaderLevel.UNIT, "unit": unit, "sector": unit},
        )

    _load_capability_demos(programme)

    return [
        ("HR-rådgiver, Vefsn", hr.email),
        ("Kommunedirektør, Vefsn", executive.email),
        ("Prosessveileder (Vefsn og Bindal)", facilitator_1.email),
        ("Prosessveileder, Vefsn", facilitator_2.email),
        ("Deltaker, Vefsn", first_participant.user.email),
        ("HR-rådgiver, Bindal", bindal_hr.email),
    ]


# --- Bergen: the same programme at scale (seed 004) -----------------------------------------------

BERGEN_SECTORS = [
    "Sykehjem",
    "Hjemmebaserte tjenester",
    "Psykisk helse og rusvern",
    "Bofellesskap",
    "Helsestasjon og skolehelse",
    "Legevakt og akutt",
]
FIRST_NAMES = [
    "Anne",
    "Inger",
    "Kari",
    "Marit",
    "Ingrid",
    "Liv",
    "Eva",
    "Berit",
    "Astrid",
    "Bjørg",
    "Hilde",
    "Anna",
    "Solveig",
    "Marianne",
    "Randi",
    "Ida",
    "Nina",
    "Maria",
    "Elisabeth",
    "Kristin",
    "Jan",
    "Per",
    "Bjørn",
    "Ole",
    "Lars",
    "Kjell",
    "Knut",
    "Arne",
    "Svein",
    "Thomas",
    "Hans",
    "Geir",
    "Tor",
    "Morten",
    "Terje",
]
LAST_NAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
    "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
    "Jacobsen", "Dahl", "Jørgensen", "Henriksen", "Lund", "Halvorsen", "Sørensen", "Jakobsen", "Moen",
    "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen",
]  # fmt: skip
BERGEN_UNITS = 58
BERGEN_DEPARTMENT_LEADERS = 278
BERGEN_RUNS = 4


@transaction.atomic
def load_bergen_demo():
    """Bergen's health and care department: 336 leaders, four gatherings of four runs each.

    Made with bulk inserts and one password hash, so it loads in seconds. Attendance is filled in
    for the runs that have already been held. Idempotent like the Vefsn demo.
    """
    import random

    from django.contrib.auth.hashers import make_password

    from sessions import services as gathering_services
    from sessions.models import Attendance, Run

    bergen, _ = Municipality.objects.get_or_create(slug="bergen", defaults={"name": "Bergen kommune"})
    hr = _user("hr@bergen.example.no", "Bente", "HR-rådgiver")
    MunicipalityRole.objects.get_or_create(user=hr, municipality=bergen, role=MunicipalityRole.Role.HR)
    name = "Lederutvikling i helse og omsorg (BHO)"
    if Programme.objects.filter(municipality=bergen, name=name).exists():
        return [("HR-rådgiver, Bergen (336 deltakere)", hr.email)]

    programme = _programme(
        municipality=bergen,
        hr=hr,
        fields={
            "name": name,
            "main_goal": "Aktivt medarbeiderskap og «train the trainers»: "
            "lederne tar innholdet videre til egne ansatte.",
            "goals": ["Aktivt medarbeiderskap", "Ledere som lærer videre til egne ansatte"],
            "values": ["åpenhet", "samarbeid", "respekt", "engasjement"],
            "target_group": "58 enhetsledere og 278 avdelingsledere i helse og omsorg.",
        },
        gatherings=[
            {"title": title, "days": 1, "offset": offset, "goals": [], "topics": topics, "venue": "Grieghallen"}
            for title, offset, topics in [
                ("Ledelse i helse og omsorg", -40, ["Aktivt medarbeiderskap", "Lederrollen"]),
                ("Mestringsorientert ledelse", 20, ["Retning, mening og individuell oppmerksomhet"]),
                ("Endring og innovasjon", 90, ["Å våge", "Å lære", "Lederutfordringer siden sist"]),
                ("Kultur og samhandling", 160, ["Samhandling på tvers", "Veien videre"]),
            ]
        ],
    )
    Facilitator.objects.get_or_create(
        programme=programme, user=_user("kari@lederkonsult.example.no", "Kari", "Veileder")
    )

    rng = random.Random(4)
    bulk_leaders(
        programme=programme,
        count=BERGEN_UNITS + BERGEN_DEPARTMENT_LEADERS,
        units=BERGEN_UNITS,
        domain="bergen.example.no",
        rng=rng,
        password=make_password(DEMO_PASSWORD),
    )

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
    from peergroups.demo import load_bergen as load_bergen_peer_groups

    load_bergen_peer_groups(programme)
    return [("HR-rådgiver, Bergen (336 deltakere)", hr.email)]


def bulk_leaders(*, programme, count, units, domain, rng, password, facilitator=None):
    """`count` leaders for a programme in a handful of bulk inserts: `units` unit leaders, and the
    rest department leaders spread over the units and reporting to their unit's leader. Sectors
    cycle through BERGEN_SECTORS. `password` is one ready hash for all (hashing thousands would
    take minutes). Returns the participants in e-mail order."""
    from allauth.account.models import EmailAddress

    people = []  # (level, unit, sector, index of the manager in people)
    for u in range(units):
        sector = BERGEN_SECTORS[u % len(BERGEN_SECTORS)]
        people.append(("unit", f"{sector} {u // len(BERGEN_SECTORS) + 1}", sector, None))
    for d in range(count - units):
        _level, unit, sector, _manager = people[d % units]
        people.append(("department", unit, sector, d % units))
    User.objects.bulk_create(
        User(
            email=f"leder{i + 1:04d}@{domain}",
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            password=password,
        )
        for i in range(count)
    )
    users = list(User.objects.filter(email__startswith="leder", email__endswith=f"@{domain}").order_by("email"))
    EmailAddress.objects.bulk_create(EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users)
    diets = ["", "", "", "", "", "", "glutenfri", "laktosefri", "vegetar", "halal"]
    Participant.objects.bulk_create(
        Participant(
            programme=programme,
            user=user,
            job_title="Enhetsleder" if level == "unit" else "Avdelingsleder",
            leader_level=level,
            unit=unit,
            sector=sector,
            dietary_needs=rng.choice(diets),
            facilitator=facilitator,
        )
        for user, (level, unit, sector, _manager) in zip(users, people, strict=True)
    )
    participants = list(Participant.objects.filter(programme=programme).order_by("user__email"))
    for participant, person in zip(participants, people, strict=True):
        if person[3] is not None:
            participant.manager = participants[person[3]]
    Participant.objects.bulk_update([p for p in participants if p.manager_id], ["manager"], batch_size=500)
    return participants
