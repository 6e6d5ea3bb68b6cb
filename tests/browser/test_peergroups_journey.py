"""HR composes and confirms peer groups, a facilitator logs a case and its follow-up, a member reads it."""

import pytest
from playwright.sync_api import expect

from participants.models import Participant
from peergroups.models import Case, PeerGroup, PeerGroupSetup
from tests.browser.test_journeys import log_in, log_out
from tests.factories import PASSWORD, FacilitatorFactory, ParticipantFactory, programme_with_gatherings

SECTORS = ["Helse og omsorg", "Oppvekst", "Teknisk", "Stab"]


@pytest.mark.django_db(transaction=True)
def test_peer_group_journey(page, look, world):
    programme = programme_with_gatherings(world.vefsn, name="Lederløft Vefsn 2027")
    FacilitatorFactory(programme=programme, user=world.facilitator)
    ingrid = ParticipantFactory(
        programme=programme, user=world.participant, sector="Helse og omsorg", unit="Sykehjemmet", leader_level="unit"
    )
    for n in range(11):
        ParticipantFactory(
            programme=programme,
            sector=SECTORS[n % 4],
            unit=f"Enhet {n}",
            leader_level="strategic" if n < 3 else "unit",
            manager=ingrid if n == 4 else None,  # never in Ingrid's group
        )

    # HR composes the groups, looks at the proposal and confirms it.
    log_in(page, "hr@vefsn.no", PASSWORD)
    page.goto(f"/programmer/{programme.pk}/kollegagrupper/")
    look("peergroups-none")
    page.get_by_role("link", name="Sett sammen grupper").click()
    page.get_by_role("button", name="Foreslå grupper").click()
    expect(page.locator(".alert-success")).to_contain_text("2 grupper er foreslått")
    expect(page.locator("#proposal-quality")).to_contain_text(
        "Ingen leder er i samme gruppe som sin egen leder eller en direkte underordnet."
    )
    look("peergroups-proposal")
    page.get_by_role("button", name="Bekreft gruppene").click()
    expect(page.locator(".alert-success")).to_contain_text("Gruppene er bekreftet")
    look("peergroups-confirmed")
    assert PeerGroupSetup.objects.get(programme=programme).confirmed_by == world.hr
    group = PeerGroup.objects.get(programme=programme, members__participant=ingrid)
    assert not group.members.filter(participant__manager=ingrid).exists()
    log_out(page)

    # The facilitator logs a case Ingrid brought, and later its follow-up.
    log_in(page, "veileder@example.no", PASSWORD)
    expect(page.locator("main")).to_contain_text("Kollegagrupper jeg veileder")
    page.get_by_role("link", name=group.name, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(group.name)
    page.get_by_role("link", name="Registrer lederutfordring").click()
    expect(page.locator(".alert-warning")).to_contain_text("Ikke skriv navn.")
    look("case-form")
    page.get_by_label("Tatt opp av").select_option(label=str(ingrid.user))
    page.get_by_label("Tittel").fill("Helgevakter ingen vil ta")
    page.get_by_label("Situasjonen").fill("En avdeling har mange ubesatte helgevakter.")
    page.get_by_label("Utfordringen og spørsmålet til gruppa").fill("Hvordan fordele helgene rettferdig?")
    page.get_by_label("Tiltaket lederen valgte").fill("Ønsketurnus prøves ut i tre måneder.")
    page.get_by_label("Konflikt").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".alert-success")).to_contain_text("Bare gruppa og prosessveilederen kan lese den.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Helgevakter ingen vil ta")
    look("case-detail")
    page.get_by_role("link", name="Legg til oppfølging").click()
    page.get_by_label("Oppfølging: hva skjedde").fill("Ønsketurnusen fylte alle helgene i desember.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#follow-up")).to_contain_text("Ønsketurnusen fylte alle helgene i desember.")
    look("case-followed-up")
    case = Case.objects.get(title="Helgevakter ingen vil ta")
    assert (case.brought_by, case.group, [t.code for t in case.themes.all()]) == (ingrid, group, ["conflict"])
    log_out(page)

    # Ingrid finds her group on the start page and reads the case with its follow-up.
    log_in(page, "deltaker@vefsn.no", PASSWORD)
    expect(page.locator("main")).to_contain_text(f"Min kollegagruppe: {group.name}")
    look("member-home")
    page.get_by_role("link", name=group.name, exact=True).first.click()
    page.get_by_role("link", name="Helgevakter ingen vil ta").click()
    expect(page.locator("#follow-up")).to_contain_text("Ønsketurnusen fylte alle helgene i desember.")
    look("case-member")
    assert Participant.objects.get(pk=ingrid.pk).peer_membership.group == group

    # Ingrid plans a meeting for the group, then deletes it: it is not going to happen after all.
    page.goto(f"/kollegagrupper/{group.pk}/")
    page.get_by_role("link", name="Legg til møte").click()
    page.get_by_label("Dato").fill("2027-02-03")
    page.get_by_label("Sted").fill("Biblioteket, møterom 2")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#meetings")).to_contain_text("Biblioteket, møterom 2")
    page.get_by_role("link", name="Endre møtet 3. februar").click()
    page.get_by_role("link", name="Slett møtet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Slett møte")
    expect(page.locator("main")).to_contain_text("onsdag 3. februar 2027, 14:00–15:30 · Biblioteket, møterom 2")
    look("meeting-delete")
    page.get_by_role("button", name="Slett møtet").click()
    expect(page.locator(".alert-success")).to_contain_text("Møtet er slettet.")
    expect(page.locator("main")).not_to_contain_text("Biblioteket, møterom 2")
    assert not group.meetings.exists()
