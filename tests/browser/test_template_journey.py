"""From a built-in template to a dated programme and its first run, in Chromium, scanned with axe."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from programmes.models import Programme
from sessions.programme_templates import builtins_ensure
from tests.factories import PASSWORD

from .test_journeys import log_in


@pytest.mark.django_db(transaction=True)
def test_hr_starts_bergens_repeated_day_from_the_template_and_opens_the_first_run(page, look, world):
    builtins_ensure()  # the transactional database was flushed after migrating
    log_in(page, "hr@vefsn.no", PASSWORD)
    page.goto("/programmer/")
    page.get_by_role("link", name="Start fra en mal").click()
    expect(page.get_by_role("heading", name="Programmaler")).to_be_visible()
    look("templates")
    page.get_by_role("link", name="Bergen: aktivt medarbeiderskap og 10-faktor (repetert fagdag)", exact=True).click()
    look("template-bergen")
    page.get_by_role("link", name="Start et program fra denne malen").click()
    page.get_by_label("Navn på det nye programmet").fill("Aktivt medarbeiderskap 2027")
    page.get_by_label("Startdato").fill("2027-08-30")
    page.get_by_role("button", name="Foreslå datoer").click()
    date_field = page.get_by_label("1. Aktivt medarbeiderskap og 10-faktor")
    expect(date_field).to_have_value("2027-08-30")
    look("template-use-proposed")
    date_field.fill("2027-08-31")  # HR moves the day
    page.get_by_role("button", name="Opprett programmet").click()
    expect(page.locator(".alert-success")).to_contain_text("Programmet er opprettet")
    programme = Programme.objects.get(name="Aktivt medarbeiderskap 2027")
    assert programme.gatherings.get().start_date == datetime.date(2027, 8, 31)
    look("programme-from-template")

    page.get_by_role("link", name="Samlinger og rekkefølge").click()
    expect(page.get_by_role("link", name="1. Aktivt medarbeiderskap og 10-faktor")).to_be_visible()
    look("programme-shape")
    page.get_by_role("link", name="1. Aktivt medarbeiderskap og 10-faktor").click()
    page.get_by_role("link", name=re.compile("Gjennomføringer")).first.click()
    expect(page.get_by_role("link", name="Gjennomføring 4")).to_be_visible()
    look("runs-from-template")
    page.get_by_role("link", name="Gjennomføring 1").click()
    expect(page.get_by_role("heading", name="Gjennomføring 1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("31. august 2027")
    look("first-run")


@pytest.mark.django_db(transaction=True)
def test_a_leader_writes_the_first_thing_at_home_and_keeps_the_plan(page, look, world):
    from participants.models import PlanKeeping

    world.gathering.start_date = datetime.date.today() - datetime.timedelta(days=14)  # gathering 1 was held
    world.gathering.save()
    log_in(page, "deltaker@vefsn.no", PASSWORD)
    page.goto(f"/deltakere/{world.own_space.pk}/plan/")
    page.get_by_role("link", name="Veien videre").click()
    page.get_by_role("textbox", name="Det første jeg gjør når jeg kommer hjem").fill(
        "Snakke med tillitsvalgt om turnus"
    )
    page.get_by_role("button", name="Legg til i planen min").click()
    expect(page.locator(".alert-success")).to_contain_text("Lagt til i planen din")
    expect(page.locator("main")).to_contain_text("Snakke med tillitsvalgt om turnus")
    page.get_by_label("Behold utviklingsplanen min i mitt eget rom").check()
    page.get_by_role("button", name="Lagre valget mitt").click()
    expect(page.locator("main")).to_contain_text("Du beholder planen din.")
    assert PlanKeeping.objects.get(participant=world.own_space).keep is True
    look("way-on")
