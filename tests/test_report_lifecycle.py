"""The report is always there (issue 17, item 2): it builds itself when the evaluation closes (by a
click or by its deadline), the executive can build it again, the page says in plain Norwegian
what state it is in and why, and earlier versions stay downloadable with their dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from evaluation import services, tasks
from evaluation.models import Report, Survey
from tests.conftest import main_text
from tests.test_evaluation_report import evaluation_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _report_url(world):
    return reverse("evaluation_report", kwargs={"pk": world.programme.pk})


def test_closing_the_evaluation_builds_the_report(world, django_capture_on_commit_callbacks):
    evaluation_answers(world, 6)
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    newest = Report.objects.filter(programme=world.programme).order_by("-requested_at").first()
    # Tasks run eagerly in tests: the build is done.
    assert (newest.trigger, newest.state, newest.requested_by) == ("closed", "ready", None)
    # HR's latest recommendation (the world's ready report) is printed again.
    assert newest.recommendation == "Vi anbefaler opsjonen."
    # Once per closing, whoever asks again.
    assert services.report_build_on_close(programme=world.programme) is None
    assert services.reports_build_for_closed_evaluations() == []
    assert Report.objects.filter(programme=world.programme).count() == 2


def test_a_deadline_that_passes_builds_the_report_by_the_periodic_task(
    world, time_machine, django_capture_on_commit_callbacks
):
    evaluation_answers(world, 6)
    Report.objects.all().delete()  # no recommendation written by HR yet
    assert tasks.build_reports_for_closed_evaluations() == 0  # still open
    time_machine.move_to(world.programme_survey.closes_at + datetime.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.build_reports_for_closed_evaluations() == 1
    report = Report.objects.get()
    assert (report.trigger, report.state) == ("closed", "ready")
    # 6 answers, indexes 1, 2, 3 and 5 say yes: 4 of 6 = 67 %.
    assert report.recommendation == (
        "67 % av dem som svarte, ønsker å fortsette med flere samlinger. "
        "HR har ikke skrevet en anbefaling om opsjonen ennå."
    )
    assert tasks.build_reports_for_closed_evaluations() == 0
    event = AuditEvent.objects.get(action="report.requested")
    assert (event.actor, event.detail) == (None, {"trigger": "closed"})


def test_the_beat_schedule_runs_the_sweep(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-for-closed-evaluations"]
    assert (entry["task"], entry["schedule"]) == (
        "evaluation.tasks.build_reports_for_closed_evaluations",
        settings.REMINDER_SCAN_INTERVAL,
    )


def test_the_page_says_why_there_is_no_report_yet(client, world):
    Report.objects.all().delete()
    Survey.objects.filter(pk=world.programme_survey.pk).delete()
    client.force_login(world.executive)
    assert "Ingen programevaluering er opprettet ennå. HR oppretter den under Evaluering" in main_text(
        client.get(_report_url(world))
    )
    world.programme_survey = services.programme_evaluation_create(
        programme=world.programme, created_by=world.hr, needs=["A", "B"], closes_on=datetime.date(2030, 12, 1)
    )
    page = main_text(client.get(_report_url(world)))
    assert "Evalueringen er åpen til 1. desember 2030. Rapporten lages når den lukkes." in page
    assert not Report.objects.exists()


def test_the_report_page_queues_a_missed_build_and_shows_when_it_was_made(
    client, world, time_machine, django_capture_on_commit_callbacks
):
    evaluation_answers(world, 6)
    time_machine.move_to(world.programme_survey.closes_at + datetime.timedelta(hours=1))
    client.force_login(world.executive)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_report_url(world))
    page = main_text(client.get(_report_url(world)))
    newest = Report.objects.order_by("-requested_at").first()
    assert newest.trigger == "closed" and newest.state == "ready"
    finished = timezone.localtime(newest.finished_at)
    assert f"Laget {finished.day}. " in page and "laget automatisk da evalueringen ble lukket." in page
    # The world's first report is an earlier version, still downloadable.
    assert "Tidligere versjoner" in page
    assert reverse("report_download", kwargs={"pk": world.report.pk}) in client.get(_report_url(world)).content.decode()


def test_the_chief_executive_builds_the_report_again(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.executive)
    page = client.get(_report_url(world)).content.decode()
    assert "Lag rapporten på nytt" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation_report_rebuild", kwargs={"pk": world.programme.pk}))
    assert response["Location"] == _report_url(world)
    newest = Report.objects.order_by("-requested_at").first()
    assert (newest.trigger, newest.requested_by, newest.recommendation, newest.state) == (
        "rebuilt",
        world.executive,
        "Vi anbefaler opsjonen.",
        "ready",
    )
    page = main_text(client.get(_report_url(world)))
    assert "laget på nytt etter ønske" in page
    # While the evaluation is still open the page says a newer report follows its close.
    assert "Evalueringen er åpen til" in page and "En ny rapport lages når den lukkes." in page


def test_a_second_rebuild_while_one_is_pending_is_refused(client, world):
    Report.objects.create(programme=world.programme, recommendation="x", state=Report.State.QUEUED)
    client.force_login(world.executive)
    response = client.post(reverse("evaluation_report_rebuild", kwargs={"pk": world.programme.pk}), follow=True)
    assert "En rapport lages allerede" in main_text(response)
    assert Report.objects.filter(trigger="rebuilt").count() == 0


def test_a_two_page_summary_for_elected_officials_is_built_with_the_report(
    client, world, django_capture_on_commit_callbacks
):
    from tests.test_evaluation_report import pdf_text

    evaluation_answers(world, 8)
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    report = Report.objects.filter(trigger="closed").get()
    text, info = pdf_text(report.summary_file.path)
    assert "Pages: 2" in " ".join(info.split())
    for expected in (
        "Sammendrag for folkevalgte",
        "Programmets mål",
        "Resultater per mål",
        "Vi anbefaler opsjonen.",
        "Saken som skal avgjøres",
        "Kommunen bes ta stilling til om programmet skal videreføres med opsjonen på 2 samlinger.",
    ):
        assert expected in text, expected
    # No personal data: no participant's name or address.
    for person in (world.participant, world.peer, world.facilitator, world.hr):
        assert person.email not in text
    assert "Deltakersen" not in text

    url = reverse("report_summary_download", kwargs={"pk": report.pk})
    client.force_login(world.executive)
    assert url in client.get(_report_url(world)).content.decode()
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="report.downloaded", target_id=str(report.pk)).count() == 1
    for persona, status in (("facilitator", 403), ("participant", 403), ("other_hr", 404)):
        client.force_login(getattr(world, persona))
        assert client.get(url).status_code == status


def test_a_report_without_a_summary_file_answers_404_for_the_summary(client, world):
    client.force_login(world.hr)
    assert not world.report.summary_file
    assert client.get(reverse("report_summary_download", kwargs={"pk": world.report.pk})).status_code == 404
