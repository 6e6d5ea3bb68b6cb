"""The demo's earlier, completed Vefsn cohort ("Lederutviklingsprogram Vefsn 2024–2026" when loaded
in 2026): its gatherings held with attendance and feedback, the leaders' own work, its programme
evaluation closed with answers given through the services, a built report and the chief executive's
recorded decision on the extension.
"""

import datetime
import random

from django.utils import timezone

from evaluation.demo_answers import FREE, NEEDS, _approve_texts, _gathering_feedback

# --- The earlier cohort: evaluated, reported on and decided -----------------------------------------

EARLIER_TARGET_GROUP = "Avdelingsledere i Vefsn kommune, første kull (24 personer)."
EARLIER_FIRST_NAMES = ["Anita", "Bente", "Cecilie", "Dag", "Eirik", "Frode", "Gunn", "Heidi", "Inger", "Janne",
                       "Kjersti", "Linda", "Mona", "Nils", "Ola", "Petter", "Rita", "Stig", "Trine", "Unni",
                       "Vidar", "Wenche", "Yngve", "Åshild"]  # fmt: skip
EARLIER_LAST_NAMES = ["Brattli", "Drevvatne", "Forsmo", "Granmo", "Hattfjelldal", "Kvalnes", "Luktvasslimo",
                      "Mjåvatn", "Nordfjellmark", "Olderskog", "Remmen", "Skjerva"]  # fmt: skip
EARLIER_UNITS = [
    ("Avdelingsleder", "Sykehjemmet, avdeling 1", "Helse og omsorg"),
    ("Avdelingsleder", "Sykehjemmet, avdeling 2", "Helse og omsorg"),
    ("Avdelingsleder", "Hjemmetjenesten, sone nord", "Helse og omsorg"),
    ("Avdelingsleder", "Hjemmetjenesten, sone sør", "Helse og omsorg"),
    ("Avdelingsleder", "Bo- og aktivitetstilbud", "Helse og omsorg"),
    ("Avdelingsleder", "Psykisk helse og rus", "Helse og omsorg"),
    ("Inspektør", "Kippermoen skole", "Oppvekst"),
    ("Inspektør", "Vefsn barne- og ungdomsskole", "Oppvekst"),
    ("Inspektør", "Olderskog skole", "Oppvekst"),
    ("Pedagogisk leder", "Kulstad barnehage", "Oppvekst"),
    ("Pedagogisk leder", "Vefsnmo barnehage", "Oppvekst"),
    ("Avdelingsleder", "Kulturskolen", "Oppvekst"),
    ("Avdelingsleder", "Kommunalteknikk, vann og avløp", "Teknisk"),
    ("Avdelingsleder", "Kommunalteknikk, veg", "Teknisk"),
    ("Avdelingsleder", "Eiendom, drift", "Teknisk"),
    ("Avdelingsleder", "Eiendom, renhold", "Teknisk"),
    ("Avdelingsleder", "Plan og utvikling", "Teknisk"),
    ("Vaktleder", "Brann og redning", "Teknisk"),
    ("Avdelingsleder", "Lønn", "Stab"),
    ("Avdelingsleder", "Regnskap", "Stab"),
    ("Avdelingsleder", "Servicetorget", "Stab"),
    ("Avdelingsleder", "IKT", "Stab"),
    ("Avdelingsleder", "Arkiv", "Stab"),
    ("Avdelingsleder", "Personal", "Stab"),
]
# Days after the cohort's start: its four gatherings, then the extension's two in its second year.
EARLIER_GATHERING_DAYS = [30, 100, 170, 240, 420, 500]
EARLIER_DECISION = (
    "Evalueringen viser god måloppnåelse, og et klart flertall av deltakerne ønsker å fortsette. "
    "Opsjonen med to samlinger kjøres, med digital omstilling og økonomistyring som tema."
)


REFLECTIONS = [
    "Jeg delegerer mer nå, og teamet tar ansvar.",
    "Tydeligere tilbakemeldinger har gjort ukemøtene bedre.",
    "Fortsatt krevende å slippe kontrollen, men det går framover.",
    "Medarbeidersamtalene er mer ærlige enn før.",
    "Har fått til faste avklaringsmøter med tillitsvalgt.",
]


def _at(date, hour=12):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


def _earlier_leader_work(programme, rng):
    """A completed cohort did its own work: baseline, profile, feedback conversation and plan for all,
    so neither the dashboard nor HR's checklist shows a finished programme as behind."""
    from core.frameworks import CompetenceDimension
    from participants import services
    from participants.models import Baseline

    goals = list(programme.goals.all())
    for participant in programme.participants.select_related("user", "facilitator").order_by("pk"):
        user = participant.user
        services.baseline_submit(
            participant=participant,
            submitted_by=user,
            phase=Baseline.Phase.BASELINE,
            leadership_education=rng.choice(["none", "courses", "further"]),
            years_as_leader=rng.randint(1, 15),
            expectations="Bli tryggere i rollen",
            ratings={(g.pk, d): rng.randint(2, 4) for g in goals for d in CompetenceDimension.values},
        )
        services.profile_consent_give(participant=participant, given_by=user)
        services.profile_ipip_record(
            participant=participant, recorded_by=user, answers=[rng.randint(1, 5) for _ in range(50)]
        )
        services.feedback_record(
            participant=participant,
            facilitator=participant.facilitator,
            held_on=programme.start_date + datetime.timedelta(days=120),
            strengths="Skaper trygghet i teamet\nLytter godt og ser den enkelte",
            development_areas="Delegere mer og slippe kontrollen\nGi tydeligere tilbakemeldinger",
        )
        # The leader saves the goals the feedback proposed, reaches some of them, and checks in.
        for index, goal in enumerate(services.plan_from_feedback(participant=participant, created_by=user)):
            status = "achieved" if (index + rng.randint(0, 2)) % 3 else "active"
            services.plan_goal_update(goal=goal, updated_by=user, title=goal.title, status=status)
        progress = rng.choice([55, 65, 70, 75, 80, 85, 90, 100])
        reflection = rng.choice(REFLECTIONS)
        services.plan_checkin_record(
            participant=participant, recorded_by=user, progress=progress, reflection=reflection
        )


def load_earlier_cohort(demo):
    """Vefsn's first cohort, completed: idempotent (a completed Vefsn programme is left alone)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from core.demo import DEMO_PASSWORD, working_day
    from core.models import User
    from evaluation import decision, services
    from evaluation.models import Question, Report, Survey
    from participants.models import Facilitator, Participant
    from programmes import services as programme_services
    from programmes.demo import VEFSN_PROGRAMME
    from programmes.models import Programme
    from sessions.demo import VEFSN_EXTENSION, VEFSN_GATHERINGS, vefsn_agendas, vefsn_run
    from sessions.models import Gathering

    if Programme.objects.filter(municipality=demo.vefsn, status=Programme.Status.COMPLETED).exists():
        return
    hr, rng = demo.hr, random.Random(2024)
    current_start = demo.programme.start_date
    start = current_start - datetime.timedelta(days=730)
    end = current_start - datetime.timedelta(days=1)
    programme = programme_services.programme_create(
        created_by=hr,
        municipality=demo.vefsn,
        name=f"Lederutviklingsprogram Vefsn {start.year}–{end.year}",
        main_goal=VEFSN_PROGRAMME["main_goal"],
        goals=VEFSN_PROGRAMME["goals"],
        values=VEFSN_PROGRAMME["values"],
        target_group=EARLIER_TARGET_GROUP,
        start_date=start,
        end_date=end,
        status=Programme.Status.ACTIVE,
    )
    for data in VEFSN_EXTENSION:
        Gathering.objects.create(
            programme=programme,
            number=programme.gatherings.count() + 1,
            kind=Gathering.Kind.EXTENSION,
            title=data["title"].replace("Opsjon: ", ""),
            topics=data["topics"],
        )
    for gathering, data, offset in zip(
        programme.gatherings.order_by("number"), VEFSN_GATHERINGS + [{}, {}], EARLIER_GATHERING_DAYS, strict=True
    ):
        for field in ("title", "days", "goals", "topics"):
            if field in data:
                setattr(gathering, field, data[field])
        gathering.venue = "Kulturverkstedet, Mosjøen"
        gathering.start_date = working_day(start + datetime.timedelta(days=offset), days=gathering.days)
        gathering.save()
    vefsn_agendas(programme)

    for facilitator in demo.facilitators:
        Facilitator.objects.get_or_create(
            programme=programme, user=facilitator, defaults={"organisation": "Lederkonsult AS"}
        )
    password = make_password(DEMO_PASSWORD)
    users = []
    for n in range(len(EARLIER_UNITS)):
        first, last = EARLIER_FIRST_NAMES[n], EARLIER_LAST_NAMES[n % len(EARLIER_LAST_NAMES)]
        email = f"{first}.{last}".lower().replace("å", "a").replace("ø", "o").replace("æ", "ae") + "@vefsn.example.no"
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "password": password}
        )
        if created:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        users.append(user)
    Participant.objects.bulk_create(
        Participant(
            programme=programme,
            user=user,
            job_title=title,
            leader_level=Participant.LeaderLevel.DEPARTMENT,
            unit=unit,
            sector=sector,
            facilitator=demo.facilitators[n % 2],
        )
        for n, (user, (title, unit, sector)) in enumerate(zip(users, EARLIER_UNITS, strict=True))
    )

    _earlier_leader_work(programme, rng)
    for number, gathering in enumerate(programme.gatherings.order_by("number")):
        _gathering_feedback(vefsn_run(gathering, hr, attendance=True), rng, number)

    # The evaluation after gathering 4, answered through the services while it was open.
    fourth = programme.gatherings.get(number=4)
    survey = services.programme_evaluation_create(
        programme=programme, created_by=hr, needs=NEEDS, closes_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    questions = list(survey.questions.all())
    for index, participant in enumerate(programme.participants.select_related("user").order_by("pk")):
        if index % 12 == 11:  # two did not answer
            continue
        answers = {}
        for question in questions:
            if question.kind == Question.Kind.DIE:
                answers[question.pk] = rng.choice([4, 4, 5, 5, 5, 6, 3])
            elif question.kind == Question.Kind.SCALE5:
                answers[question.pk] = rng.choice([3, 4, 4, 5, 5])
            elif question.kind == Question.Kind.RANKING:
                order = list(range(len(question.options)))
                rng.shuffle(order)
                if index % 3:  # digital change first for most: a clear priority
                    order.remove(0)
                    order.insert(0, 0)
                answers[question.pk] = order
            elif question.kind == Question.Kind.YES_NO:
                answers[question.pk] = 1 if index % 5 else 0
            elif question.key == Question.Key.FREE and index < len(FREE):
                answers[question.pk] = FREE[index]
        services.survey_answer(survey=survey, user=participant.user, answers=answers)
    opened = fourth.end_date + datetime.timedelta(days=1)
    closed = opened + datetime.timedelta(days=14)
    Survey.objects.filter(pk=survey.pk).update(opens_at=_at(opened, 8), closes_at=_at(closed, 23))
    _approve_texts(programme)

    # The report, built when the evaluation closed (here at once, without a worker), and the decision.
    report = services.report_request(
        programme=programme,
        requested_by=hr,
        recommendation="HR anbefaler å kjøre opsjonen med to samlinger, med digital omstilling og "
        "økonomistyring som tema, slik deltakerne rangerte behovene.",
    )
    services.report_build(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(
        requested_at=_at(closed + datetime.timedelta(days=2), 9),
        finished_at=_at(closed + datetime.timedelta(days=2), 9) + datetime.timedelta(minutes=1),
    )
    decision.extension_decide(
        programme=programme,
        recorded_by=hr,
        run_extension=True,
        decided_on=working_day(closed + datetime.timedelta(days=21)),
        decided_by=demo.executive,
        decision_body="Kommunedirektøren",
        reference=f"{closed.year % 100:02d}/01873",
        rationale=EARLIER_DECISION,
    )
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.COMPLETED)
    demo.earlier_programme = programme
