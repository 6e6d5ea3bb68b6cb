"""The e-mails of the kinds built on the other capabilities' data, in Norwegian, as sent (locmem):
subject and body say what is due and link to the page, and never carry what is sensitive (a
meeting's summary, a case, a plan's content, an answer)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.models import Reminder
from core.reminders.services import reminders_scan
from evaluation.models import Respondent, Survey
from participants.models import DevelopmentPlan, Participant
from peergroups.models import Meeting
from tests.test_reminders_world import set_aside_other_reminders
from tests.worlds.peergroups import CASE_TITLE

MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
SITE = "http://127.0.0.1:8000"
PREFERENCES = f"Du kan slå av disse påminnelsene her: {SITE}/paminnelser/"


def day_month(date):
    return f"{date.day}. {MONTHS[date.month - 1]}"


def sent(kind, email):
    """The mails of `kind` to `email`: the subject in the row is the mail's."""
    subjects = set(
        Reminder.objects.filter(kind=kind, recipient__email=email, state="sent").values_list("subject", flat=True)
    )
    return sorted((m for m in mail.outbox if m.to == [email] and m.subject in subjects), key=lambda m: m.body)


@pytest.fixture
def quiet(world, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    set_aside_other_reminders(world)


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.mark.django_db
def test_peer_meeting_mail(world, quiet):
    meeting = world.pg_meeting  # Gruppe Nord, with a summary that is the group's only
    meeting.date = timezone.localdate() + datetime.timedelta(days=1)
    meeting.start_time, meeting.end_time = datetime.time(23, 0), datetime.time(23, 30)
    meeting.video_link = "https://video.example.no/nord"
    meeting.save()
    reminders_scan()

    when = f"{WEEKDAYS[meeting.date.weekday()]} {day_month(meeting.date)}"
    [member] = sent("peer_meeting", "deltaker@vefsn.no")
    assert member.subject == f"[Lederprogram] Møte i kollegagruppen {day_month(meeting.date)}: Gruppe Nord"
    assert "Hei Ingrid," in member.body
    assert f"Kollegagruppen din Gruppe Nord møtes {when} klokken 23:00." in member.body
    assert "Sted: Biblioteket, møterom 2\nVideolenke: https://video.example.no/nord\n" in member.body
    assert "Ta med en lederutfordring fra tiden siden forrige samling." in member.body
    assert f"{SITE}/kollegagrupper/{world.pg_north.pk}/" in member.body
    assert PREFERENCES in member.body
    assert "Åpne kollegagruppen" in html_of(member)

    [facilitator] = sent("peer_meeting", "veileder@example.no")
    assert f"Kollegagruppen du er prosessveileder for, Gruppe Nord, møtes {when} klokken 23:00." in facilitator.body
    assert "Ta med en lederutfordring" not in facilitator.body
    for message in (member, facilitator):
        assert "turnus" not in message.body and "turnus" not in html_of(message)

    # Moved after the scan: the reminder for the old date is not sent, the new date gets its own.
    Reminder.objects.filter(kind="peer_meeting").delete()
    mail.outbox.clear()
    Meeting.objects.filter(pk=meeting.pk).update(date=meeting.date + datetime.timedelta(days=30))
    reminders_scan()
    assert sent("peer_meeting", "deltaker@vefsn.no") == []


@pytest.mark.django_db
def test_plan_checkin_mail(world, quiet):
    plan = DevelopmentPlan.objects.get(participant__user=world.participant)
    DevelopmentPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now() - datetime.timedelta(weeks=7, days=2))
    reminders_scan()

    [message] = sent("plan_checkin", "deltaker@vefsn.no")
    assert message.subject == "[Lederprogram] På tide å se på utviklingsplanen din"
    assert (
        "Utviklingsplanen din i Lederprogram Vefsn er ikke oppdatert på 7 uker. "
        "Hva har du prøvd siden, og hva har du lært?"
    ) in message.body
    assert f"{SITE}/deltakere/{plan.participant_id}/plan/" in message.body
    assert "Åpne planen min" in html_of(message)
    # The plan's goal, action and check-in stay on the page.
    for secret in ("Delegere oppgaver", "delegeringsliste", "God start"):
        assert secret not in message.body and secret not in html_of(message)


@pytest.mark.django_db
def test_baseline_and_profile_mails(world, quiet):
    peer = Participant.objects.get(user=world.peer, programme=world.programme)
    Participant.objects.filter(pk=peer.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    reminders_scan()

    baseline, profile = sent("baseline_profile", "kollega@vefsn.no")
    for message in (baseline, profile):
        assert message.subject == "[Lederprogram] Noe venter på deg i lederprogrammet"
        assert "For å få mest mulig ut av Lederprogram Vefsn ber vi deg fullføre:" in message.body
        assert "Gå til programmet" in html_of(message)
    assert f"- Kartleggingen\n\n{SITE}/deltakere/{peer.pk}/kartlegging/" in baseline.body
    assert "Personlighetsprofilen" not in baseline.body
    assert f"- Personlighetsprofilen\n\n{SITE}/deltakere/{peer.pk}/profil/" in profile.body
    # Ingrid has done both.
    assert sent("baseline_profile", "deltaker@vefsn.no") == []


@pytest.mark.django_db
def test_evaluation_mails_open_and_closing(world, quiet):
    now = timezone.now()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    closes = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(23, 59)))
    later = timezone.make_aware(datetime.datetime.combine(tomorrow + datetime.timedelta(days=20), datetime.time(12)))
    programme = Survey.objects.create(
        programme=world.programme, kind="programme", title="Evaluering av programmet", opens_at=now, closes_at=later
    )
    Respondent.objects.create(survey=programme, user=world.participant)
    reminders_scan()

    [opening] = sent("evaluation", "kollega@vefsn.no")
    assert opening.subject == "[Lederprogram] Vi vil gjerne ha svarene dine: Evaluering av programmet"
    assert (
        f"Evalueringen Evaluering av programmet i Lederprogram Vefsn er åpen til "
        f"{day_month(later.date())} {later.year} kl. 12:00. Svarene dine er anonyme."
    ) in opening.body
    assert f"{SITE}/evaluering/{programme.pk}/svar/" in opening.body
    assert "Svar på evalueringen" in html_of(opening)
    assert sent("evaluation", "deltaker@vefsn.no") == []  # she has answered

    # Closing tomorrow night: "closing soon".
    Survey.objects.filter(pk=programme.pk).update(closes_at=closes)
    reminders_scan()
    closing = [m for m in sent("evaluation", "kollega@vefsn.no") if m.subject.startswith("[Lederprogram] Lukkes")]
    [closing] = closing
    assert closing.subject == "[Lederprogram] Lukkes snart: Evaluering av programmet"
    assert f"er åpen til {day_month(tomorrow)} {tomorrow.year} kl. 23:59." in closing.body


@pytest.mark.django_db
def test_case_followup_mail_gives_a_count_and_never_the_case(world, quiet):
    gathering = world.programme.gatherings.get(number=2)
    gathering.start_date = timezone.localdate() + datetime.timedelta(days=2)
    gathering.save()
    reminders_scan()

    [message] = sent("case_followup", "veileder@example.no")
    assert message.subject == "[Lederprogram] Oppfølging før Samling 2"
    assert (
        f"1 sak i kollegagruppene dine skal følges opp før Samling 2 ({day_month(gathering.start_date)})."
        in message.body
    )
    assert f"{SITE}/kollegagrupper/" in message.body
    assert "Åpne sakene" in html_of(message)
    # The leader who brought it (Ingrid Deltakersen); the facilitator's own first name is random.
    for secret in (CASE_TITLE, "helgevakter", "ubesatte vakter", "Deltakersen"):
        assert secret not in message.body and secret not in html_of(message)
