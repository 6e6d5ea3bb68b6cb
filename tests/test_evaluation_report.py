"""The chief executive's report: built by a task, stored, downloaded through a permission check,
every download audit-logged; its text read back with pdftotext."""

import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.models import AuditEvent
from evaluation import services
from evaluation.models import Answer, Question, Report
from evaluation.report import render_report_html
from tests.conftest import main_text
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_text(path):
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), info


def evaluation_answers(world, count, *, free=None):
    """`count` leaders answer the programme evaluation; the first ones write `free` texts."""
    survey = world.programme_survey
    questions = list(survey.questions.all())
    free = free or []
    for index in range(count):
        user = ParticipantFactory(programme=world.programme).user
        answers = {}
        for question in questions:
            if question.kind == Question.Kind.DIE:
                answers[question.pk] = 5
            elif question.kind == Question.Kind.SCALE5:
                answers[question.pk] = 4
            elif question.kind == Question.Kind.YES_NO:
                answers[question.pk] = 1 if index % 4 else 0
            elif question.kind == Question.Kind.RANKING:
                answers[question.pk] = [2, 0, 1]
            elif question.key == Question.Key.FREE and index < len(free):
                answers[question.pk] = free[index]
        services.survey_answer(survey=survey, user=user, answers=answers)


def test_hr_builds_the_report_and_it_reads_in_norwegian(login, world, django_capture_on_commit_callbacks):
    evaluation_answers(world, 8)
    client = login(world.hr)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("evaluation_report", kwargs={"pk": world.programme.pk}),
            {"recommendation": "HR anbefaler å gjennomføre opsjonen med to samlinger."},
        )
    assert len(callbacks) == 1  # the build is queued after the commit, never run in the request
    assert response["Location"] == reverse("evaluation_report", kwargs={"pk": world.programme.pk})
    report = Report.objects.latest("requested_at")
    assert (report.state, report.failure, report.requested_by) == ("ready", "", world.hr)
    assert report.file.name.startswith("evaluation/reports/") and len(Path(report.file.name).stem) >= 32
    text, info = pdf_text(report.file.path)
    assert "Tagged: yes" in " ".join(info.split())
    for expected in (
        "Evalueringsrapport til kommunedirektøren",
        "Lederprogram Vefsn",
        "Programmet og målene",
        "Deltakelse og oppmøte",
        "Måloppnåelse",
        "Før og etter",
        "Veien videre: prioriterte utviklingsbehov",
        "1. Vanskelige samtaler (24 poeng, gjennomsnittlig plass 1,0)",
        "75 % av deltakerne vil at opsjonen gjennomføres (8 svar)",
        "Anbefaling om opsjonen",
        "HR anbefaler å gjennomføre opsjonen med to samlinger.",
        "Side 1 av",
    ):
        assert expected in text, expected
    # The plan and peer-group facts come from their own capabilities (evaluation/facts.py); with fewer
    # participants than the threshold in this world, their numbers are withheld, not missing.
    assert "Utviklingsplaner og kollegagrupper" in text
    assert "Ikke tilgjengelig." not in text
    assert AuditEvent.objects.filter(action="report.requested", target_id=str(report.pk)).count() == 1
    status = client.get(reverse("evaluation_report_status", kwargs={"pk": world.programme.pk})).json()
    assert status["state"] == "ready" and status["download_url"] == reverse("report_download", kwargs={"pk": report.pk})


def test_report_html_is_norwegian_and_print_styled(world):
    html = render_report_html(world.report)
    assert '<html lang="nb">' in html
    assert "@page" in html and "counter(pages)" in html
    assert "bootstrap" not in html


def test_the_recommendation_is_required_and_nothing_is_queued_without_it(login, world):
    response = login(world.hr).post(
        reverse("evaluation_report", kwargs={"pk": world.programme.pk}), {"recommendation": " "}
    )
    assert "Feltet er påkrevet." in main_text(response)
    assert Report.objects.count() == 1


def test_a_report_in_progress_blocks_a_second_build(world):
    Report.objects.create(programme=world.programme, recommendation="x", state=Report.State.BUILDING)
    with pytest.raises(Exception, match="En rapport lages allerede"):
        services.report_request(programme=world.programme, requested_by=world.hr, recommendation="Ny")
    assert Report.objects.count() == 2


def test_a_broken_template_fails_with_a_reason_and_the_page_says_so(login, world):
    report = Report.objects.create(programme=world.programme, recommendation="x")
    assert services.report_build(report_id=report.pk, template_name="evaluation/pdf/finnes-ikke.html") is False
    report.refresh_from_db()
    assert report.state == "failed"
    assert report.failure == "Malen for rapporten kunne ikke leses (TemplateDoesNotExist)."
    assert not report.file
    status = login(world.hr).get(reverse("evaluation_report_status", kwargs={"pk": world.programme.pk})).json()
    assert status == {
        "state": "failed",
        "label": "Mislyktes: Malen for rapporten kunne ikke leses (TemplateDoesNotExist).",
        "pending": False,
    }
    # A duplicate delivery of the same task does nothing.
    assert services.report_build(report_id=report.pk) is False


def test_queued_state_is_shown_and_polled(login, world):
    Report.objects.create(programme=world.programme, recommendation="x")
    client = login(world.executive)
    page = client.get(reverse("evaluation_report", kwargs={"pk": world.programme.pk}))
    body = page.content.decode()
    assert "I kø: rapporten venter på å bli laget." in body
    assert 'data-pending="true"' in body and "js/report-status.js" in body
    assert "<form" not in body.split("<main", 1)[1].split("</main>")[0]  # the executive reads, HR builds
    status = client.get(reverse("evaluation_report_status", kwargs={"pk": world.programme.pk})).json()
    assert status == {"state": "queued", "label": "I kø: rapporten venter på å bli laget.", "pending": True}


@pytest.mark.parametrize(
    "persona,status",
    [
        ("hr", 200),
        ("executive", 200),
        ("other_hr", 404),
        ("facilitator", 403),
        ("participant", 403),
        ("peer", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_download_is_permission_checked_and_audit_logged(client, world, persona, status):
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    before = AuditEvent.objects.filter(action="report.downloaded").count()
    response = client.get(reverse("report_download", kwargs={"pk": world.report.pk}))
    assert response.status_code == status
    events = AuditEvent.objects.filter(action="report.downloaded")
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="evalueringsrapport-lederprogram-vefsn-' in response["Content-Disposition"]
        event = events.latest("created_at")
        assert events.count() == before + 1
        assert (event.actor, event.target_id, event.municipality) == (
            getattr(world, persona),
            str(world.report.pk),
            world.vefsn,
        )
    else:
        assert events.count() == before


def test_the_file_is_not_reachable_under_media_url(client, world):
    client.force_login(world.hr)
    assert client.get(f"/{settings.MEDIA_URL}{world.report.file.name}").status_code == 404


def test_free_text_reaches_the_report_only_with_eight_screened_answers(world):
    words = [f"Sitat nummer {n} {uuid.uuid4().hex[:6]}" for n in range(9)]
    evaluation_answers(world, 9, free=words)
    answers = list(Answer.objects.filter(question__key="free").order_by("text"))
    for answer in answers[:7]:
        services.answer_screen(answer=answer, screened_by=world.hr, decision="approved")
    html = render_report_html(world.report)
    assert not any(word in html for word in words)
    services.answer_screen(answer=answers[7], screened_by=world.hr, decision="approved")
    html = render_report_html(world.report)
    shown = [word for word in words if word in html]
    assert sorted(shown) == sorted(a.text for a in answers[:8])  # the unscreened ninth never
    assert AuditEvent.objects.filter(action="evaluation.text_approved").count() == 8
    assert not any(word in str(e.detail) for e in AuditEvent.objects.all() for word in words)


# --- On a real worker (the services suite) --------------------------------------------------------

from tests.test_celery import worker  # noqa: E402,F401 - the fixture that starts a real worker (used by name)


def _wait_for(report, states, timeout=120):
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if not seen or seen[-1] != report.state:
            seen.append(report.state)
        if report.state in states:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"report stuck in {report.state}: {seen}")


@pytest.fixture
def report_worker(request, monkeypatch, tmp_path, settings):
    """The real worker, storing reports where this test reads them (it copies the environment)."""
    media = tmp_path / "worker-media"
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    settings.MEDIA_ROOT = media
    request.getfixturevalue("worker")
    return media


@pytest.mark.services
def test_real_worker_builds_the_report_and_reports_a_broken_template(transactional_db, report_worker, world, settings):
    from django.db import transaction

    evaluation_answers(world, 6)
    with transaction.atomic():
        report = services.report_request(
            programme=world.programme, requested_by=world.hr, recommendation="Kjør opsjonen."
        )
    seen = _wait_for(report, {"ready", "failed"})
    assert seen[-1] == "ready", report.failure
    assert seen[0] in ("queued", "building")
    text, _info = pdf_text(Path(settings.MEDIA_ROOT) / report.file.name)
    assert "Kjør opsjonen." in text and "Måloppnåelse" in text

    broken = Path(settings.BASE_DIR) / "templates" / "evaluation" / "pdf" / f"_broken_{uuid.uuid4().hex}.html"
    broken.write_text("{% if %}")
    try:
        failing = Report.objects.create(programme=world.programme, recommendation="x")
        from evaluation.tasks import build_report

        assert build_report.delay(failing.pk, f"evaluation/pdf/{broken.name}").get(timeout=120) is False
        failing.refresh_from_db()
        assert failing.state == "failed"
        assert failing.failure == "Malen for rapporten kunne ikke leses (TemplateSyntaxError)."
    finally:
        broken.unlink()
