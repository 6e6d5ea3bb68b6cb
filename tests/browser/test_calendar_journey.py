import pytest
from playwright.sync_api import expect

from sessions.models import Run
from tests.factories import PASSWORD
from tests.test_calendar import assign, feed_url, make_run


@pytest.mark.django_db(transaction=True)
def test_participant_finds_the_calendar_link_and_makes_a_new_one(page, look, world):
    Run.objects.all().delete()
    run = make_run(world.gathering)
    assign(run, world.participant)
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill("deltaker@vefsn.no")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    page.get_by_role("link", name="Kalender").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalender")
    old = page.get_by_label("Lenke å abonnere på").input_value()
    assert old == f"{page.url.split('/kalender/')[0]}{feed_url(world.participant)}"
    look("calendar")

    page.get_by_role("button", name="Lag ny lenke").click()
    expect(page.get_by_role("status").first).to_contain_text("Du har fått en ny kalenderlenke.")
    new = page.get_by_label("Lenke å abonnere på").input_value()
    assert new != old
    look("calendar-renewed")
    assert page.request.get(old).status == 404
    feed = page.request.get(new)
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert f"UID:run-{run.pk}@lederprogram" in feed.text()
