"""People choose their reminders; HR sees what was sent to whom and when, and what failed and why."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, MailPreference, Reminder, ReminderOptOut
from tests.conftest import main_text
from tests.factories import UserFactory

State = Reminder.State
URL = reverse("reminder_preferences")


def log_url(municipality, **query):
    from urllib.parse import urlencode

    return reverse("reminder_log", kwargs={"pk": municipality.pk}) + (f"?{urlencode(query)}" if query else "")


# Every kind a participant may turn off, in the order of the preferences page; a facilitator is
# offered the gathering and meeting reminders and the case follow-ups instead.
OPTIONAL = ["gathering_run", "peer_meeting", "plan_checkin", "baseline_profile", "evaluation"]
FACILITATOR_OPTIONAL = ["gathering_run", "peer_meeting", "case_followup"]


@pytest.mark.django_db
def test_the_user_menu_links_to_the_choices(client, world):
    client.force_login(world.participant)
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_optional_kinds_are_on_by_default_and_invitations_are_not_offered(client, world):
    client.force_login(world.participant)
    response = client.get(URL)
    form = response.context["form"]
    assert [key for key, _label in form.fields["kinds"].choices] == OPTIONAL
    assert form.initial == {"kinds": OPTIONAL, "language": "nb"}
    text = main_text(response)
    assert "Før en samling (7 / 1 dager før)" in text
    assert "Før et møte i kollegagruppen" in text
    assert "Når utviklingsplanen min ikke er oppdatert på en stund" in text
    assert "Når kartleggingen eller personlighetsprofilen min ikke er gjort" in text
    assert "Når en evaluering åpner og før den lukkes, hvis jeg ikke har svart" in text
    assert "Saker som skal følges opp" not in text  # a facilitator's reminder
    assert "Invitasjoner og e-poster om passord kommer alltid." in text


@pytest.mark.django_db
def test_each_role_is_offered_only_the_reminders_that_can_reach_it(client, world):
    client.force_login(world.facilitator)
    form = client.get(URL).context["form"]
    assert [key for key, _label in form.fields["kinds"].choices] == FACILITATOR_OPTIONAL

    client.force_login(world.hr)
    page = client.get(URL)
    assert list(page.context["form"].fields) == ["language"]
    assert "du har ingen av de rollene nå" in main_text(page)
    assert client.post(URL, {"language": "en"})["Location"] == URL
    assert MailPreference.objects.get(user=world.hr).language == "en"
    assert not ReminderOptOut.objects.filter(user=world.hr).exists()


@pytest.mark.django_db
def test_a_choice_about_a_kind_not_offered_now_is_kept(client, world):
    """Turned off as a facilitator, then saved while only a participant: still off."""
    from participants.models import Facilitator, Participant

    ReminderOptOut.objects.create(user=world.participant, kind="case_followup")
    client.force_login(world.participant)
    client.post(URL, {"kinds": ["gathering_run"], "language": "nb"})

    assert sorted(ReminderOptOut.objects.filter(user=world.participant).values_list("kind", flat=True)) == sorted(
        ["peer_meeting", "plan_checkin", "baseline_profile", "evaluation", "case_followup"]
    )
    # A post that names a kind the page did not offer is refused, and nothing changes.
    response = client.post(URL, {"kinds": ["gathering_run", "case_followup"], "language": "en"})
    assert response.status_code == 200 and "case_followup" in str(response.context["form"].errors)
    assert MailPreference.objects.get(user=world.participant).language == "nb"
    assert Participant.objects.filter(user=world.participant).exists()
    assert not Facilitator.objects.filter(user=world.participant).exists()


@pytest.mark.django_db
def test_turning_a_kind_off_and_choosing_english(client, world):
    client.force_login(world.participant)
    response = client.post(URL, {"language": "en"})

    assert response["Location"] == URL
    assert sorted(ReminderOptOut.objects.values_list("user__email", "kind")) == [
        ("deltaker@vefsn.no", key) for key in sorted(OPTIONAL)
    ]
    assert MailPreference.objects.get(user=world.participant).language == "en"
    event = AuditEvent.objects.get(action="reminders.preferences_set")
    assert (event.actor, event.detail) == (world.participant, {"off": sorted(OPTIONAL), "language": "en"})
    page = client.get(URL)
    assert "Valgene dine er lagret." in main_text(page)
    assert page.context["form"].initial == {"kinds": [], "language": "en"}

    client.post(URL, {"kinds": OPTIONAL, "language": "nb"})
    assert ReminderOptOut.objects.count() == 0

    client.post(URL, {"kinds": ["gathering_run", "peer_meeting"], "language": "nb"})
    assert sorted(ReminderOptOut.objects.values_list("kind", flat=True)) == [
        "baseline_profile",
        "evaluation",
        "plan_checkin",
    ]
    assert MailPreference.objects.get(user=world.participant).language == "nb"


@pytest.mark.django_db
def test_invitations_cannot_be_turned_off_and_bad_input_changes_nothing(client, world):
    client.force_login(world.participant)
    response = client.post(URL, {"kinds": ["invitation"], "language": "xx"})

    assert response.status_code == 200
    text = main_text(response)
    assert "Velg et gyldig valg. invitation er ikke et av de tilgjengelige valgene." in text
    assert "Velg et gyldig valg. xx er ikke et av de tilgjengelige valgene." in text
    assert (ReminderOptOut.objects.count(), MailPreference.objects.count()) == (0, 0)


def reminder(world, recipient, *, municipality=None, kind="gathering_run", state=State.SENT, n=0, **fields):
    now = timezone.now()
    return Reminder.objects.create(
        kind=kind,
        recipient=recipient,
        target_id=world.run.pk,
        slot=f"7d:2026-10-{n + 1:02d}",
        municipality=municipality or world.vefsn,
        state=state,
        attempts=fields.pop("attempts", 1),
        created_at=now - datetime.timedelta(minutes=n),
        sent_at=now if state == State.SENT else None,
        **fields,
    )


@pytest.mark.django_db
def test_hr_sees_per_kind_what_was_sent_and_what_failed_and_why(client, world):
    reminder(world, world.participant, subject="[Lederprogram] Om 7 dager: Samling 1 (5. oktober)")
    reminder(world, world.peer, state=State.FAILED, n=1, attempts=3, last_error="SMTP 550: 5.1.1 No such user")
    reminder(
        world,
        world.facilitator,
        state=State.SKIPPED,
        n=2,
        last_error="No longer due: moved, cancelled, past, or the person left it.",
    )
    reminder(world, world.outsider, kind="invitation", state=State.PENDING, n=3)
    # Bindal's reminders never show in Vefsn.
    reminder(world, world.other_facilitator, municipality=world.bindal, subject="Bindal-samling")

    client.force_login(world.hr)
    response = client.get(log_url(world.vefsn))

    assert response.context["summary"] == [
        {"key": "invitation", "label": "Invitasjoner", "sent": 0, "failed": 0, "waiting": 1, "skipped": 0},
        {
            "key": "gathering_run",
            "label": "Før en samling (7 / 1 dager før)",
            "sent": 1,
            "failed": 1,
            "waiting": 0,
            "skipped": 1,
        },
        *(
            {"key": key, "label": label, "sent": 0, "failed": 0, "waiting": 0, "skipped": 0}
            for key, label in [
                ("peer_meeting", "Før et møte i kollegagruppen"),
                ("plan_checkin", "Når utviklingsplanen min ikke er oppdatert på en stund"),
                ("baseline_profile", "Når kartleggingen eller personlighetsprofilen min ikke er gjort"),
                ("evaluation", "Når en evaluering åpner og før den lukkes, hvis jeg ikke har svart"),
                ("case_followup", "Saker som skal følges opp før en samling (prosessveiledere)"),
            ]
        ),
    ]
    text = main_text(response)
    assert "Bindal" not in text and world.other_facilitator.email not in text
    assert (
        "deltaker@vefsn.no Før en samling (7 / 1 dager før) [Lederprogram] Om 7 dager: Samling 1 (5. oktober) Sendt"
        in text
    )
    assert "kollega@vefsn.no Før en samling (7 / 1 dager før) – Feilet" in text
    assert "SMTP 550: 5.1.1 No such user (3 forsøk)" in text
    assert "Ikke sendt" in text
    assert "Ikke lenger aktuell: flyttet, avlyst, passert, eller personen er ikke lenger med." in text

    failed = client.get(log_url(world.vefsn, kind="gathering_run", state="failed"))
    assert [r.recipient for r in failed.context["reminders"]] == [world.peer]
    invitations = client.get(log_url(world.vefsn, kind="invitation"))
    assert [(r.recipient, r.state) for r in invitations.context["reminders"]] == [(world.outsider, State.PENDING)]


@pytest.mark.django_db
def test_hr_of_another_municipality_gets_404(client, world):
    reminder(world, world.participant, subject="Hemmelig")
    client.force_login(world.other_hr)
    response = client.get(log_url(world.vefsn))
    assert response.status_code == 404
    assert "Hemmelig" not in response.content.decode()


@pytest.mark.django_db
def test_the_people_page_links_to_the_log(client, world):
    client.force_login(world.hr)
    body = client.get(reverse("people", kwargs={"pk": world.vefsn.pk})).content.decode()
    assert f'href="{log_url(world.vefsn)}"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 120])
def test_log_query_count(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        reminder(world, UserFactory(), n=n + 10, state=State.FAILED if n % 3 else State.SENT, last_error="SMTP 451")
    reminder(world, world.participant)
    client.force_login(world.hr)
    # session, user, roles, municipality, summary, count, page of reminders with recipients
    with django_assert_num_queries(7):
        response = client.get(log_url(world.vefsn))
    assert len(response.context["reminders"]) == min(50, 1 + extra)
