import datetime
import re

import pytest
from playwright.sync_api import expect

from participants.models import Participant
from sessions.models import Attendance, RunAssignment
from tests.factories import PASSWORD

from .test_journeys import log_in

HEADER = "Navn;E-post;Stilling;Ledernivå;Enhet;Sektor;Leders e-post;Kosthold"


def csv_file(tmp_path):
    rows = [HEADER]
    for u in range(3):
        boss = f"enhetsleder{u}@bergen.no"
        rows.append(f"Enhetsleder {u};{boss};Enhetsleder;enhetsleder;Enhet {u};Sektor {u % 2};;")
        for d in range(3):
            diet = "glutenfri" if d == 0 else ""
            rows.append(
                f"Avdelingsleder {u}-{d};avd{u}{d}@bergen.no;Avdelingsleder;avdelingsleder;"
                f"Enhet {u};Sektor {u % 2};{boss};{diet}"
            )
    path = tmp_path / "deltakere.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return path


@pytest.mark.django_db(transaction=True)
def test_import_assign_and_take_attendance_on_a_phone(phone, look_phone, world, tmp_path):
    page, look = phone, look_phone
    world.run.delete()
    Participant.objects.filter(programme=world.programme).delete()
    log_in(page, "hr@vefsn.no", PASSWORD)

    page.goto(f"/programmer/{world.programme.pk}/deltakere/")
    page.get_by_role("link", name="Importer deltakere").click()
    look("import")
    page.get_by_label("Fil").set_input_files(str(csv_file(tmp_path)))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    look("import-preview")
    page.get_by_role("button", name=re.compile(r"Importer 12 deltakere")).click()
    expect(page.locator(".alert-success")).to_contain_text("12")
    assert Participant.objects.filter(programme=world.programme).count() == 12

    page.goto(f"/samlinger/{world.gathering.pk}/gjennomforinger/")
    # Days already passed: attendance is taken only once a run has started.
    for day in ("2026-03-02", "2026-03-03"):
        page.get_by_role("link", name="Legg til gjennomføring").click()
        page.get_by_label("Dato").fill(day)
        page.get_by_label("Sted").fill("Grieghallen")
        page.get_by_label("Kapasitet").fill("6")
        page.get_by_role("button", name="Lagre").click()
        expect(page.locator(".alert-success")).to_have_text("Gjennomføringen er lagt til.")
    page.get_by_role("button", name="Fordel deltakerne").click()
    expect(page.locator(".alert-success")).to_have_text("12 deltakere er fordelt på gjennomføringene.")
    look("runs")
    assert RunAssignment.objects.filter(gathering=world.gathering).count() == 12

    page.get_by_role("link", name="Gjennomføring 1").click()
    page.get_by_role("link", name="Oppmøte").click()
    look("attendance")
    first = page.locator(".attendance-list li").first
    name = first.locator(".fw-semibold").inner_text()
    first.get_by_role("button", name="Til stede").click()
    expect(first.get_by_role("button", name="Til stede")).to_have_attribute("aria-pressed", "true")
    expect(page.locator('[data-count="present"]')).to_have_text("1")
    # The search narrows the list to the person typed, and to nobody for someone in the other run.
    page.get_by_label("Søk etter navn").fill(name.upper())
    expect(page.locator(".attendance-list li:visible")).to_have_count(1)
    expect(page.locator(".attendance-list li:visible .fw-semibold")).to_have_text(name)
    elsewhere = RunAssignment.objects.filter(gathering=world.gathering, run__number=2).select_related(
        "participant__user"
    )
    page.get_by_label("Søk etter navn").fill(str(elsewhere.first().participant.user))
    expect(page.locator(".attendance-list li:visible")).to_have_count(0)
    attendance = Attendance.objects.get()
    assert (str(attendance.participant.user), attendance.status, attendance.marked_by) == (name, "present", world.hr)


@pytest.mark.django_db(transaction=True)
def test_hr_moves_a_leader_into_their_managers_run_and_both_pages_say_so(page, look, world):
    from sessions import services
    from tests.factories import ParticipantFactory

    world.run.delete()
    boss = ParticipantFactory(programme=world.programme, leader_level="unit", user__first_name="Berit")
    report = ParticipantFactory(programme=world.programme, manager=boss, user__first_name="Rune")
    first, second = (
        services.run_create(
            gathering=world.gathering,
            created_by=world.hr,
            date=datetime.date(2027, 3, day),
            start_time=datetime.time(9),
            end_time=datetime.time(15, 30),
            venue="Grieghallen",
            capacity=10,
        )
        for day in (1, 2)
    )
    services.run_move_participant(participant=report, run=first, moved_by=world.hr)
    services.run_move_participant(participant=boss, run=second, moved_by=world.hr)
    log_in(page, "hr@vefsn.no", PASSWORD)

    page.goto(f"/gjennomforinger/{first.pk}/")
    page.locator(f"form:has(#move-{report.pk})").get_by_role("button", name="Flytt").click()
    expect(page.locator(".alert-success")).to_have_text(f"{report.user} er flyttet til gjennomføring 2.")
    assert RunAssignment.objects.get(participant=report).run == second

    page.goto(f"/gjennomforinger/{second.pk}/")
    expect(page.get_by_role("row", name=re.compile(str(report.user)))).to_contain_text(
        f"Samme gjennomføring som sin leder, {boss.user}"
    )
    look("run-beside-manager")
    page.goto(f"/samlinger/{world.gathering.pk}/gjennomforinger/")
    expect(page.locator("article").nth(1)).to_contain_text("1 leder er i samme gjennomføring som sin egen leder.")
    expect(page.locator("article").nth(0)).not_to_contain_text("samme gjennomføring")
    look("runs-beside-manager")
