"""The network organiser's path (issue 19): the network list offers a new network programme, the form
creates it, and the network programme page shows gatherings, theme days, panels and pairs; a member
municipality's leader reads it on a phone. axe scans every page."""

import datetime

import pytest
from playwright.sync_api import expect

from networks import services
from networks.models import Composition
from programmes.models import Programme
from tests.browser.test_journeys import log_in
from tests.factories import PASSWORD, ParticipantFactory
from tests.network_world import build


@pytest.fixture
def net(db):
    world = build()
    for municipality, first in ((world.vefsn, "Vera"), (world.bindal, "Bård"), (world.vefsn, "Viggo")):
        ParticipantFactory(programme=world.programme, home_municipality=municipality, user__first_name=first)
    services.composition_create(
        programme=world.programme,
        kind=Composition.Kind.PANEL,
        title="Tverrkommunalt panel",
        gathering=world.programme.gatherings.get(number=3),
        created_by=world.organiser,
    )
    services.theme_day_plan(
        programme=world.programme,
        municipality=world.bindal,
        created_by=world.hr_b,
        after_gathering=world.programme.gatherings.get(number=2),
        title="Fra prosjekt til drift",
        date=datetime.date(2027, 2, 10),
        place="Bindal kommunehus",
    )
    return world


@pytest.mark.django_db(transaction=True)
def test_the_organiser_sets_up_a_network_programme(page, look, net):
    log_in(page, "arrangor@ks.no", PASSWORD)
    page.goto("/nettverk/")
    look("network-list")
    page.get_by_role("link", name="Nytt nettverksprogram").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt nettverksprogram")
    look("network-programme-form")
    page.get_by_label("Navn").fill("Helgeland lederprogram 2027")
    page.get_by_label("Startdato").fill("2027-01-11")
    page.get_by_label("Hovedmål").fill("Felles lederutvikling i regionen")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".alert-success")).to_contain_text("Nettverksprogrammet er opprettet.")
    programme = Programme.objects.get(name="Helgeland lederprogram 2027")
    assert (programme.network, programme.municipality, programme.gatherings.count()) == (net.network, None, 4)
    look("network-programme-created")

    page.goto(f"/nettverk/program/{net.programme.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Tverrkommunalt panel")
    expect(main).to_contain_text("Fra prosjekt til drift")
    look("network-programme-page")
    page.get_by_role("link", name="Administrer programmet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saman om ein betre kommune")
    look("network-programme-administered")


@pytest.mark.django_db(transaction=True)
def test_a_member_leader_reads_the_network_programme_on_a_phone(phone, look_phone, net):
    log_in(phone, "leder@bindal.no", PASSWORD)
    phone.goto(f"/nettverk/program/{net.programme.pk}/")
    expect(phone.locator("main")).to_contain_text("Fra prosjekt til drift")
    expect(phone.get_by_role("link", name="Administrer programmet")).to_have_count(0)
    look_phone("network-programme-leader")


@pytest.mark.django_db(transaction=True)
def test_member_hr_marks_its_own_leaders_attendance(page, look, net):
    from django.utils import timezone

    from sessions.models import Attendance, Run, RunAssignment

    gathering = net.programme.gatherings.get(number=3)
    run = Run.objects.create(
        gathering=gathering,
        number=1,
        date=timezone.localdate(),
        start_time=datetime.time(10),
        end_time=datetime.time(17),
        venue="Mosjøen hotell",
        capacity=150,
    )
    for participant in net.programme.participants.all():
        RunAssignment.objects.create(run=run, gathering=gathering, participant=participant)
    log_in(page, "hr@vefsn.no", PASSWORD)
    page.goto(f"/nettverk/program/{net.programme.pk}/")
    page.get_by_role("link", name="Oppmøte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppmøte")
    expect(page.locator("main")).not_to_contain_text("Bjørn")
    look("network-attendance")
    page.get_by_label("Status for Astrid Leder, dag 1").select_option("present")
    page.get_by_label("Status for Astrid Leder, dag 1").locator("xpath=..").get_by_role("button", name="Lagre").click()
    expect(page.locator(".alert-success")).to_contain_text("Oppmøte lagret for Astrid Leder.")
    assert Attendance.objects.get(participant=net.participant_a).status == "present"
    look("network-attendance-saved")


@pytest.mark.django_db(transaction=True)
def test_member_hr_imports_its_own_leaders_from_a_file(page, look, net, tmp_path):
    path = tmp_path / "ledere.csv"
    path.write_text("Navn;E-post;Stilling\r\nSiv Mosjøen;siv@vefsn.no;Rektor\r\n", encoding="utf-8")
    log_in(page, "hr@vefsn.no", PASSWORD)
    page.goto(f"/nettverk/program/{net.programme.pk}/")
    page.get_by_role("link", name="Importer deltakere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer deltakere")
    look("network-import")
    page.get_by_label("Fil").set_input_files(str(path))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator(".alert-success")).to_contain_text("1 deltaker ble importert.")
    expect(page.locator("main")).to_contain_text("Siv Mosjøen")
    look("network-import-done")


@pytest.mark.django_db(transaction=True)
def test_executives_read_the_network_evaluation_and_their_own_share(page, look, phone, look_phone, settings):
    """Vefsn's executive on a laptop: the network's results and Vefsn's. Bindal's on a phone: the
    network's, and Bindal's only as "too few" (13 − 6 − 5 would be Grane's 2)."""
    from django.db.models import F
    from django.utils import timezone

    from evaluation import services as evaluation_services
    from evaluation.models import Survey
    from tests.disclosure.worlds import answers_for
    from tests.network_world import build_evaluated

    settings.ANONYMITY_THRESHOLD = 5
    net = build_evaluated()
    for survey in (net.feedback, net.evaluation):
        for index, leader in enumerate(net.leaders):
            evaluation_services.survey_answer(survey=survey, user=leader.user, answers=answers_for(survey, index))
    Survey.objects.filter(programme=net.programme).update(
        opens_at=F("opens_at") - datetime.timedelta(days=30), closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = f"/nettverk/program/{net.programme.pk}/tall/"
    log_in(page, "direktor@vefsn.no", PASSWORD)
    page.goto(url)
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Evaluering: hele nettverket")).to_be_visible()
    expect(main.get_by_role("heading", name="Evaluering: Vefsn kommune")).to_be_visible()
    expect(main).not_to_contain_text("Bindal")
    look("network-figures-executive")

    log_in(phone, "direktor@bindal.no", PASSWORD)
    phone.goto(url)
    main = phone.locator("main")
    expect(main).to_contain_text("For få til å vises alene")
    expect(main).not_to_contain_text("Vefsn")
    look_phone("network-figures-executive")
