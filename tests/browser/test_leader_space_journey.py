"""A leader's own space end to end: baseline, IPIP-50, the facilitator's feedback, a plan from the
feedback and a check-in, with an axe-core scan of every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from participants.models import Baseline, PersonalityProfile, PlanCheckIn, PlanGoal
from tests.browser.test_journeys import log_in, log_out
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_leader_baseline_ipip_feedback_plan_and_check_in(page, look, look_phone, phone, world):
    space = world.peer_space
    space.facilitator = world.facilitator
    space.save()
    space.user.first_name, space.user.last_name = "Kari", "Kollega"
    space.user.save()
    goal = world.programme.goals.get()

    log_in(page, "kollega@vefsn.no", PASSWORD)
    expect(page.locator(".open-tasks")).to_contain_text("Fyll ut kartleggingen")
    look("leader-home-new")
    page.get_by_role("link", name="Fyll ut kartleggingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kartlegging")
    page.get_by_label("Kurs").check()
    page.get_by_label("Hvor mange år har du vært leder?").fill("7")
    page.get_by_label("Hva ønsker du å få ut av programmet?").fill("Bli tryggere i endringsarbeid")
    for dimension, score in (("knowledge", 3), ("skills", 2), ("abilities", 4), ("attitudes", 5)):
        page.locator(f'input[name="r_{goal.pk}_{dimension}"][value="{score}"]').check()
    look("baseline-form")
    page.get_by_role("button", name="Lagre svarene mine").click()
    expect(page.locator(".alert-success")).to_contain_text("Svarene dine er lagret")
    look("leader-space")
    baseline = Baseline.objects.get(participant=space)
    assert baseline.years_as_leader == 7 and baseline.ratings.get(dimension="skills").score == 2

    page.get_by_role("link", name="Registrer personlighetsprofilen din").click()
    page.get_by_role("link", name="Les og gi samtykke").click()
    look("profile-consent")
    page.get_by_role("button", name="Jeg samtykker").click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_contain_text("Kryss av")
    page.get_by_label("Jeg har lest dette og samtykker").check()
    page.get_by_role("button", name="Jeg samtykker").click()
    page.get_by_role("link", name="Ta IPIP Big Five-spørreskjemaet (50 utsagn)").click()
    expect(page.locator("legend").first).to_have_text("1. Er midtpunktet på festen.")
    for index in range(50):
        page.locator(f'input[name="q{index}"][value="{4 if index % 2 else 2}"]').check()
    look("ipip-form")
    page.get_by_role("button", name="Se resultatet mitt").click()
    expect(page.get_by_role("heading", name="IPIP Big Five (50 utsagn, i appen)")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Ekstroversjon")
    look("ipip-result")
    assert (
        PersonalityProfile.objects.get(participant=space).scores["extraversion"]["sum"] == 28
    )  # + items 2,4,2,4,2; − items 6−(4,2,4,2,4)
    log_out(page)

    log_in(page, "veileder@example.no", PASSWORD)
    expect(page.locator(".assigned-leaders")).to_contain_text("Kari Kollega")
    look("facilitator-home")
    page.locator(".assigned-leaders").get_by_role("link", name=re.compile(r"Registrer\s*: Kari Kollega")).click()
    page.get_by_label("Dato for samtalen").fill("2026-10-22")
    page.get_by_label("Styrker dere ble enige om").fill("Skaper trygghet\nTydelig")
    page.get_by_label("Utviklingsområder dere ble enige om").fill("Delegere mer")
    look("feedback-form")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".alert-success")).to_contain_text("Lederen har fått beskjed")
    look("profile-as-facilitator")
    log_out(page)

    log_in(page, "kollega@vefsn.no", PASSWORD)
    page.get_by_role("link", name="Prosessveilederen din har registrert tilbakemeldingen på profilen din").click()
    page.get_by_role("link", name="Gå til utviklingsplanen din").click()
    page.get_by_role("button", name="Lag utkast til mål fra tilbakemeldingen").click()
    expect(page.locator(".alert-success")).to_contain_text("3 utkast til mål")
    look("plan-drafts")
    page.get_by_role("link", name=re.compile(r"Fyll ut og lagre\s*: Utvikle: Delegere mer")).click()
    page.locator("#id_title").fill("Delegere mer i hverdagen")
    page.get_by_label("Slik viser det seg at jeg har lykkes").fill("Teamet tar beslutninger uten meg")
    page.get_by_label("Frist").fill("2027-03-01")
    page.get_by_label("Programmål").select_option(label="Ledelse overfor ansatte")
    page.get_by_label("Autonomi").check()
    page.get_by_label("Kompetansedimensjon").select_option(label="Ferdigheter")
    look("plan-goal-form")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("link", name=re.compile(r"Legg til tiltak\s*: Delegere mer i hverdagen")).click()
    page.get_by_label("Tiltak").fill("Delegeringsliste på mandagsmøtet")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("link", name="Registrer en statusoppdatering").click()
    page.get_by_label("Fremdrift (%)").fill("40")
    page.get_by_label("Refleksjon").fill("Godt i gang, teamet tar imot.")
    look("plan-checkin")
    page.get_by_role("button", name="Lagre statusoppdateringen").click()
    expect(page.locator("main")).to_contain_text("Statusoppdatering: 40 %")
    expect(page.locator("main")).to_contain_text("Versjon 4")
    look("plan")
    goal_row = PlanGoal.objects.get(plan__participant=space, title="Delegere mer i hverdagen")
    assert not goal_row.is_draft and goal_row.ten_factors == ["autonomy"]
    assert PlanCheckIn.objects.get(plan__participant=space).progress == 40

    page.get_by_role("link", name=re.compile("^Versjon 1,")).click()
    expect(page.locator("main")).to_contain_text("Utvikle: Delegere mer")
    look("plan-version")

    log_in(phone, "kollega@vefsn.no", PASSWORD)
    phone.goto(f"/deltakere/{space.pk}/plan/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Utviklingsplan")
    look_phone("plan")
