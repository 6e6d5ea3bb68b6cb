"""Meetings: planning them, who came, the personal calendar, and stalled groups on HR's start page."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from core.models import AuditEvent
from participants.models import Participant
from peergroups.models import Meeting
from sessions.calendar import calendar_feed_get_or_create
from tests.conftest import main_text

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def meeting_data(**changes):
    return {
        "date": "2026-12-02",
        "start_time": "14:00",
        "end_time": "15:30",
        "place": "Rådhuset, møterom Vefsna",
        "video_link": "",
        "summary": "",
        **changes,
    }


@pytest.mark.django_db
def test_a_member_plans_a_meeting_and_the_facilitator_records_who_came(client, world):
    client.force_login(world.participant)

    response = client.post(reverse("meeting_create", kwargs={"pk": world.pg_north.pk}), meeting_data())

    assert response["Location"] == reverse("peergroup_detail", kwargs={"pk": world.pg_north.pk})
    meeting = Meeting.objects.get(group=world.pg_north, date=datetime.date(2026, 12, 2))
    assert (meeting.place, meeting.attendance_recorded, meeting.sequence, meeting.created_by) == (
        "Rådhuset, møterom Vefsna",
        False,
        0,
        world.participant,
    )
    assert AuditEvent.objects.filter(action="meeting.saved", target_id=str(meeting.pk)).count() == 1

    participant = Participant.objects.get(user=world.participant)
    client.force_login(world.facilitator)
    client.post(
        reverse("meeting_update", kwargs={"pk": meeting.pk}),
        meeting_data(start_time="15:00", end_time="16:00", attendees=[participant.pk], summary="God drøfting."),
    )
    meeting.refresh_from_db()
    assert list(meeting.attendees.all()) == [participant]
    assert (meeting.attendance_recorded, meeting.sequence, meeting.summary) == (True, 1, "God drøfting.")
    text = main_text(client.get(reverse("peergroup_detail", kwargs={"pk": world.pg_north.pk})))
    assert "1 av 1 kom" in text and "God drøfting." in text


@pytest.mark.django_db
def test_a_meeting_needs_a_place_or_a_video_link_and_a_sensible_time(client, world):
    client.force_login(world.participant)
    url = reverse("meeting_create", kwargs={"pk": world.pg_north.pk})

    response = client.post(url, meeting_data(place=""))
    assert response.context["form"].errors["place"] == ["Oppgi et sted eller en videolenke."]
    response = client.post(url, meeting_data(end_time="13:00"))
    assert response.context["form"].errors["end_time"] == ["Sluttiden må være etter starttiden."]
    assert Meeting.objects.filter(group=world.pg_north).count() == 1

    client.post(url, meeting_data(place="", video_link="https://teams.example.no/møte/123"))
    assert Meeting.objects.get(group=world.pg_north, date=datetime.date(2026, 12, 2)).video_link.startswith("https://")


@pytest.mark.django_db
def test_only_members_can_be_marked_present(client, world):
    client.force_login(world.facilitator)
    peer = Participant.objects.get(user=world.peer)

    response = client.post(
        reverse("meeting_update", kwargs={"pk": world.pg_meeting.pk}), meeting_data(attendees=[peer.pk])
    )

    assert response.status_code == 200
    assert "attendees" in response.context["form"].errors
    assert list(world.pg_meeting.attendees.all()) == []


def feed_events(client, user):
    response = client.get(reverse("calendar_feed", kwargs={"token": calendar_feed_get_or_create(user=user).token}))
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}, response.content.decode()


@pytest.mark.django_db
def test_meetings_are_in_the_feeds_of_the_group_and_its_facilitator_without_content(client, world):
    uid = f"peermeeting-{world.pg_meeting.pk}@lederprogram"

    events, raw = feed_events(client, world.participant)

    event = events[uid]
    assert str(event["SUMMARY"]) == "Kollegagruppe: Gruppe Nord"
    assert str(event["LOCATION"]) == "Biblioteket, møterom 2"
    assert event.decoded("DTSTART") == datetime.datetime(2026, 11, 3, 14, 0, tzinfo=OSLO)
    assert event.decoded("DTEND") == datetime.datetime(2026, 11, 3, 15, 30, tzinfo=OSLO)
    assert event.decoded("SEQUENCE") == 0
    assert str(event["DESCRIPTION"]).splitlines() == [
        "Møte i kollegagruppe: Gruppe Nord",
        "Program: Lederprogram Vefsn",
        "",
        f"http://testserver/kollegagrupper/{world.pg_north.pk}/",
    ]
    for secret in ("sykefravær", "Turnus som ingen", "helgevakter", "ubesatte"):
        assert secret not in raw
    assert uid in feed_events(client, world.facilitator)[0]
    for outside in ("peer", "pg_facilitator2", "hr", "executive", "other_facilitator"):
        assert uid not in feed_events(client, getattr(world, outside))[0], outside


@pytest.mark.django_db
def test_a_moved_meeting_keeps_its_uid_and_bumps_its_sequence_in_the_feed(client, world):
    client.force_login(world.participant)
    client.post(
        reverse("meeting_update", kwargs={"pk": world.pg_meeting.pk}),
        meeting_data(date="2026-11-04", place="Biblioteket, møterom 2", summary="Vi snakket om turnus og sykefravær."),
    )

    event = feed_events(client, world.participant)[0][f"peermeeting-{world.pg_meeting.pk}@lederprogram"]

    assert event.decoded("SEQUENCE") == 1
    assert event.decoded("DTSTART") == datetime.datetime(2026, 11, 4, 14, 0, tzinfo=OSLO)


@pytest.mark.django_db
def test_renaming_a_group_bumps_its_meetings_sequence_and_changing_its_facilitator_does_not(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.hr)
    url = reverse("peergroup_update", kwargs={"pk": world.pg_north.pk})
    second = world.programme.facilitators.get(user=world.pg_facilitator2)
    uid = f"peermeeting-{world.pg_meeting.pk}@lederprogram"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Gruppe Nord", "facilitator": second.pk})
    assert feed_events(client, world.participant)[0][uid].decoded("SEQUENCE") == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Nordavind", "facilitator": second.pk})

    event = feed_events(client, world.participant)[0][uid]
    assert (event.decoded("SEQUENCE"), str(event["SUMMARY"])) == (1, "Kollegagruppe: Nordavind")


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 20])
def test_feed_with_meetings_asks_the_same_number_of_queries(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        Meeting.objects.create(
            group=world.pg_north,
            date=datetime.date(2026, 11, 10) + datetime.timedelta(days=n),
            start_time=datetime.time(14),
            end_time=datetime.time(15),
            place=f"Rom {n}",
        )
    url = reverse("calendar_feed", kwargs={"token": calendar_feed_get_or_create(user=world.participant).token})

    # the feed with its user, the runs, the meetings, the network programmes' theme days
    with django_assert_num_queries(4):
        response = client.get(url)

    assert response.content.decode().count("UID:peermeeting-") == 1 + extra


def date_gatherings(world, *, last_ago, next_in):
    today = datetime.date.today()
    first, second = world.programme.gatherings.get(number=1), world.programme.gatherings.get(number=2)
    first.start_date = today - datetime.timedelta(days=last_ago)
    second.start_date = today + datetime.timedelta(days=next_in)
    first.save()
    second.save()
    return first


@pytest.mark.django_db
def test_hr_home_flags_a_group_that_has_not_met_since_the_last_gathering(client, world):
    first = date_gatherings(world, last_ago=40, next_in=9)
    Meeting.objects.filter(pk=world.pg_meeting.pk).update(date=first.start_date + datetime.timedelta(days=10))
    client.force_login(world.hr)

    response = client.get(reverse("home"))

    assert [g.name for g in response.context["stalled_groups"]] == ["Gruppe Sør"]
    text = main_text(response)
    assert "Kollegagrupper som ikke har møttes siden forrige samling" in text
    assert "Gruppe Sør (Lederprogram Vefsn): neste samling, Samling 2, er om 9 dager." in text
    assert "Gruppe Nord (" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("last_ago,next_in,meeting_days_after_first", [(40, 20, None), (40, 9, -5), (40, 14, None)])
def test_no_flag_outside_the_window_and_a_meeting_before_the_gathering_does_not_count(
    client, world, last_ago, next_in, meeting_days_after_first
):
    first = date_gatherings(world, last_ago=last_ago, next_in=next_in)
    Meeting.objects.filter(pk=world.pg_meeting.pk).update(date=first.start_date + datetime.timedelta(days=10))
    if meeting_days_after_first is not None:
        # Gruppe Nord's only meeting was before the last gathering: it is flagged too.
        Meeting.objects.filter(pk=world.pg_meeting.pk).update(
            date=first.start_date + datetime.timedelta(days=meeting_days_after_first)
        )
    client.force_login(world.hr)

    flagged = [g.name for g in client.get(reverse("home")).context["stalled_groups"]]

    assert flagged == ([] if next_in >= 14 else ["Gruppe Nord", "Gruppe Sør"])


@pytest.mark.django_db
def test_both_numbers_are_settings(client, world, settings):
    date_gatherings(world, last_ago=40, next_in=20)
    settings.PEERGROUP_STALLED_WINDOW_DAYS = 21
    settings.PEERGROUP_STALLED_MIN_MEETINGS = 0
    client.force_login(world.hr)
    assert client.get(reverse("home")).context["stalled_groups"] == []

    settings.PEERGROUP_STALLED_MIN_MEETINGS = 2
    Meeting.objects.filter(pk=world.pg_meeting.pk).update(date=datetime.date.today() - datetime.timedelta(days=3))
    assert [g.name for g in client.get(reverse("home")).context["stalled_groups"]] == ["Gruppe Nord", "Gruppe Sør"]


@pytest.mark.django_db
def test_leader_and_facilitator_start_pages_show_their_groups(client, world):
    second = world.programme.gatherings.get(number=2)
    second.start_date = datetime.date.today() + datetime.timedelta(days=20)
    second.save()
    Meeting.objects.filter(pk=world.pg_meeting.pk).update(date=datetime.date.today() + datetime.timedelta(days=6))
    client.force_login(world.participant)

    text = main_text(client.get(reverse("home")))

    assert "Min kollegagruppe: Gruppe Nord" in text
    assert "1 medlem" in text
    assert "Neste møte:" in text

    client.force_login(world.facilitator)
    response = client.get(reverse("home"))
    text = main_text(response)
    assert "Kollegagrupper jeg veileder" in text
    assert "Gruppe Nord · 1 lederutfordring" in text
    assert "Gruppe Sør" not in text
    assert "Lederutfordringer siden sist – samling 2" in text
    assert f'href="{reverse("case_round", kwargs={"pk": second.pk})}"' in response.content.decode()


@pytest.mark.django_db
def test_a_member_deletes_a_meeting_and_it_leaves_the_calendars(client, world, django_capture_on_commit_callbacks):
    meeting = Meeting.objects.create(
        group=world.pg_north,
        date=datetime.date(2026, 12, 9),
        start_time=datetime.time(14),
        end_time=datetime.time(15, 30),
        place="Kantina",
        created_by=world.participant,
    )
    uid = f"peermeeting-{meeting.pk}@lederprogram"
    assert uid in feed_events(client, world.facilitator)[0]
    client.force_login(world.participant)
    url = reverse("meeting_delete", kwargs={"pk": meeting.pk})
    assert f'href="{url}"' in client.get(reverse("meeting_update", kwargs={"pk": meeting.pk})).content.decode()
    page = main_text(client.get(url))
    assert "onsdag 9. desember 2026, 14:00–15:30 · Kantina" in page and "Slett møtet" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response["Location"] == reverse("peergroup_detail", kwargs={"pk": world.pg_north.pk})
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    event = AuditEvent.objects.get(action="meeting.deleted")
    assert (event.actor, event.target_id) == (world.participant, str(meeting.pk))
    assert "Møtet er slettet." in main_text(client.get(response["Location"]))
    assert uid not in feed_events(client, world.facilitator)[0]  # the facilitator's next poll


@pytest.mark.django_db
def test_a_meeting_with_cases_cannot_be_deleted(client, world):
    client.force_login(world.facilitator)
    url = reverse("meeting_delete", kwargs={"pk": world.pg_meeting.pk})

    page = client.get(url)
    response = client.post(url, follow=True)

    refusal = "1 lederutfordring fra gruppas logg er knyttet til dette møtet, så møtet kan ikke slettes."
    assert refusal in main_text(page)
    main = page.content.decode().split("<main")[1].split("</main>")[0]
    assert 'type="submit"' not in main and "Endre møtet i stedet" in main
    assert Meeting.objects.filter(pk=world.pg_meeting.pk).exists()
    assert not AuditEvent.objects.filter(action="meeting.deleted").exists()
    assert "Lederutfordringer er knyttet til dette møtet, så det kan ikke slettes." in main_text(response)
