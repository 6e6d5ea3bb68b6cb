"""Vefsn demo data for the leader's own space: baselines for everyone, profiles of both kinds,
feedback, plans with actions and check-ins, and some train-the-trainers entries. Idempotent.

Written through the services, so the plans carry real version histories; dates are then moved
back so that the timeline reads like a programme under way.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.frameworks import CompetenceDimension, TenFactor
from participants import services
from participants.models import Baseline, PlanCheckIn, PlanVersion

STRENGTHS = [
    "Skaper trygghet i teamet",
    "Strukturert og forutsigbar",
    "Lytter godt og ser den enkelte",
    "Tydelig i kommunikasjonen",
    "Nysgjerrig på nye løsninger",
    "Står i krevende beslutninger",
]
AREAS = [
    "Delegere mer og slippe kontrollen",
    "Ta den vanskelige samtalen tidligere",
    "Sette av tid til utvikling, ikke bare drift",
    "Gi tydeligere tilbakemeldinger",
    "Involvere ansatte i endringsarbeid",
    "Ta vare på egen energi i travle perioder",
]
ACTIONS = [
    "Lage en delegeringsliste og gå gjennom den med teamet",
    "Sette av en fast time i uka til utviklingsarbeid",
    "Ta opp saken på neste personalmøte",
    "Avtale medarbeidersamtaler med alle i teamet",
    "Be om tilbakemelding fra nærmeste leder",
    "Prøve ut walk & talk i oppfølgingssamtaler",
]
REFLECTIONS = [
    "Kom godt i gang. Teamet tok godt imot at jeg delegerte mer.",
    "Travel periode med sykefravær, lite tid til planen. Må prioritere bedre.",
    "Den vanskelige samtalen gikk bedre enn fryktet. Kollegaveiledningen hjalp.",
    "Ser at jeg faller tilbake til gamle vaner under press. Jobber med det.",
]
TOPICS = ["Medarbeiderskap", "Endringsledelse", "Stressmestring", "Verdibasert ledelse", "Lederutfordringer"]


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
