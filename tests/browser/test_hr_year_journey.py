"""HR follows the cockpit: a gathering today without a run → add it and assign everyone → leaders
without a facilitator → give them one in bulk → the run day: everyone present, then one exception.
Every page is scanned with axe-core; screenshots land in test-artifacts/."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import Participant
from sessions.models import Attendance, RunAssignment
from tests.factories import PASSWORD, ParticipantFactory

from .test_journeys import log_in


@pytest.mark.django_db(transaction=True)
def test_cockpit_to_facilitators_to_run_day(page, look, world):
    programme = world.programme
    world.run.delete()
    gathering = world.gathering
    gathering.start_date = timezone.localdate()
    gathering.venue = "Kulturverkstedet"
    gathering.save()
    ParticipantFactory.create_batch(6, programme=programme, unit="Mosjøen sykehjem")  # no facilitator
    everyone = Participant.objects.filter(programme=programme).count()
    without = Participant.objects.filter(programme=programme, facilitator=None).count()
    log_in(page, "hr@vefsn.no", PASSWORD)

    # The start page names what is due across programmes and leads to the programme's cockpit.
    expect(page.locator("#cockpit-heading")).to_contain_text("Dette må gjøres nå")
    look("hr-home-cockpit")
    page.get_by_role("link", name=re.compile(r"Sjekkliste \(\d+ punkter\)")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjekkliste: Lederprogram Vefsn")
    look("cockpit")

    item = page.locator(".cockpit-item", has_text="1. Samling 1 har ingen gjennomføring")
    expect(item).to_contain_text("i dag")
    item.get_by_role("link", name="Legg til gjennomføring").click()
    page.get_by_label("Kapasitet").fill("100")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".alert-success").first).to_have_text("Gjennomføringen er lagt til.")

    page.goto(f"/programmer/{programme.pk}/sjekkliste/")
    page.locator(".cockpit-item", has_text=f"{everyone} ledere har ingen gjennomføring").get_by_role(
        "link", name="Fordel deltakerne på gjennomføringer"
    ).click()
    page.get_by_role("button", name="Fordel deltakerne").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{everyone} deltakere er fordelt")

    page.goto(f"/programmer/{programme.pk}/sjekkliste/")
    expect(page.locator(".cockpit-item", has_text="ingen gjennomføring")).to_have_count(0)
    page.locator(".cockpit-item", has_text=f"{without} ledere har ingen prosessveileder").get_by_role(
        "link", name="Tildel prosessveiledere"
    ).click()
    expect(page.locator(".participant-table tbody tr")).to_have_count(without)
    look("participants-without-facilitator")
    for box in page.locator(".participant-table tbody input[type=checkbox]").all():
        box.check()
    page.get_by_label("Gi de avkryssede deltakerne denne prosessveilederen").select_option(
        label=world.facilitator.get_full_name()
    )
    page.get_by_role("button", name="Tildel prosessveileder").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{without} deltakere har nå")
    assert not Participant.objects.filter(programme=programme, facilitator=None).exists()

    page.goto(f"/programmer/{programme.pk}/sjekkliste/")
    expect(page.locator(".cockpit-item", has_text="prosessveileder")).to_have_count(0)

    # The run day: everyone present in one tap, then the one who did not come.
    run = RunAssignment.objects.filter(gathering=gathering).first().run
    page.goto(f"/gjennomforinger/{run.pk}/oppmote/")
    look("run-day")
    page.get_by_role("button", name=re.compile(r"Alle til stede")).click()
    expect(page.locator(".alert-success")).to_contain_text(f"{everyone} deltakere er registrert til stede")
    absent = page.locator(".attendance-list li").first
    absent.get_by_role("button", name="Fravær", exact=True).click()
    expect(absent.get_by_role("button", name="Fravær", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.locator('[data-count="absent"]')).to_have_text("1")
    look("run-day-marked")
    statuses = sorted(Attendance.objects.filter(run=run).values_list("status", flat=True))
    assert statuses == ["absent"] + ["present"] * (everyone - 1)
