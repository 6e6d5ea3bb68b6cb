import datetime
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Reminder, ReminderOptOut
from core.reminders.services import reminders_scan
from participants.models import Participant
from sessions.models import RunAssignment
from tests.factories import PASSWORD
from tests.test_reminders_world import set_aside_other_reminders


def log_in(page, email):
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


@pytest.mark.django_db(transaction=True)
def test_a_leader_turns_gathering_reminders_off_and_hr_sees_the_log(page, look, world):
    set_aside_other_reminders(world)
    run = world.run
    run.date, run.start_time = timezone.localdate() + timedelta(days=3), datetime.time(9)
    run.save()
    for user in (world.participant, world.peer):
        participant = Participant.objects.get(user=user, programme=world.programme)
        RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)

    log_in(page, "deltaker@vefsn.no")
    page.get_by_role("button", name="Ingrid Deltakersen").click()
    page.get_by_role("link", name="Påminnelser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Påminnelser")
    checkbox = page.get_by_label("Før en samling (7 / 1 dager før)")
    expect(checkbox).to_be_checked()
    look("reminder-preferences")
    checkbox.uncheck()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status").first).to_contain_text("Valgene dine er lagret.")
    expect(page.get_by_label("Før en samling (7 / 1 dager før)")).not_to_be_checked()
    assert ReminderOptOut.objects.filter(user=world.participant, kind="gathering_run").exists()

    reminders_scan()
    assert sorted(Reminder.objects.values_list("recipient__email", "state")) == [
        ("kollega@vefsn.no", "sent"),
        ("veileder@example.no", "sent"),
    ]

    page.context.clear_cookies()
    log_in(page, "hr@vefsn.no")
    page.goto(f"/kommuner/{world.vefsn.pk}/personer/")
    page.get_by_role("link", name="Påminnelseslogg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Påminnelser i Vefsn kommune")
    rows = page.get_by_role("table", name="Påminnelser, nyeste først").get_by_role("row")
    expect(rows).to_have_count(3)
    expect(page.get_by_role("table", name="Påminnelser, nyeste først")).to_contain_text("kollega@vefsn.no")
    expect(page.get_by_role("table", name="Påminnelser, nyeste først")).not_to_contain_text("deltaker@vefsn.no")
    look("reminder-log")
