"""Vefsn demo data for the leader's own space: baselines for everyone, profiles of both kinds,
feedback, plans with actions and check-ins, and some train-the-trainers entries. Idempotent.

Written through the services, so the plans carry real version histories; dates are then moved
back so that the timeline reads like a programme under way.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.demo import BERGEN, DEMO_PASSWORD, VEFSN, _user
from core.frameworks import CompetenceDimension, TenFactor
from core.models import User
from participants import services
from participants.demo_texts import ACTIONS, AREAS, REFLECTIONS, STRENGTHS, TOPICS
from participants.models import Baseline, Facilitator, Participant, PlanCheckIn, PlanVersion


def load_vefsn(programme):
    participants = list(programme.participants.select_related("user", "facilitator").order_by("pk"))
    if not participants or Baseline.objects.filter(participant__in=participants).exists():
        return
    with transaction.atomic():
        _load(programme, participants)


def _load(programme, participants):
    rng = random.Random(4)
    goals = list(programme.goals.all())
    values = list(programme.values.all())
    today = timezone.localdate()
    for index, participant in enumerate(participants):
        user = participant.user
        if index < 26:
            services.baseline_submit(
                participant=participant,
                submitted_by=user,
                phase=Baseline.Phase.BASELINE,
                leadership_education=rng.choice(["none", "courses", "courses", "further", "master"]),
                years_as_leader=rng.randint(0, 20),
                expectations=rng.choice(
                    ["Bli tryggere i rollen", "Verktøy for endringsledelse", "Et nettverk av ledere", ""]
                ),
                ratings={(g.pk, d): rng.randint(1, 5) for g in goals for d in CompetenceDimension.values},
            )
        if index >= 16 or participant.facilitator is None:
            continue
        services.profile_consent_give(participant=participant, given_by=user)
        if index % 3 == 2:
            services.profile_external_record(
                participant=participant,
                recorded_by=user,
                instrument=rng.choice(["jti", "mbti", "disc", "opq"]),
                type_label=rng.choice(["ENTJ", "ISFJ", "DI", "SC"]),
                scores=[("Ekstroversjon", rng.randint(20, 80)), ("Struktur", rng.randint(20, 80))],
                taken_on=today - timedelta(days=50),
                administered_by="Lederkonsult AS",
            )
        else:
            services.profile_ipip_record(
                participant=participant, recorded_by=user, answers=[rng.randint(1, 5) for _ in range(50)]
            )
        if index >= 12:
            continue
        services.feedback_record(
            participant=participant,
            facilitator=participant.facilitator,
            held_on=today - timedelta(days=40),
            strengths="\n".join(rng.sample(STRENGTHS, 2)),
            development_areas="\n".join(rng.sample(AREAS, 2)),
        )
        if index >= 10:
            continue
        services.plan_from_feedback(participant=participant, created_by=user)
        for goal in participant.plan.goals.filter(source="development_area"):
            services.plan_goal_update(
                goal=goal,
                updated_by=user,
                title=goal.title.replace("Utvikle: ", ""),
                success_criteria="Teamet merker forskjell, og jeg ser det i medarbeidersamtalene.",
                deadline=today + timedelta(days=rng.randint(60, 300)),
                programme_goal=rng.choice(goals) if goals else None,
                value=rng.choice(values) if values else None,
                ten_factors=rng.sample(TenFactor.values, 2),
                competence_dimension=rng.choice(CompetenceDimension.values),
                status="active",
            )
            for text in rng.sample(ACTIONS, 2):
                services.plan_action_add(
                    goal=goal,
                    added_by=user,
                    text=text,
                    due_date=today + timedelta(days=rng.randint(10, 120)),
                    status=rng.choice(["not_started", "in_progress", "done"]),
                )
        for n, progress in enumerate(sorted(rng.sample(range(10, 80, 5), rng.randint(1, 3)))):
            services.plan_checkin_record(
                participant=participant, recorded_by=user, progress=progress, reflection=REFLECTIONS[n % 4]
            )
        if index % 4 == 0:
            services.plan_comment_add(
                participant=participant, author=participant.facilitator, text="Fine mål! Husk å være konkret."
            )
        for n in range(rng.randint(0, 3)):
            services.cascade_session_log(
                participant=participant,
                logged_by=user,
                held_on=today - timedelta(days=7 * (n + 1)),
                topic=rng.choice(TOPICS),
                staff_count=rng.randint(4, 25),
            )
        _spread_over_time(participant.plan, today)


def _spread_over_time(plan, today):
    """Move the plan's check-ins and versions back over the weeks since the feedback."""
    checkins = list(PlanCheckIn.objects.filter(plan=plan).order_by("id"))
    for weeks, checkin in zip(range(len(checkins) * 4, 0, -4), checkins, strict=False):
        PlanCheckIn.objects.filter(pk=checkin.pk).update(
            created_at=timezone.now() - timedelta(weeks=weeks) + timedelta(days=1)
        )
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    start = timezone.now() - timedelta(days=35)
    for n, version in enumerate(versions):
        PlanVersion.objects.filter(pk=version.pk).update(created_at=start + timedelta(hours=n * 12))


# --- The demo's people (core/demo.py) ---------------------------------------------------------------

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


# Each sector's unit leaders report to its member of the strategic management; the strategic
# leaders report to the chief executive, who is not a participant (the top of the tree).
VEFSN_SECTOR_HEADS = {
    "Helse og omsorg": "Halvorsen",
    "Oppvekst": "Kristiansen",
    "Teknisk": "Mathisen",
    "Stab": "Nilsen",
}
VEFSN_DIETS = {"Solberg": "glutenfri", "Olsen": "vegetar", "Karlsen": "laktosefri", "Strand": "nøtteallergi",
               "Ås": "vegetar", "Holm": "laktosefri"}  # fmt: skip


def vefsn_managers_and_diets(programme):
    """Set each unit leader's manager and the diets the leaders gave, where not set already."""
    participants = list(programme.participants.select_related("user"))
    heads = {p.user.last_name: p for p in participants if p.leader_level == Participant.LeaderLevel.STRATEGIC}
    changed = []
    for participant in participants:
        if participant.leader_level == Participant.LeaderLevel.UNIT and participant.manager_id is None:
            head = heads.get(VEFSN_SECTOR_HEADS.get(participant.sector))
            if head is not None:
                participant.manager = head
                changed.append(participant)
        diet = VEFSN_DIETS.get(participant.user.last_name)
        if diet and not participant.dietary_needs:
            participant.dietary_needs = diet
            changed.append(participant)
    Participant.objects.bulk_update(set(changed), ["manager", "dietary_needs"])


@VEFSN.register(order=30)
def vefsn_people(demo):
    """The facilitators and the participants of Vefsn and of Bindal."""
    programme, bindal_programme = demo.programme, demo.bindal_programme
    facilitator_1, facilitator_2 = demo.facilitators
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
    vefsn_managers_and_diets(programme)

    # The outside consultant serves both municipalities.
    Facilitator.objects.get_or_create(programme=bindal_programme, user=facilitator_1)
    for first, last, unit in [("Sigrid", "Bindal", "Oppvekst"), ("Tor", "Terråk", "Helse"), ("Åse", "Holm", "Teknisk")]:
        user = _user(f"{first.lower().replace('å', 'a')}.{last.lower()}@bindal.example.no", first, last)
        Participant.objects.get_or_create(
            programme=bindal_programme,
            user=user,
            defaults={"leader_level": Participant.LeaderLevel.UNIT, "unit": unit, "sector": unit},
        )

    demo.first_participant = first_participant


@VEFSN.register(order=40)
def vefsn_leader_space(demo):
    load_vefsn(demo.programme)


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


BERGEN_FACILITATORS = [
    ("kari@lederkonsult.example.no", "Kari", "Veileder"),
    ("jonas@lederkonsult.example.no", "Jonas", "Fjeldstad"),
    ("siri@lederkonsult.example.no", "Siri", "Hauge"),
    ("tor@lederkonsult.example.no", "Tor", "Midtbø"),
]


@BERGEN.register(order=30)
def bergen_people(demo):
    """Bergen's four facilitators from the supplier and its 336 leaders, in a handful of bulk inserts;
    each unit's leaders share one facilitator (Kari has a quarter of the units)."""
    from django.contrib.auth.hashers import make_password

    programme = demo.programme
    users = [_user(email, first, last) for email, first, last in BERGEN_FACILITATORS]
    for user in users:
        Facilitator.objects.get_or_create(programme=programme, user=user)

    rng = demo.rng
    leaders = bulk_leaders(
        programme=programme,
        count=BERGEN_UNITS + BERGEN_DEPARTMENT_LEADERS,
        units=BERGEN_UNITS,
        domain="bergen.example.no",
        rng=rng,
        password=make_password(DEMO_PASSWORD),
    )
    units = sorted({leader.unit for leader in leaders})
    for leader in leaders:
        leader.facilitator = users[units.index(leader.unit) % len(users)]
    Participant.objects.bulk_update(leaders, ["facilitator"], batch_size=500)


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
