"""A nynorsk municipality end to end, and axe-core scans of every page in bokmål and in nynorsk.

Bindal's HR switches the municipality to nynorsk; a Bindal leader logs in, takes IPIP-50 and builds a
plan, and the plan's PDF comes out in nynorsk. The words the test clicks and expects are looked up in the
catalogues at run time (msgid -> the nynorsk translation), so the test reads
whatever locale/nn says. It needs locale/nn and the nynorsk IPIP items, written on their own branch:
until they are merged, it fails.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from core.models import MailPreference
from participants.models import Participant, PersonalityProfile, PlanAction, PlanGoal
from tests.browser.conftest import looker
from tests.browser.test_journeys import log_in
from tests.factories import PASSWORD, ParticipantFactory
from tests.personas import PERSONAS
from tests.test_malform import pdf_language
from tests.test_permissions import MATRIX

LOCALE = Path(settings.BASE_DIR) / "locale"


def say(msgid, language="nn", context=None):
    """The text the page shows in `language` for `msgid`."""
    with translation.override(language):
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


def nynorsk_ipip_items():
    files = sorted((Path(settings.BASE_DIR) / "participants" / "data").glob("ipip50_nn*.json"))
    assert files, "the nynorsk IPIP-50 items (participants/data/ipip50_nn*.json) are missing"
    return [item["nn"] for item in json.loads(files[0].read_text(encoding="utf-8"))["items"]]


def log_out(page):
    page.locator("#main-nav .dropdown-toggle").click()
    page.get_by_role("button", name=say("Log out")).click()


@pytest.mark.django_db(transaction=True)
def test_bindal_in_nynorsk_a_leader_takes_ipip_50_builds_a_plan_and_prints_it(page, look, world, tmp_path):
    space = ParticipantFactory(
        programme=world.other_programme, user__email="leiar@bindal.no", user__first_name="Siri", user__last_name="Lid"
    )

    log_in(page, "hr@bindal.no", PASSWORD)
    page.goto(reverse("people", kwargs={"pk": world.bindal.pk}))
    page.get_by_role("combobox", name=say("Written standard", "nb")).select_option("nn")
    page.get_by_role("button", name=say("Save written standard", "nb")).click()
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.locator(".alert-success")).to_have_text(say("The written standard is saved."))
    look("nn-people")
    world.bindal.refresh_from_db()
    assert world.bindal.language == "nn"
    log_out(page)

    log_in(page, "leiar@bindal.no", PASSWORD)  # the login page is the browser's: bokmål
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    look("nn-leader-home")

    page.goto(reverse("profile_consent", kwargs={"pk": space.pk}))
    look("nn-profile-consent")
    page.get_by_label(
        say("I have read this and agree to a personality profile being recorded for my own development.")
    ).check()
    page.get_by_role("button", name=say("I consent")).click()
    page.goto(reverse("profile_ipip", kwargs={"pk": space.pk}))
    items = nynorsk_ipip_items()
    expect(page.locator("legend").first).to_have_text(f"1. {items[0]}")
    for index in range(50):
        page.locator(f'input[name="q{index}"][value="{4 if index % 2 else 2}"]').check()
    look("nn-ipip-form")
    page.get_by_role("button", name=say("See my result")).click()
    expect(page.locator("main")).to_contain_text(say("Extraversion"))
    look("nn-ipip-result")
    assert PersonalityProfile.objects.get(participant=space).scores["extraversion"]["sum"] == 28

    page.goto(reverse("plan_goal_create", kwargs={"pk": space.pk}))
    page.locator("#id_title").fill("Delegere meir i kvardagen")
    page.get_by_label(say("How success shows")).fill("Teamet tek avgjerder utan meg")
    page.get_by_label(say("Deadline"), exact=True).fill("2027-03-01")
    look("nn-plan-goal-form")
    page.get_by_role("button", name=say("Save"), exact=True).click()
    goal = PlanGoal.objects.get(plan__participant=space)
    page.goto(reverse("plan_action_create", kwargs={"pk": goal.pk}))
    page.get_by_label(say("Action")).fill("Delegeringsliste på måndagsmøtet")
    page.get_by_role("button", name=say("Save"), exact=True).click()
    expect(page.locator("main")).to_contain_text("Delegeringsliste på måndagsmøtet")
    look("nn-plan")
    assert PlanAction.objects.filter(goal=goal).count() == 1

    response = page.request.get(reverse("plan_pdf", kwargs={"pk": space.pk}))
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf_language(pdf) == "nn"
    (tmp_path / "plan.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True, check=True)
    text = " ".join(text.stdout.split())
    assert "Delegere meir i kvardagen" in text and "Delegeringsliste på måndagsmøtet" in text
    labels = ["Development plan", "Goals and actions", "How success shows", "Deadline", "Action", "Status"]
    for msgid in labels:
        assert say(msgid) in text, msgid
    # No bokmål left where nynorsk words it otherwise.
    bokmal_only = [say(m, "nb") for m in labels if say(m, "nb") != say(m) and say(m, "nb") not in say(m)]
    assert [word for word in bokmal_only if re.search(rf"\b{re.escape(word)}\b", text)] == []


PAGES = sorted(name for name, (_kwargs, expected, _marker) in MATRIX.items() if 200 in expected)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_page_passes_axe_in_bokmal_and_nynorsk(page, world, language, live_server):
    """The journeys scan the pages they pass in bokmål; this scans every page, once in each målform."""
    look = looker(page, prefix=f"{language}-")
    logged_in = None
    for name in PAGES:
        kwargs, expected, _marker = MATRIX[name]
        persona = next(p for p, status in zip(PERSONAS, expected, strict=True) if status == 200)
        if persona != logged_in:
            page.context.clear_cookies()
            if persona != "anonymous":
                user = getattr(world, persona)
                MailPreference.objects.update_or_create(user=user, defaults={"language": language})
                log_in(page, user.email, PASSWORD)
            else:
                page.context.add_cookies(
                    [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
                )
            logged_in = persona
        page.goto(reverse(name, kwargs=kwargs(world)))
        if "html" not in (page.evaluate("document.contentType") or ""):
            continue
        expect(page.locator("html")).to_have_attribute("lang", language)
        look(name)
    assert Participant.objects.exists()
