"""Evaluation demo data: Vefsn's past gathering has feedback; the programme under way has not been
evaluated as a whole yet (it has only held gathering 1). The evaluation stays visible through an
earlier, completed cohort ("Lederutviklingsprogram Vefsn 2024–2026" when loaded in 2026): its
gatherings held with attendance and feedback, its programme evaluation closed with answers given
through the services (so the anonymity engine releases the results), a built report and the chief
executive's recorded decision on the extension. Also the bulk answers `make bench` uses at Bergen's
scale.

Every word here is data a Norwegian municipality's leaders would write, so it is in Norwegian.
"""

import datetime
import random

from django.utils import timezone

from core.demo import VEFSN

TAKEAWAYS = [
    "At vi er én ledergruppe, ikke tretti enheter hver for oss.",
    "Å stille flere spørsmål før jeg gir råd til mine ansatte.",
    "Kollegaveiledning: jeg er ikke alene om utfordringene.",
    "Personlighetsprofilen ga meg språk på hvorfor jeg reagerer som jeg gjør.",
    "Forskjellen på styring og ledelse, og at begge trengs.",
    "Å bruke verdiene våre aktivt i medarbeidersamtaler.",
    "Ro til å tenke langsiktig midt i driften.",
    "Hvordan jeg kan møte motstand mot endring med nysgjerrighet.",
    "Nettverket på tvers av sektorene.",
    "At tydelige forventninger gir trygghet i teamet.",
]
COMMENTS = [
    "Gjerne mer tid til gruppearbeid.",
    "Veldig god dag, godt opplegg.",
    "Lunsjen kunne vært lengre, gode samtaler der.",
]
FREE = [
    "Programmet har gitt oss et felles språk for ledelse.",
    "Vi bør fortsette med kollegagruppene også etter programmet.",
    "Mer om økonomistyring i neste runde.",
    "Samlingene har vært nyttige, men det er krevende å finne tid mellom dem.",
    "Endringsledelse har vært det mest nyttige temaet.",
    "Flott at strategisk ledelse deltok på lik linje med oss andre.",
    "Ønsker mer trening på vanskelige samtaler.",
    "Verdiene våre er blitt tydeligere for meg.",
    "Anbefaler opsjonen med to samlinger til.",
]
NEEDS = [
    "Ledelse av digital omstilling",
    "Økonomistyring for enhetsledere",
    "Vanskelige personalsamtaler",
    "Innovasjon og tjenesteutvikling",
    "Rekruttering og å beholde ansatte",
]


def _hr_of(programme):
    from core.models import MunicipalityRole

    role = MunicipalityRole.objects.filter(municipality=programme.municipality, role="hr").select_related("user")
    return role.first().user if role.exists() else None


def _ensure_run(gathering, hr):
    """The demo's past gatherings need a run with everyone in it, if the gatherings demo made none."""
    from sessions import services as gathering_services
    from sessions.models import Attendance

    run = gathering.runs.order_by("number").first()
    if run is None:
        run = gathering_services.run_create(
            gathering=gathering,
            created_by=hr,
            date=gathering.start_date,
            start_time=datetime.time(9),
            end_time=datetime.time(15, 30),
            venue=gathering.venue or "Kulturverkstedet, Mosjøen",
            capacity=max(40, gathering.programme.participants.count()),
        )
    if not run.assignments.exists():
        gathering_services.runs_assign_participants(gathering=gathering, assigned_by=hr)
    if not run.attendance.exists():
        rng = random.Random(run.pk)
        Attendance.objects.bulk_create(
            Attendance(
                run=run, participant=a.participant, status=rng.choice(["present"] * 9 + ["excused"]), marked_by=hr
            )
            for a in run.assignments.select_related("participant")
        )
    return run


def _gathering_feedback(run, rng, number):
    """Most of the run's leaders answer its feedback survey."""
    from evaluation import services
    from evaluation.models import Question
    from evaluation.services.answering import _store_answer

    survey = services.feedback_survey_ensure(run=run)
    questions = list(survey.questions.all())
    for index, assignment in enumerate(run.assignments.select_related("participant__user").order_by("participant_id")):
        if index % 6 == 5:  # a few have not answered
            continue
        answers = {}
        for question in questions:
            if question.kind == Question.Kind.DIE:
                answers[question.pk] = rng.choice([4, 5, 5, 5, 6, 6, 3])
            elif question.kind == Question.Kind.SCALE5:
                answers[question.pk] = rng.choice([3, 4, 4, 5, 5, 2])
            elif question.key == Question.Key.TAKEAWAY:
                answers[question.pk] = TAKEAWAYS[(index + number) % len(TAKEAWAYS)]
            elif question.key == Question.Key.COMMENT and index < len(COMMENTS):
                answers[question.pk] = COMMENTS[index]
        _store_answer(
            survey=survey, user=assignment.participant.user, participant=assignment.participant, answers=answers
        )


def load_vefsn(programme):
    """Feedback on the gatherings held so far; no programme evaluation yet (it comes after gathering 4)."""
    from evaluation.models import Survey

    if Survey.objects.filter(programme=programme).exists():
        return
    hr = _hr_of(programme)
    rng = random.Random(6)
    today = timezone.localdate()
    past = [g for g in programme.gatherings.order_by("number") if g.start_date and g.end_date < today]
    for number, gathering in enumerate(past):
        _gathering_feedback(_ensure_run(gathering, hr), rng, number)
    _approve_texts(programme)


def _approve_texts(programme):
    """HR has screened the free text, except a couple of new ones."""
    from evaluation.models import Answer, Question

    texts = list(
        Answer.objects.filter(question__survey__programme=programme)
        .exclude(text="")
        .select_related("question")
        .order_by("id")
    )
    for position, answer in enumerate(texts):
        if answer.question.key == Question.Key.FREE or position % 9 != 8:
            answer.screening = Answer.Screening.APPROVED
    Answer.objects.bulk_update(texts, ["screening"])


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
        services.plan_from_feedback(participant=participant, created_by=user)


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


def bulk_answers(programme, *, rng, share=1.0):
    """Everyone assigned to a run answers its feedback, and every participant the programme
    evaluation, in a handful of bulk inserts (for the bench at 336 and 5,000 participants)."""
    from evaluation import services
    from evaluation.models import Answer, Question, Respondent, Response, Survey
    from participants.models import Participant
    from sessions.models import Run

    def fill(survey, people):
        questions = list(survey.questions.all())
        responses, respondents, answers = [], [], []
        for participant in people:
            if rng.random() > share:
                continue
            respondents.append(Respondent(survey=survey, user_id=participant.user_id))
            response = Response(survey=survey, sector=participant.sector, leader_level=participant.leader_level)
            responses.append(response)
            for question in questions:
                if question.kind == Question.Kind.RANKING:
                    order = list(range(len(question.options)))
                    rng.shuffle(order)
                    answers.append(Answer(response=response, question=question, ranking=order))
                elif question.kind == Question.Kind.TEXT:
                    if rng.random() < 0.3:
                        answers.append(
                            Answer(
                                response=response, question=question, text=rng.choice(TAKEAWAYS), screening="approved"
                            )
                        )
                else:
                    answers.append(Answer(response=response, question=question, value=rng.choice(list(question.scale))))
        Respondent.objects.bulk_create(respondents, batch_size=1000)
        Response.objects.bulk_create(responses, batch_size=1000)
        Answer.objects.bulk_create(answers, batch_size=2000)

    participants = {p.pk: p for p in Participant.objects.filter(programme=programme)}
    for run in Run.objects.filter(gathering__programme=programme).select_related("gathering"):
        survey = services.feedback_survey_ensure(run=run)
        fill(survey, [participants[pk] for pk in run.assignments.values_list("participant_id", flat=True)])
    if not Survey.objects.filter(programme=programme, kind=Survey.Kind.PROGRAMME).exists():
        survey = services.programme_evaluation_create(
            programme=programme,
            created_by=None,
            needs=NEEDS,
            closes_on=timezone.localdate() + datetime.timedelta(days=7),
        )
        fill(survey, list(participants.values()))


@VEFSN.register(order=60)
def vefsn_evaluation(demo):
    load_vefsn(demo.programme)


def close_surveys(programme):
    """Close every survey of the programme a moment ago, so all its answers are released (the
    bench measures the results page and the report with everything in them: the engine's worst
    case). Results of an open survey are never shown (evaluation/anonymity.py)."""
    from django.db.models.functions import Least

    from evaluation import services
    from evaluation.models import Survey

    services.feedback_surveys_ensure(programme=programme)
    now = timezone.now()
    surveys = Survey.objects.filter(programme=programme)
    surveys.update(opens_at=Least("opens_at", now - datetime.timedelta(days=2)))
    surveys.update(closes_at=now - datetime.timedelta(seconds=1))


@VEFSN.register(order=70)
def vefsn_earlier_cohort(demo):
    load_earlier_cohort(demo)
