import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from core.models import User
from programmes.models import Programme
from tests.factories import PASSWORD

NEW_PASSWORD = "fjellbjørk-og-tyttebær"


def log_in(page, email, password):
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()


def log_out(page):
    page.get_by_role("button", name=re.compile(".+")).filter(has_text="@").or_(
        page.locator("#main-nav .dropdown-toggle")
    ).first.click()
    page.get_by_role("button", name="Logg ut").click()


@pytest.mark.django_db(transaction=True)
def test_invited_person_sets_password_and_logs_in(page, look, world):
    log_in(page, "hr@vefsn.no", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Hanne")
    look("hr-home")

    page.goto(f"/programmer/{world.programme.pk}/deltakere/")
    page.get_by_role("link", name="Inviter deltaker").click()
    look("invite-form")
    page.get_by_label("E-postadresse").fill("nora.nilsen@vefsn.no")
    page.get_by_label("Fornavn").fill("Nora")
    page.get_by_label("Etternavn").fill("Nilsen")
    page.get_by_label("Stilling").fill("Enhetsleder")
    page.get_by_label("Ledernivå").select_option(label="Enhetsleder")
    page.get_by_role("button", name="Inviter").click()
    expect(page.locator(".alert-success")).to_contain_text("nora.nilsen@vefsn.no")
    look("people-after-invite")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/invitasjon/\d+/[0-9a-f]+/)", mail.outbox[0].body).group(1)
    log_out(page)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Nora")
    look("invitation-accept")
    page.locator("#id_password1").fill("for-kort")
    page.locator("#id_password2").fill("for-kort")
    page.get_by_role("button", name="Velg passord og logg inn").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("minst 12 tegn")
    look("invitation-accept-error")

    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Velg passord og logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Nora")
    expect(page.get_by_role("heading", name=re.compile("Mitt program"))).to_be_visible()
    look("participant-home")

    log_out(page)
    log_in(page, "nora.nilsen@vefsn.no", NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Nora")
    assert User.objects.get(email="nora.nilsen@vefsn.no").check_password(NEW_PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_hr_creates_programme_and_edits_a_gathering(page, look, world):
    log_in(page, "hr@vefsn.no", PASSWORD)
    page.get_by_role("link", name="Nytt program").first.click()
    look("programme-form")
    page.get_by_label("Navn").fill("Lederløft Vefsn 2027")
    page.get_by_label("Startdato").fill("2027-01-11")
    page.get_by_label("Hovedmål").fill("En felles plattform for utøvelse av ledelse")
    page.get_by_label("Delmål").fill("Overfor ansatte\nI samspill med brukerne")
    page.get_by_label("Kommunens verdier").fill("humør\nansvar\nnysgjerrighet\nengasjement")
    page.get_by_role("button", name="Lagre").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Lederløft Vefsn 2027")
    expect(page.locator(".card-gathering")).to_have_count(4)
    look("programme-detail")
    programme = Programme.objects.get(name="Lederløft Vefsn 2027")
    assert str(programme.end_date) == "2029-01-11"

    page.get_by_role("link", name="1. Samling 1").click()
    page.get_by_role("link", name="Rediger samling").click()
    look("gathering-form")
    page.get_by_label("Tittel").fill("Meg som leder i Vefsn kommune")
    page.get_by_label("Dato").fill("2027-02-03")
    page.get_by_label("Varighet").select_option("2")
    page.get_by_label("Sted").fill("Kulturverkstedet, Mosjøen")
    page.get_by_label("Sentrale tema").fill("Bli kjent\nVisjon, verdier og kultur")
    page.get_by_role("button", name="Lagre").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("1. Meg som leder i Vefsn kommune")
    expect(page.locator("main")).to_contain_text("Visjon, verdier og kultur")
    expect(page.locator("main")).to_contain_text("3.–4. feb. 2027")
    look("gathering-detail")
    gathering = programme.gatherings.get(number=1)
    assert (gathering.title, gathering.days, gathering.topics) == (
        "Meg som leder i Vefsn kommune",
        2,
        ["Bli kjent", "Visjon, verdier og kultur"],
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_login_page_is_accessible(page, look, language, live_server):
    from django.conf import settings
    from django.utils import translation

    with translation.override(language):
        heading = translation.gettext("Log in")
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    page.goto("/konto/login/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    look(f"login-{language}")
