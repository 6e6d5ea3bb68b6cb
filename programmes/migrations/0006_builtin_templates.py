"""The three built-in programme templates, written from the seeds.

- `vefsn-fire-moduler` (seed 000): Vefsn's four modules, each with the seed's goals and central topics.
- `bergen-aktivt-medarbeiderskap` (seed 004): one full day on aktivt medarbeiderskap and 10-faktor,
  repeated for ~100 leaders at a time: one core gathering with four runs, three in the autumn and one
  in the spring (the seed: "Kursene skal holdes høst 2018 og vår 2019", "repeteres tre – fire ganger").
- `nettverkssamlinger` (seed 003): three two-day network gatherings (mål & retning, dypdykk i tiltak,
  resultater – fra prosjekt til drift) with the seed's timed agenda.

The text is the seeds' (Norwegian, as users see it); it is data, not interface, so it is not in the
translation catalogue. Built-ins belong to no municipality and are found by their key.
"""

from django.db import migrations


def _item(time, title, form="theory", day=1, responsible="", case_round=False):
    return {
        "day": day,
        "start_time": time,
        "title": title,
        "learning_form": form,
        "responsible": responsible,
        "is_case_round": case_round,
    }


CASE_ROUND = "Lederutfordringer siden sist"


def _vefsn_day(theme, *, case_round, days):
    items = [_item("09:00", "Velkommen og målene for samlingen", "discussion")]
    if case_round:
        items.append(_item("09:30", CASE_ROUND, "experience", case_round=True))
    items += [
        _item("10:30", theme, "theory"),
        _item("11:30", "Lunsj", "break"),
        _item("12:15", "Refleksjon i grupper", "reflection"),
        _item("14:00", "Ferdighetstrening", "skills"),
        _item("15:00", "Oppsummering: det første jeg gjør når jeg kommer hjem", "reflection"),
    ]
    if days == 2:
        items += [
            _item("09:00", "Erfaringer fra egen hverdag", "experience", day=2),
            _item("11:30", "Lunsj", "break", day=2),
            _item("12:15", "Veien videre til neste samling", "discussion", day=2),
        ]
    return items


VEFSN = {
    "key": "vefsn-fire-moduler",
    "name": "Vefsn: fire moduler (lederutviklingsprogram)",
    "description": (
        "Fire samlinger på 1–2 dager det første året, med kollegaveiledning i faste grupper mellom "
        "samlingene og en grundig evaluering etter de fire samlingene. Kommunen vurderer deretter en "
        "opsjon på 2–4 samlinger til. Skrevet etter Vefsn kommunes oppdragsbeskrivelse."
    ),
    "main_goal": (
        "Å utvikle en felles plattform for utøvelse av ledelse: overfor ansatte, i samspill med kommunens "
        "brukere, med ansvar og fokus på helhetstenking, med hensyn på det åpne offentlige bildet, for "
        "oppnåelse av kommunens fremtidige mål og for selve utviklingsarbeidet i kommunen."
    ),
    "target_group": "Alle ledere i kommunen: strategisk ledelse og driftsenhetsledere.",
    "goals": [
        "En ledergruppe med felles identitet og helhetlig ansvarsfølelse",
        "En felles plattform for kommunens utvikling fremover",
        "Ledere som forstår seg selv og tar sin personlige utvikling på alvor",
        "Kompetanse i endringsledelse og ledelse av digital omstilling",
    ],
    "values": ["Humør", "Ansvar", "Nysgjerrighet", "Engasjement"],
    "length_days": 730,
    "evaluation": {
        "needs": [
            "Endringsledelse",
            "Ledelse av digital omstilling",
            "Personalledelse",
            "Kommunikasjon og historiefortelling",
            "Stressmestring",
            "Verdibasert ledelse",
        ],
        "ten_factor": False,
    },
    "gatherings": [
        {
            "title": "Meg som leder i Vefsn kommune",
            "kind": "core",
            "days": 2,
            "venue": "",
            "offset_days": 0,
            "goals": [
                "Få en felles forståelse av hva det betyr å være leder i kommunen og en felles "
                "basisforståelse for faget ledelse",
                "Utarbeide og forankre individuelle og felles mål for lederutviklingsprogrammet",
                "Skape et godt grunnlag for å bruke personlighetsprofil som verktøy for lederens utviklingsplan",
            ],
            "topics": [
                "Bli kjent",
                "Mål for programmet – forankring, kartlegging og planlegging",
                "Forventninger og forpliktelser",
                "Visjoner, verdier og kultur",
                "Faglig fundament for programmet og faget ledelse",
                "Kommunal ledelse – rammer, forutsetninger og muligheter",
                "Teorigrunnlag for personlighetsprofil",
            ],
            "runs": [],
        },
        {
            "title": "Selvbevissthet og teambygging",
            "kind": "core",
            "days": 1,
            "venue": "",
            "offset_days": 70,
            "goals": [
                "Utvikle bevissthet hos hver leder om egne preferanser, egenskaper og atferdsmønster",
                "Skape forståelse for hva som kjennetegner effektive team",
                "Innsikt i egen personlighetsprofil og hvordan den kan brukes til å utvikle eget lederskap",
                "Komme i gang med kollegaveiledning gjennom «lederutfordringer siden sist»",
            ],
            "topics": [
                "Personlig profil og egne utviklingsmål",
                "Hvordan utnytte styrker og svakheter i team",
                "Kommunikasjonsferdigheter og bevisstgjøring av egen lederadferd",
                "Styring vs ledelse",
                CASE_ROUND,
            ],
            "runs": [],
        },
        {
            "title": "Endringsledelse og stressmestring",
            "kind": "core",
            "days": 2,
            "venue": "",
            "offset_days": 150,
            "goals": [
                "Forstå hvorfor virksomheter må endre tjenester, prosesser og kompetanse, og hva som driver utviklingen",
                "Få innblikk i hva som kreves for å lykkes med endringsprosesser i kommunal sektor",
                "Forstå hva endringsledelse er og hvordan lederen kan bruke det aktivt",
                "Håndtere motstand og mestre stress for den enkelte og i organisasjonen",
            ],
            "topics": [
                "Digitalisering og økonomiske krav",
                "Omstillingsbehov, -evne og endringsledelse",
                "Kommunikasjon",
                "Historiefortelling",
                "Stress, organisatoriske og psykososiale faktorer",
                CASE_ROUND,
            ],
            "runs": [],
        },
        {
            "title": "Kultur for samspill og utvikling",
            "kind": "core",
            "days": 1,
            "venue": "",
            "offset_days": 240,
            "goals": [
                "Forstå hva som kjennetegner et godt læringsmiljø",
                "Innblikk i andre virksomheters erfaringer med verdibasert ledelse",
                "Arbeide i spennet mellom drift og utvikling, med kontinuerlig forbedring",
                "Innblikk i hvordan lederens atferd påvirker organisasjonens kultur",
            ],
            "topics": [
                "Ledelse av drift vs utvikling",
                "Utvikling av organisasjonskultur",
                "Samspill og samarbeid for felles mål",
                "Verdibasert ledelse",
                CASE_ROUND,
                "Veien videre",
            ],
            "runs": [],
        },
    ],
}
for _row, _theme in zip(VEFSN["gatherings"], ["Personlighetsprofil: teori", "Team", "Endringsledelse", "Kultur"]):
    _row["agenda"] = _vefsn_day(_theme, case_round=_row["offset_days"] > 0, days=_row["days"])

BERGEN = {
    "key": "bergen-aktivt-medarbeiderskap",
    "name": "Bergen: aktivt medarbeiderskap og 10-faktor (repetert fagdag)",
    "description": (
        "Én hel fagdag for rundt 100 ledere om gangen, repetert fire ganger: tre i høstsemesteret og én "
        "om våren, i kommunens egne lokaler med mat. Lederne skal presentere aktivt medarbeiderskap videre "
        "for sine egne medarbeidere (Train the Trainers). Skrevet etter Bergen kommunes konkurransegrunnlag "
        "(Byrådsavdeling for helse og omsorg)."
    ),
    "main_goal": (
        "Lederne skal kunne arbeide med aktivt medarbeiderskap og 10-faktor som grunnlag for medarbeider-, "
        "organisasjons- og lederutvikling, og presentere det videre for medarbeiderne under seg."
    ),
    "target_group": "Enhetsledere og avdelingsledere (Bergen BHO: 58 enhetsledere og 278 avdelingsledere).",
    "goals": [
        "Kunnskap om hva som ligger i aktivt medarbeiderskap og hva medarbeideren selv kan gjøre for en god "
        "arbeidssituasjon",
        "Konkrete verktøy for å arbeide med aktivt medarbeiderskap og presentere det videre (Train the Trainers)",
    ],
    "values": [],
    "length_days": 300,
    "evaluation": {
        "needs": [
            "Aktivt medarbeiderskap i utviklingsarbeid",
            "Mestringsorientert ledelse",
            "Kulturendring",
            "Tillits- og faglighetsreformen",
        ],
        "ten_factor": True,
    },
    "gatherings": [
        {
            "title": "Aktivt medarbeiderskap og 10-faktor",
            "kind": "core",
            "days": 1,
            "venue": "",
            "offset_days": 0,
            "goals": [
                "Forstå hva aktivt medarbeiderskap innebærer og hvordan det skaper forutsetninger for kulturendring",
                "Kunne presentere aktivt medarbeiderskap for egne medarbeidere",
            ],
            "topics": [
                "Aktivt medarbeiderskap",
                "10-faktor medarbeiderundersøkelse",
                "Mestringsorientert ledelse",
                "Tillits- og faglighetsreformen",
                "Train the Trainers: slik tar du det med hjem",
            ],
            "agenda": [
                _item("09:00", "Velkommen", "discussion"),
                _item("09:15", "Aktivt medarbeiderskap: hva er det?", "theory"),
                _item("10:30", "10-faktor: fra resultater til tiltak", "theory"),
                _item("11:30", "Lunsj", "break"),
                _item("12:15", "Verktøy for aktivt medarbeiderskap", "skills"),
                _item("13:45", "Slik presenterer du det for dine medarbeidere", "skills"),
                _item("15:00", "Det første jeg gjør når jeg kommer hjem", "reflection"),
            ],
            # Three runs in the autumn two weeks apart, the fourth in the spring.
            "runs": [
                {"offset_days": 0, "start_time": "09:00", "end_time": "15:30", "venue": "", "capacity": 100},
                {"offset_days": 14, "start_time": "09:00", "end_time": "15:30", "venue": "", "capacity": 100},
                {"offset_days": 28, "start_time": "09:00", "end_time": "15:30", "venue": "", "capacity": 100},
                {"offset_days": 180, "start_time": "09:00", "end_time": "15:30", "venue": "", "capacity": 100},
            ],
        }
    ],
}


def _network_agenda(day1_theme, day2_theme):
    """The two days of seed 003, with each gathering's own themes in the researcher's and coach's slots."""
    return [
        _item("10:00", "Velkommen: status, mål og opplegg for samlingen", "discussion"),
        _item("10:30", "Etablere tverrkommunalt panel", "discussion"),
        _item("11:30", day1_theme, "theory"),
        _item("12:15", "Innspill fra tverrkommunalt panel", "discussion"),
        _item("13:00", "Lunsj", "break"),
        _item("14:00", "Forsker: hva vet vi nå?", "theory"),
        _item("15:00", "Walk & talk: finn samtalepartnere fra en annen kommune", "reflection"),
        _item("16:00", "Kommunediskusjoner", "discussion"),
        _item("17:30", "Slutt for dagen", "break"),
        _item("19:45", "Middag", "break"),
        _item("08:30", "God morgen", "discussion", day=2),
        _item("09:00", day2_theme, "skills", day=2),
        _item("10:30", "Pause med utsjekking", "break", day=2),
        _item("10:50", "Case fra en deltakerkommune", "experience", day=2),
        _item("11:10", "Det første vi gjør når vi kommer hjem", "reflection", day=2),
        _item("12:20", "Oppsummering og veien videre", "discussion", day=2),
        _item("13:00", "Lunsj og vel hjem", "break", day=2),
    ]


NETWORK = {
    "key": "nettverkssamlinger",
    "name": "Nettverkssamlinger: tre todagerssamlinger med tverrkommunalt panel",
    "description": (
        "Tre nettverkssamlinger over to dager for deltakere fra flere kommuner, med tverrkommunalt panel, "
        "walk & talk og temadager i kommunene mellom samlingene. Skrevet etter programmet for "
        "«Saman om ein betre kommune» (KS), 3. nettverkssamling."
    ),
    "main_goal": (
        "Bidra til forankring, framdrift og måloppnåelse for prosjektene, og være en næringsstasjon for "
        "inspirasjon og erfaringsdeling mellom kommunene."
    ),
    "target_group": "Prosjektledere, ledere og tillitsvalgte fra de deltakende kommunene.",
    "goals": [
        "Styrke kommunenes evne til strategisk kompetanseplanlegging",
        "Forsterke partssamarbeid som arbeidsform",
        "Gevinstrealisering: identifisere varige resultater",
    ],
    "values": [],
    "length_days": 540,
    "evaluation": {
        "needs": ["Strategisk kompetanseplanlegging", "Partssamarbeid", "Kommunikasjon og omdømme", "Fra prosjekt til drift"],
        "ten_factor": False,
    },
    "gatherings": [
        {
            "title": "Mål og retning",
            "kind": "core",
            "days": 2,
            "venue": "",
            "offset_days": 0,
            "goals": ["Programplattform, prosjektmål og innhold", "Roller og partssamarbeid – forankring"],
            "topics": ["Fremtidsperspektiv: løfte blikket", "Prosjektplan, milepæler og første steg"],
            "agenda": _network_agenda("Vår strategiske plan", "Roller og partssamarbeid"),
            "runs": [],
        },
        {
            "title": "Dypdykk i tiltak og prosjekter",
            "kind": "core",
            "days": 2,
            "venue": "",
            "offset_days": 180,
            "goals": ["Løse gamle problemer på nye måter – innovasjon", "Kritiske faktorer for å lykkes"],
            "topics": ["Tiltak og strategier", "Framdrift og neste steg"],
            "agenda": _network_agenda("Innovasjon i egen kommune", "Kritiske faktorer og suksessfaktorer"),
            "runs": [],
        },
        {
            "title": "Resultater – fra prosjekt til drift",
            "kind": "core",
            "days": 2,
            "venue": "",
            "offset_days": 480,
            "goals": [
                "Gevinstrealisering – identifisere varige resultater",
                "Fra prosjekt til drift – definere veien videre",
                "Fokus på kommunikasjon og erfaringsspredning",
            ],
            "topics": ["Informasjon og helhetlig kommunikasjon", "Omdømmebygging", "Forankre resultater – veien videre"],
            "agenda": _network_agenda("Vår strategiske kompetanseplan", "Samspill og læring – gode vaner å trene på"),
            "runs": [],
        },
    ],
}

BUILTINS = [VEFSN, BERGEN, NETWORK]


def add_builtins(apps, schema_editor):
    ProgrammeTemplate = apps.get_model("programmes", "ProgrammeTemplate")
    for data in BUILTINS:
        ProgrammeTemplate.objects.update_or_create(key=data["key"], defaults={k: v for k, v in data.items() if k != "key"})


def remove_builtins(apps, schema_editor):
    apps.get_model("programmes", "ProgrammeTemplate").objects.filter(key__in=[d["key"] for d in BUILTINS]).delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_programme_templates")]

    operations = [migrations.RunPython(add_builtins, remove_builtins)]
