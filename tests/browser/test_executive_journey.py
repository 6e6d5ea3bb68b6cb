"""The chief executive's path (issue 17): the start page leads to the dashboard, the report that
built itself when the evaluation closed downloads with its summary for elected officials, and the
extension decision is recorded from the evidence; axe scans every page, on a laptop and a phone."""

import subprocess

import pytest
from playwright.sync_api import expect

from evaluation import services
from programmes.models import ExtensionDecision
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_journeys import log_in
from tests.factories import PASSWORD
from tests.test_evaluation_report import evaluation_answers


@pytest.mark.django_db(transaction=True)
def test_the_executive_follows_the_programme_downloads_the_report_and_decides(page, look, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    evaluation_answers(world, 8)
    # Closing builds the report by itself (tasks run eagerly without Redis).
    services.survey_close(survey=world.programme_survey, closed_by=world.hr)

    log_in(page, "direktor@vefsn.no", PASSWORD)
    page.get_by_role("link", name="Styringsoversikt for Lederprogram Vefsn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Styringsoversikt")
    expect(page.locator("main")).to_contain_text("75 % av 8 som svarte, ønsker å fortsette med flere samlinger.")
    look("executive-dashboard")

    page.get_by_role("link", name="Rapporten (PDF)").click()
    expect(page.locator("#report-status")).to_contain_text("laget automatisk da evalueringen ble lukket")
    look("executive-report")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Sammendrag for folkevalgte (PDF)").click()
    path = ARTIFACTS / "summary-for-elected-officials.pdf"
    download_info.value.save_as(path)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert "Saken som skal avgjøres" in text

    page.goto(f"/programmer/{world.programme.pk}/opsjon/")
    expect(page.locator("main")).to_contain_text("Rangert av 8 som svarte")
    look("executive-decision")
    page.get_by_label("Gjennomfør opsjonen", exact=True).check()
    page.get_by_label("Dato for beslutningen").fill("2027-06-15")
    page.get_by_label("Vedtaksorgan").fill("Kommunestyret")
    page.get_by_label("Saksnummer").fill("2027/118")
    page.get_by_label("Begrunnelse").fill("Evalueringen viser tydelige behov.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".alert-success")).to_contain_text("Beslutningen er registrert.")
    look("executive-decision-recorded")
    decision = ExtensionDecision.objects.get(programme=world.programme)
    assert (decision.decided_by, decision.reference, decision.run_extension) == (world.executive, "2027/118", True)


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_on_a_phone(phone, look_phone, world):
    evaluation_answers(world, 6)
    services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    log_in(phone, "direktor@vefsn.no", PASSWORD)
    phone.goto(f"/programmer/{world.programme.pk}/styringsoversikt/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Styringsoversikt")
    # Nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    look_phone("executive-dashboard")
