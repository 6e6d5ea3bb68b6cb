"""A leader answers on a phone, HR screens free text and builds the report, the executive downloads it."""

import subprocess

import pytest
from playwright.sync_api import expect

from evaluation import services
from evaluation.models import Answer, Question, Report
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_journeys import log_in, log_out
from tests.factories import PASSWORD, ParticipantFactory
from tests.test_evaluation_report import evaluation_answers
from tests.worlds.evaluation import close_surveys


def more_feedback(world, count):
    """Others in the same run answer too, so the run reaches the threshold."""
    from sessions.models import RunAssignment

    survey = world.feedback_survey
    for index in range(count):
        participant = ParticipantFactory(programme=world.programme)
        RunAssignment.objects.create(
            run=world.feedback_run, gathering=world.feedback_run.gathering, participant=participant
        )
        answers = {q.pk: 4 for q in survey.questions.filter(kind=Question.Kind.DIE)}
        takeaway = survey.questions.get(key="takeaway")
        answers[takeaway.pk] = f"Refleksjon om lederrollen {index}"
        services.survey_answer(survey=survey, user=participant.user, answers=answers)


@pytest.mark.django_db(transaction=True)
def test_leader_answers_on_a_phone(phone, look_phone, world):
    from tests.worlds.evaluation import assign_participant

    assign_participant(world)
    log_in(phone, "deltaker@vefsn.no", PASSWORD)
    phone.get_by_role("link", name="Svar: 6. Opsjon 6").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Tilbakemelding på 6. Opsjon 6")
    look_phone("feedback-form")
    phone.get_by_text("Send svar").click()
    expect(phone.locator(".invalid-feedback").first).to_be_visible()
    look_phone("feedback-form-error")
    phone.get_by_role("radio", name="5", exact=True).check()
    phone.get_by_label("Hva er det viktigste du tar med deg?").fill("Å spørre før jeg gir råd.")
    phone.get_by_role("button", name="Send svar").click()
    expect(phone.locator(".alert-success")).to_contain_text("Svarene dine er lagret uten navnet ditt")
    look_phone("feedback-thanks")
    answer = Answer.objects.get(question__key="takeaway")
    assert (answer.text, answer.screening) == ("Å spørre før jeg gir råd.", "pending")
    assert Answer.objects.get(question__key="die").value == 5
    expect(phone.get_by_role("link", name="Svar: 6. Opsjon 6")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_hr_screens_and_builds_the_report_and_the_executive_downloads_it(page, look, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    more_feedback(world, 6)
    evaluation_answers(world, 9, free=[f"Programmet ga oss et felles språk ({n})" for n in range(9)])
    # Texts reach screening, and results the page, only once the surveys have closed (issue 14).
    close_surveys(world.programme)

    log_in(page, "hr@vefsn.no", PASSWORD)
    page.get_by_role("link", name="Evaluering av Lederprogram Vefsn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluering")
    look("evaluation-overview")
    page.get_by_role("link", name="Gå gjennom fritekst").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text("15 svar å gå gjennom")
    look("evaluation-screening")
    for _ in range(15):
        card = page.locator(".card").first
        text = card.locator(".screen-text").inner_text()
        button = "Skjul" if text.endswith("(7)") else "Godkjenn"
        card.get_by_role("button", name=button).click()
        expect(page.locator(".alert-success")).to_be_visible()
    assert Answer.objects.filter(screening="approved").count() == 14
    assert Answer.objects.get(screening="hidden").text == "Programmet ga oss et felles språk (7)"

    page.goto(f"/programmer/{world.programme.pk}/evaluering/resultater/")
    expect(page.locator("main")).to_contain_text("Terningkast: 4,0 (6 svar)")
    expect(page.locator("main")).to_contain_text("Refleksjon om lederrollen 3")
    look("evaluation-results")

    page.goto(f"/programmer/{world.programme.pk}/evaluering/rapport/")
    look("report-before")
    page.get_by_label("Anbefaling om opsjonen").fill("HR anbefaler at opsjonen gjennomføres.")
    page.get_by_role("button", name="Lag rapporten").click()
    expect(page.locator("#report-status")).to_contain_text("Klar.")
    look("report-ready")
    report = Report.objects.latest("requested_at")
    assert report.state == "ready"
    log_out(page)

    # A newer build is queued while the executive looks: the page updates itself when it is ready.
    queued = Report.objects.create(programme=world.programme, recommendation="Gjennomfør opsjonen med to samlinger.")
    log_in(page, "direktor@vefsn.no", PASSWORD)
    page.get_by_role("link", name="Rapport om Lederprogram Vefsn").click()
    expect(page.locator("#report-status")).to_contain_text("I kø")
    look("report-queued")
    services.report_build(report_id=queued.pk)
    expect(page.locator("#report-status")).to_contain_text("Klar.", timeout=15_000)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned rapporten (PDF)").click()
    path = ARTIFACTS / "evaluation-report.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Gjennomfør opsjonen med to samlinger." in flat
    assert "Programmet ga oss et felles språk (3)" in flat  # eight screened programme-wide answers
    assert "Programmet ga oss et felles språk (7)" not in flat  # hidden by HR
    assert "Refleksjon om lederrollen" not in flat  # six approved: under the report's eight
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(path), str(ARTIFACTS / "report-page")], check=True
    )
    from core.models import AuditEvent

    assert AuditEvent.objects.filter(action="report.downloaded", actor=world.executive).count() == 1
