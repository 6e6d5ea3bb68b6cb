"""The network demo (issue 19, item 6): seed 003's "Saman om ein betre kommune" as a small network.

Three member municipalities (Vefsn, Bindal and Grane) send six leaders each, one of them their
project leader. KS's organiser owns the programme; its third network gathering is two days with the
seed's own timed agenda (from "1000 Velkommen" to "1300 LUNSJ og vel hjem"), a cross-municipal panel
(one per municipality, never the project leader) and a round of walk & talk pairs across the
borders. Vefsn has held a local theme day since gathering 2; Bindal has planned one.
"""

import datetime
import random

from django.utils import timezone

from core.demo import VEFSN, _user, working_day
from core.models import Municipality, MunicipalityRole, Network, NetworkMember, NetworkRole
from evaluation.demo import _approve_texts, _ensure_run, _gathering_feedback
from networks import services
from networks.models import Composition
from participants.models import Facilitator, Participant
from programmes.models import Programme, ProgrammeGoal
from sessions.models import AgendaItem, Gathering, Run, RunAssignment

NAME = "Saman om ein betre kommune"
MAIN_GOAL = "Kommunane lærer av kvarandre: strategisk kompetanseplanlegging som blir til varige resultat i drifta."
GOALS = (
    "Ein strategisk kompetanseplan i kvar kommune",
    "Erfaringsdeling på tvers av kommunane",
    "Frå prosjekt til drift",
)

# (day, time, title, learning form, responsible): seed 003's programme for the third gathering.
AGENDA = (
    (1, "10:00", "Velkommen: status, mål og opplegg, tverrkommunalt panel, presentasjonsrunde", "discussion", ""),
    (1, "11:30", "Vår strategiske kompetanseplan", "theory", "Rådmann i Lunner"),
    (1, "12:15", "Innspill fra tverrkommunalt panel", "discussion", "Panelet"),
    (1, "13:00", "LUNSJ", "break", ""),
    (1, "14:00", "Hva vet vi nå om hvordan møte kompetanseutfordringene?", "theory", "Forsker, FAFO"),
    (1, "15:00", "Walk & talk: Det viktigste vi tar med oss", "reflection", ""),
    (1, "16:00", "Kommunediskusjoner: Hvordan utnytte positive resultater på veien videre?", "discussion", ""),
    (1, "17:30", "Slutt for dagen", "break", ""),
    (1, "19:00", "Møtes før middag til quiz & aperitiff", "break", ""),
    (1, "19:45", "Middag", "break", ""),
    (2, "08:30", "God morgen: omdømmebygging", "discussion", ""),
    (2, "09:00", "Samspill og læring – noen gode vaner å trene på", "skills", "Coach og HR-direktør"),
    (2, "10:30", "Pause med utsjekking", "break", ""),
    (2, "10:50", "Case Finnøy/Rennesøy: effekter så langt og hvordan bruke dem videre", "experience", "Prosjektleder"),
    (2, "11:10", "Fra prosjekt til drift: det første vi gjør når vi kommer hjem", "discussion", ""),
    (2, "12:20", "Oppsummering og veien videre", "reflection", "Ressursgruppen"),
    (2, "13:00", "LUNSJ og vel hjem", "break", ""),
)

# Six leaders per municipality: (first, last, job title, sector); the first is the project leader.
PEOPLE = {
    "vefsn": (
        ("Tone", "Prosjektsen", "Prosjektleiar kompetanse", "Stab"),
        ("Eirik", "Nordmo", "Rektor", "Oppvekst"),
        ("Siri", "Halsan", "Avdelingsleder sykehjem", "Helse og omsorg"),
        ("Jon", "Kvalnes", "Enhetsleder teknisk drift", "Teknisk"),
        ("Marte", "Bjerkli", "Styrer barnehage", "Oppvekst"),
        ("Pål", "Mosvik", "Leder NAV", "Velferd"),
    ),
    "bindal": (
        ("Randi", "Terråk", "Prosjektleder", "Stab"),
        ("Arild", "Horsfjord", "Rektor", "Oppvekst"),
        ("Gunn", "Kjella", "Leder hjemmetjenesten", "Helse og omsorg"),
        ("Odd", "Åbygda", "Leder drift og vedlikehold", "Teknisk"),
        ("Liv", "Vassås", "Styrer barnehage", "Oppvekst"),
        ("Kåre", "Sørfjord", "Økonomisjef", "Stab"),
    ),
    "grane": (
        ("Hilde", "Trofors", "Prosjektleder", "Stab"),
        ("Tor", "Svenningdal", "Rektor", "Oppvekst"),
        ("Anne", "Majavatn", "Avdelingsleder omsorg", "Helse og omsorg"),
        ("Nils", "Fallmo", "Leder teknisk", "Teknisk"),
        ("Berit", "Leiren", "Leder kultur", "Kultur"),
        ("Geir", "Ørjeskjeret", "Personalsjef", "Stab"),
    ),
}


def _ascii(text):
    return text.lower().replace("ø", "o").replace("å", "a").replace("æ", "ae")


def seed_agenda(gathering):
    """Seed 003's timed agenda on a two-day gathering (the demo's, and the network bench's)."""
    AgendaItem.objects.bulk_create(
        AgendaItem(
            gathering=gathering,
            day=day,
            start_time=datetime.time.fromisoformat(time),
            title=title,
            learning_form=form,
            responsible=responsible,
        )
        for day, time, title, form, responsible in AGENDA
    )


LOGINS = (
    ("Nettverksarrangør, KS", "arrangor@ks.example.no"),
    ("HR-rådgiver, Grane", "hr@grane.example.no"),
    ("Deltaker i nettverket, Bindal", "randi.terrak@bindal.example.no"),
)


# Before the Vefsn programme's builder, which stops the chain when the demo is there already: this
# one is idempotent by itself, so the logins are printed every time.
@VEFSN.register(order=5)
def network_programme(demo):
    """KS's network with Vefsn, Bindal and Grane, and its programme at its third gathering."""
    demo.network_logins = list(LOGINS)
    grane, _ = Municipality.objects.get_or_create(slug="grane", defaults={"name": "Grane kommune"})
    network, created = Network.objects.get_or_create(slug="ks-saman", defaults={"name": "KS – " + NAME})
    if not created:
        return
    municipalities = {"vefsn": demo.vefsn, "bindal": demo.bindal, "grane": grane}
    for municipality in municipalities.values():
        NetworkMember.objects.create(network=network, municipality=municipality)
    organiser = _user("arrangor@ks.example.no", "Mette", "Arrangør")
    NetworkRole.objects.create(user=organiser, network=network)
    grane_hr = _user("hr@grane.example.no", "Gro", "Personalrådgiver")
    MunicipalityRole.objects.get_or_create(user=grane_hr, municipality=grane, role=MunicipalityRole.Role.HR)

    today = timezone.localdate()
    programme = Programme.objects.create(
        network=network,
        municipality=None,
        name=NAME,
        main_goal=MAIN_GOAL,
        target_group="Rådmenn, kommunalsjefar, HR-leiarar og prosjektleiarar i medlemskommunane",
        start_date=today - datetime.timedelta(days=150),
        end_date=today + datetime.timedelta(days=200),
        status=Programme.Status.ACTIVE,
    )
    ProgrammeGoal.objects.bulk_create(
        ProgrammeGoal(programme=programme, text=text, position=n) for n, text in enumerate(GOALS, start=1)
    )
    dates = {
        1: working_day(today - datetime.timedelta(days=120), days=2),
        2: working_day(today - datetime.timedelta(days=50), days=2),
        3: working_day(today + datetime.timedelta(days=18), days=2),
        4: working_day(today + datetime.timedelta(days=110), days=2),
    }
    gatherings = {
        n: Gathering.objects.create(
            programme=programme,
            number=n,
            title=f"Nettverkssamling {n}",
            start_date=date,
            days=2,
            venue="Mosjøen hotell",
        )
        for n, date in dates.items()
    }
    seed_agenda(gatherings[3])
    run = Run.objects.create(
        gathering=gatherings[3],
        number=1,
        date=dates[3],
        start_time=datetime.time(10),
        end_time=datetime.time(17, 30),
        venue="Mosjøen hotell",
        capacity=150,
    )
    facilitator = demo.facilitators[0]
    Facilitator.objects.get_or_create(
        programme=programme, user=facilitator, defaults={"organisation": "KS ressursgruppe"}
    )
    people = []
    for slug, rows in PEOPLE.items():
        for index, (first, last, title, sector) in enumerate(rows):
            user = _user(f"{_ascii(first)}.{_ascii(last)}@{slug}.example.no", first, last)
            people.append(
                Participant(
                    programme=programme,
                    user=user,
                    home_municipality=municipalities[slug],
                    job_title=title,
                    sector=sector,
                    is_project_leader=index == 0,
                    facilitator=facilitator,
                )
            )
    people = Participant.objects.bulk_create(people)
    RunAssignment.objects.bulk_create(
        RunAssignment(run=run, gathering=gatherings[3], participant=participant) for participant in people
    )
    # The two gatherings held so far: everyone was there (the organiser marked them), most answered the
    # feedback, so the figures page shows the network's results and each municipality's.
    rng = random.Random(NAME)
    for number in (1, 2):
        _gathering_feedback(_ensure_run(gatherings[number], organiser), rng, number)
    _approve_texts(programme)
    services.composition_create(
        programme=programme,
        kind=Composition.Kind.PANEL,
        title="Tverrkommunalt panel",
        gathering=gatherings[3],
        created_by=organiser,
    )
    services.composition_create(
        programme=programme,
        kind=Composition.Kind.PAIRS,
        title="Walk & talk: Det viktigste vi tar med oss",
        gathering=gatherings[3],
        created_by=organiser,
    )
    held = services.theme_day_plan(
        programme=programme,
        municipality=demo.vefsn,
        created_by=demo.hr,
        after_gathering=gatherings[2],
        title="Temadag: kompetanseplanen i Vefsn",
        date=working_day(dates[2] + datetime.timedelta(days=21)),
        place="Vefsn rådhus",
    )
    services.theme_day_mark_held(day=held, by=demo.hr)
    services.theme_day_plan(
        programme=programme,
        municipality=demo.bindal,
        created_by=demo.bindal_hr,
        after_gathering=gatherings[2],
        title="Temadag: fra prosjekt til drift",
        date=working_day(today + datetime.timedelta(days=5)),
        place="Bindal kommunehus",
    )
    assert people[6].user.email == LOGINS[2][1]
