"""A programme of 1, 2, 4 and 6 gatherings runs end to end: every page, the calendar feed, the
reminders, the gathering feedback per gathering, the case round and the executive's report.

Six is Vefsn's four core gatherings and a decided extension of two; one is Bergen's repeated day.
Every gathering has one run, all participants are assigned and came, and everyone answered its
feedback (six leaders: at the anonymity threshold of five, so the numbers are shown).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.models import Reminder
from core.reminders.services import reminders_scan
from evaluation import services as evaluation_services
from evaluation.models import Question, Report, Survey
from evaluation.report import render_report_html
from evaluation.results import programme_results
from participants.models import Participant
from programmes.models import Programme
from programmes.services import extension_decide, programme_create
from sessions.calendar import calendar_feed_get_or_create
from sessions.models import AgendaItem, Attendance, Gathering, Run, RunAssignment
from sessions.services import extension_gathering_add, runs_assign_participants
from tests.conftest import main_text
from tests.factories import FacilitatorFactory, MunicipalityFactory, ParticipantFactory, make_hr

pytestmark = pytest.mark.django_db

SHAPES = {1: (1, 0), 2: (2, 0), 4: (4, 0), 6: (4, 2)}
LEADERS = 6


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def build(total):
    core, extension = SHAPES[total]
    municipality = MunicipalityFactory(name="Formkommune", slug="form")
    hr = make_hr(municipality, email="hr@form.no")
    today = timezone.localdate()
    programme = programme_create(
        created_by=hr,
        municipality=municipality,
        name=f"Program med {total}",
        start_date=today - datetime.timedelta(days=400),
        end_date=today + datetime.timedelta(days=300),
        main_goal="Bedre ledelse",
        goals=["Tydelig retning"],
        status=Programme.Status.ACTIVE,
        core_count=core,
    )
    for n in range(extension):
        extension_gathering_add(programme=programme, added_by=hr, title=f"Opsjon {n + 1}")
    if extension:
        extension_decide(
            programme=programme,
            recorded_by=hr,
            run_extension=True,
            decided_on=today - datetime.timedelta(days=200),
            decided_by=hr,
            decision_body="Kommunedirektøren",
            rationale="God evaluering",
        )
    facilitator = FacilitatorFactory(programme=programme, user__email="veileder@form.no").user
    leaders = [
        ParticipantFactory(programme=programme, user__email=f"leder{i}@form.no", facilitator=facilitator).user
        for i in range(LEADERS)
    ]
    gatherings = list(programme.gatherings.order_by("number"))
    for gathering in gatherings:
        # Every gathering is over, the last one ten days ago: its feedback is still open.
        day = today - datetime.timedelta(days=10 + 21 * (len(gatherings) - gathering.number))
        gathering.title = f"Tema {gathering.number}"
        gathering.start_date = day
        gathering.topics = [f"Emne {gathering.number}"]
        gathering.save()
        Run.objects.create(
            gathering=gathering,
            number=1,
            date=day,
            start_time=datetime.time(9),
            end_time=datetime.time(15),
            venue="Rådhuset",
            capacity=50,
        )
        runs_assign_participants(gathering=gathering, assigned_by=hr)
        for participant in Participant.objects.filter(programme=programme):
            Attendance.objects.create(
                run=gathering.runs.get(), participant=participant, status=Attendance.Status.PRESENT, marked_by=hr
            )
    surveys = evaluation_services.feedback_surveys_ensure(programme=programme)
    # Each was answered while it was open; the test answers them all now.
    Survey.objects.filter(pk__in=[s.pk for s in surveys]).update(closes_at=timezone.now() + datetime.timedelta(days=1))
    for survey in Survey.objects.filter(pk__in=[s.pk for s in surveys]):
        questions = list(survey.questions.all())
        for user in leaders:
            answers = {q.pk: 5 if q.kind == Question.Kind.DIE else 4 for q in questions if q.kind != Question.Kind.TEXT}
            evaluation_services.survey_answer(survey=survey, user=user, answers=answers)
    return programme, hr, facilitator, leaders


@pytest.mark.parametrize("total", sorted(SHAPES))
def test_every_page_feed_reminder_evaluation_and_report_work_for_the_shape(client, total):
    programme, hr, facilitator, leaders = build(total)
    gatherings = list(programme.gatherings.order_by("number"))
    assert [g.number for g in gatherings] == list(range(1, total + 1))
    # The case round is on every gathering from the second on, and only there.
    rounds = set(
        AgendaItem.objects.filter(gathering__programme=programme, is_case_round=True).values_list(
            "gathering__number", flat=True
        )
    )
    assert rounds == set(range(2, total + 1))

    client.force_login(hr)
    detail = main_text(client.get(reverse("programme_detail", kwargs={"pk": programme.pk})))
    for gathering in gatherings:
        assert f"{gathering.number}. Tema {gathering.number}" in detail
    shape = main_text(client.get(reverse("programme_shape", kwargs={"pk": programme.pk})))
    assert shape.count("Registrert:") == total  # every gathering has attendance: none can be removed
    overview = client.get(reverse("attendance_overview", kwargs={"pk": programme.pk}))
    assert overview.status_code == 200 and len(overview.context["overview"]["gatherings"]) == total
    for gathering in gatherings:
        assert client.get(reverse("gathering_detail", kwargs={"pk": gathering.pk})).status_code == 200
        runs_page = main_text(client.get(reverse("gathering_runs", kwargs={"pk": gathering.pk})))
        assert "alle er fordelt" in runs_page
        run = gathering.runs.get()
        assert client.get(reverse("run_detail", kwargs={"pk": run.pk})).status_code == 200
        assert client.get(reverse("agenda_print", kwargs={"pk": gathering.pk})).status_code == 200
    home = client.get(reverse("home"))
    assert home.status_code == 200

    # The evaluation, per gathering: one feedback survey per run, each answered by all six.
    assert Survey.objects.filter(programme=programme, kind=Survey.Kind.FEEDBACK).count() == total
    results = programme_results(programme)
    assert [str(g.gathering) for g in results.gatherings] == [f"{g.number}. Tema {g.number}" for g in gatherings]
    results_page = main_text(client.get(reverse("evaluation_results", kwargs={"pk": programme.pk})))
    for gathering in gatherings:
        assert f"Tema {gathering.number}" in results_page
    assert client.get(reverse("evaluation_overview", kwargs={"pk": programme.pk})).status_code == 200

    # The executive's report names every gathering, with its attendance and die rolls.
    report = Report.objects.create(programme=programme, recommendation="Fortsett.", requested_by=hr)
    html = render_report_html(report)
    for gathering in gatherings:
        assert html.count(f"{gathering.number}. Tema {gathering.number}") >= 2, gathering

    # A leader's calendar holds one event per gathering, numbered as the programme is.
    client.force_login(leaders[0])
    token = calendar_feed_get_or_create(user=leaders[0]).token
    feed = Calendar.from_ical(client.get(reverse("calendar_feed", kwargs={"token": token})).content)
    summaries = sorted(str(e["SUMMARY"]) for e in feed.walk("VEVENT") if str(e["UID"]).startswith("run-"))
    assert summaries == sorted(f"{g.number}. Tema {g.number}" for g in gatherings)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("gathering_detail", kwargs={"pk": gathering.pk})).status_code == 200

    # The facilitator's case round exists from the second gathering on.
    client.force_login(facilitator)
    for gathering in gatherings[1:]:
        page = client.get(reverse("case_round", kwargs={"pk": gathering.pk}))
        assert page.status_code == 200

    # Reminders: a run six days ahead (past the seven-day point at any hour, before the one-day
    # point) reminds its participants and the facilitator, for any shape.
    last = gatherings[-1]
    run = last.runs.get()
    run.date = timezone.localdate() + datetime.timedelta(days=6)
    run.save()
    Gathering.objects.filter(pk=last.pk).update(start_date=run.date)
    reminders_scan(now=timezone.now())
    recipients = set(
        Reminder.objects.filter(kind="gathering_run", target_id=str(run.pk)).values_list("recipient__email", flat=True)
    )
    assert recipients == {u.email for u in leaders} | {facilitator.email}
    assert RunAssignment.objects.filter(gathering__programme=programme).count() == total * LEADERS
