"""A municipality's målform (written standard) is its people's language, unless a person chooses another."""

import pytest
from django.core import mail
from django.urls import reverse

from core.language import SESSION_LANGUAGE, language_of
from core.models import AuditEvent, MailPreference, Municipality
from evaluation import services as evaluation_services
from evaluation.report import render_report_html
from tests.factories import ParticipantFactory


def pdf_language(pdf):
    """The document language in the PDF's catalogue (WeasyPrint writes it from <html lang>, in a compressed stream)."""
    import re
    import zlib

    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            data = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        found = re.search(rb"/Lang \((\w+)\)", data)
        if found:
            return found.group(1).decode()
    return None


def lang_of(response):
    body = response.content.decode()
    start = body.index("<html lang=")
    return body[start + len('<html lang="') : body.index('"', start + len('<html lang="'))]


def nynorsk(municipality):
    municipality.language = Municipality.WrittenStandard.NYNORSK
    municipality.save(update_fields=["language"])
    return municipality


@pytest.mark.django_db
def test_hr_sets_the_written_standard_on_the_people_page(client, world):
    client.force_login(world.hr)
    page = client.get(reverse("people", kwargs={"pk": world.vefsn.pk})).content.decode()
    assert '<option value="nb" selected>Bokmål</option><option value="nn">Nynorsk</option>' in page

    response = client.post(reverse("municipality_language", kwargs={"pk": world.vefsn.pk}), {"language": "nn"})

    assert response["Location"] == reverse("people", kwargs={"pk": world.vefsn.pk})
    world.vefsn.refresh_from_db()
    world.bindal.refresh_from_db()
    assert (world.vefsn.language, world.bindal.language) == ("nn", "nb")
    event = AuditEvent.objects.get(action="municipality.language_set")
    assert (event.actor, event.municipality, event.detail) == (
        world.hr,
        world.vefsn,
        {"previous": "nb", "language": "nn"},
    )
    # HR is one of the municipality's people: their own pages follow at once.
    page = client.get(reverse("people", kwargs={"pk": world.vefsn.pk}))
    assert lang_of(page) == "nn"
    assert '<option value="nn" selected>Nynorsk</option>' in page.content.decode()


@pytest.mark.django_db
def test_an_unknown_written_standard_changes_nothing(client, world):
    client.force_login(world.hr)
    client.post(reverse("municipality_language", kwargs={"pk": world.vefsn.pk}), {"language": "en"})
    world.vefsn.refresh_from_db()
    assert world.vefsn.language == "nb"
    assert not AuditEvent.objects.filter(action="municipality.language_set").exists()


@pytest.mark.django_db
def test_people_of_a_nynorsk_municipality_read_nynorsk_from_login(client, world):
    nynorsk(world.bindal)
    leader = ParticipantFactory(programme=world.other_programme, user__email="leiar@bindal.no").user

    client.force_login(leader)

    assert client.session[SESSION_LANGUAGE] == "nn"
    response = client.get(reverse("home"))
    assert (lang_of(response), response["Content-Language"]) == ("nn", "nn")
    # The Vefsn participant in the same browser session afterwards still reads bokmål.
    client.force_login(world.participant)
    assert lang_of(client.get(reverse("home"))) == "nb"


@pytest.mark.django_db
def test_a_persons_own_choice_overrides_the_written_standard(client, world):
    nynorsk(world.bindal)
    MailPreference.objects.create(user=world.other_hr, language="nb")
    client.force_login(world.other_hr)
    assert lang_of(client.get(reverse("home"))) == "nb"
    assert language_of(world.other_hr, municipality=world.bindal) == "nb"


@pytest.mark.django_db
def test_the_footer_switcher_keeps_a_logged_in_persons_choice(client, world):
    nynorsk(world.bindal)
    client.force_login(world.other_hr)
    assert lang_of(client.get(reverse("home"))) == "nn"

    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert lang_of(client.get(reverse("home"))) == "en"
    assert MailPreference.objects.get(user=world.other_hr).language == "en"
    # ... and the next login too, in another browser.
    client.logout()
    client.cookies.clear()
    client.force_login(world.other_hr)
    assert lang_of(client.get(reverse("home"))) == "en"


@pytest.mark.django_db
def test_the_reminder_page_choice_takes_effect_at_once(client, world):
    client.force_login(world.participant)
    client.post(reverse("reminder_preferences"), {"language": "nn"})
    assert lang_of(client.get(reverse("home"))) == "nn"
    assert MailPreference.objects.get(user=world.participant).language == "nn"


@pytest.mark.django_db
def test_a_facilitator_of_a_bokmal_and_a_nynorsk_municipality_reads_the_sites_language(world):
    from tests.factories import FacilitatorFactory

    nynorsk(world.bindal)
    FacilitatorFactory(programme=world.other_programme, user=world.facilitator)
    assert language_of(world.facilitator) == "nb"
    assert language_of(world.other_facilitator) == "nn"
    # About something of Bindal's, the facilitator is written to in Bindal's målform.
    assert language_of(world.facilitator, municipality=world.bindal) == "nn"


@pytest.mark.django_db
def test_an_invitation_is_written_in_the_municipalitys_written_standard(
    client, world, django_capture_on_commit_callbacks
):
    nynorsk(world.bindal)
    client.force_login(world.other_hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("invite", kwargs={"pk": world.bindal.pk}),
            {"email": "ny.leiar@bindal.no", "first_name": "Ny", "last_name": "Leiar", "role": "executive"},
        )
    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert message.to == ["ny.leiar@bindal.no"]
    assert '<html lang="nn">' in html


@pytest.mark.django_db
def test_the_report_is_in_the_written_standard_unless_another_language_is_chosen(world):
    nynorsk(world.vefsn)
    world.report.delete()
    report = evaluation_services.report_request(programme=world.programme, requested_by=world.hr, recommendation="Ja.")
    assert report.language == "nn"
    assert '<html lang="nn">' in render_report_html(report)

    report.state = report.State.READY
    report.save()
    english = evaluation_services.report_request(
        programme=world.programme, requested_by=world.hr, recommendation="Yes.", language="en"
    )
    assert english.language == "en"
    assert '<html lang="en">' in render_report_html(english)


@pytest.mark.django_db
def test_the_report_form_offers_the_written_standard_first(client, world):
    nynorsk(world.vefsn)
    client.force_login(world.hr)
    page = client.get(reverse("evaluation_report", kwargs={"pk": world.programme.pk})).content.decode()
    assert '<option value="nn" selected>' in page


@pytest.mark.django_db
def test_the_plan_pdf_is_in_the_readers_language(client, world):
    nynorsk(world.vefsn)
    client.force_login(world.participant)
    space = world.participant.participations.get()
    pdf = client.get(reverse("plan_pdf", kwargs={"pk": space.pk})).content
    assert pdf_language(pdf) == "nn"


@pytest.mark.django_db
def test_a_new_password_mail_is_in_the_persons_language_not_the_browsers(client, world):
    MailPreference.objects.create(user=world.participant, language="en")
    client.post(reverse("account_reset_password"), {"email": world.participant.email})  # a bokmål browser
    [message] = mail.outbox
    assert message.to == [world.participant.email]
    assert "You are receiving this e-mail because you or someone else asked for a new password" in message.body
