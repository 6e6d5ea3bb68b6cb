"""Calendar feeds and .ics files: what each event says, whose runs a feed holds, who may fetch what."""

import datetime
import zoneinfo

import pytest
from django.db.models import F
from django.urls import reverse
from icalendar import Calendar

from core.models import AuditEvent, CalendarFeed
from participants.models import Participant
from programmes.models import ExtensionDecision
from sessions.calendar import calendar_feed_get_or_create
from sessions.models import Run, RunAssignment
from tests.conftest import main_text
from tests.factories import UserFactory

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
JUNE = datetime.date(2026, 6, 10)
DECEMBER = datetime.date(2026, 12, 9)


@pytest.fixture
def world(world):
    """The shared world without the runs (and peer-group meetings) it may bring: each test here makes
    exactly the events it reads. Meetings in the feed are tested in tests/test_peergroups_calendar.py."""
    from peergroups.models import Meeting

    Run.objects.all().delete()
    Meeting.objects.all().delete()
    return world


def make_run(gathering, *, number=1, date=JUNE, start=(9, 0), end=(15, 30), venue="Kulturhuset, Mosjøen"):
    return Run.objects.create(
        gathering=gathering,
        number=number,
        date=date,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        venue=venue,
        capacity=100,
    )


def assign(run, user):
    participant = Participant.objects.get(programme=run.gathering.programme, user=user)
    return RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)


def feed_url(user):
    return reverse("calendar_feed", kwargs={"token": calendar_feed_get_or_create(user=user).token})


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def feed_events(client, user):
    return events_of(parse(client.get(feed_url(user))))


@pytest.mark.django_db
def test_feed_events_are_exact_in_oslo_time_across_summer_time(client, world):
    world.gathering.topics = ["Tillit", "Endringsledelse"]
    world.gathering.save()
    june = make_run(world.gathering, number=1, date=JUNE)
    december = make_run(world.programme.gatherings.get(number=2), number=1, date=DECEMBER, venue="Fru Haugans")
    assign(june, world.participant)
    assign(december, world.participant)

    response = client.get(feed_url(world.participant))
    calendar = parse(response)

    assert response["Cache-Control"] == "private, no-store"
    assert str(calendar["PRODID"]) == "-//Lederprogram//NO"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Lederprogram"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    events = events_of(calendar)
    assert sorted(events) == [f"run-{june.pk}@lederprogram", f"run-{december.pk}@lederprogram"]

    summer = events[f"run-{june.pk}@lederprogram"]
    assert str(summer["SUMMARY"]) == "1. Samling 1"
    assert str(summer["LOCATION"]) == "Kulturhuset, Mosjøen"
    assert summer.decoded("SEQUENCE") == 0
    assert summer.decoded("DTSTART") == datetime.datetime(2026, 6, 10, 9, 0, tzinfo=OSLO)
    assert summer.decoded("DTEND") == datetime.datetime(2026, 6, 10, 15, 30, tzinfo=OSLO)
    assert summer.decoded("DTSTART").tzinfo == OSLO
    assert summer.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=2)
    assert summer["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert summer.decoded("DTSTAMP").tzinfo is not None
    assert str(summer["DESCRIPTION"]).splitlines() == [
        "Program: Lederprogram Vefsn",
        "Gjennomføring 1",
        "",
        "Sentrale tema:",
        "• Tillit",
        "• Endringsledelse",
        "",
        f"http://testserver/samlinger/{world.gathering.pk}/",
    ]

    winter = events[f"run-{december.pk}@lederprogram"]
    assert str(winter["SUMMARY"]) == "2. Samling 2"
    assert str(winter["LOCATION"]) == "Fru Haugans"
    assert winter.decoded("DTSTART") == datetime.datetime(2026, 12, 9, 9, 0, tzinfo=OSLO)
    assert winter.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)


@pytest.mark.django_db
def test_two_day_gathering_is_one_event_from_first_start_to_second_end(client, world):
    world.gathering.days = 2
    world.gathering.save()
    run = make_run(world.gathering, date=JUNE, start=(10, 0), end=(14, 0))
    assign(run, world.participant)

    event = feed_events(client, world.participant)[f"run-{run.pk}@lederprogram"]

    assert event.decoded("DTSTART") == datetime.datetime(2026, 6, 10, 10, 0, tzinfo=OSLO)
    assert event.decoded("DTEND") == datetime.datetime(2026, 6, 11, 14, 0, tzinfo=OSLO)


@pytest.mark.django_db
def test_sequence_follows_the_run_and_the_uid_stays(client, world, django_capture_on_commit_callbacks):
    run = make_run(world.gathering)
    assign(run, world.participant)
    uid = f"run-{run.pk}@lederprogram"
    assert feed_events(client, world.participant)[uid].decoded("SEQUENCE") == 0

    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=run.pk).update(sequence=F("sequence") + 1, venue="Rådhuset", start_time=datetime.time(8))

    event = feed_events(client, world.participant)[uid]
    assert event.decoded("SEQUENCE") == 1
    assert str(event["LOCATION"]) == "Rådhuset"
    assert event.decoded("DTSTART") == datetime.datetime(2026, 6, 10, 8, 0, tzinfo=OSLO)


def edit_gathering(client, gathering, **changes):
    """HR's edit form as the page fills it in, with `changes`."""
    g = type(gathering).objects.get(pk=gathering.pk)
    form = {
        "title": g.title,
        "start_date": g.start_date.isoformat() if g.start_date else "",
        "days": str(g.days),
        "venue": g.venue,
        "goals": "\n".join(g.goals),
        "topics": "\n".join(g.topics),
        **changes,
    }
    response = client.post(reverse("gathering_update", kwargs={"pk": g.pk}), form)
    assert response.status_code == 302, response.context and response.context["form"].errors


@pytest.mark.django_db
def test_a_gathering_change_its_events_show_bumps_every_runs_sequence(
    client, world, django_capture_on_commit_callbacks
):
    first, second = make_run(world.gathering), make_run(world.gathering, number=2, date=DECEMBER, venue="")
    assign(first, world.participant)
    client.force_login(world.hr)
    uids = [f"run-{first.pk}@lederprogram", f"run-{second.pk}@lederprogram"]

    with django_capture_on_commit_callbacks(execute=True):
        edit_gathering(client, world.gathering, start_date="2026-06-09")  # the runs keep their own dates
    assert [Run.objects.get(pk=run.pk).sequence for run in (first, second)] == [0, 0]
    with django_capture_on_commit_callbacks(execute=True):
        edit_gathering(client, world.gathering, days="2")
    with django_capture_on_commit_callbacks(execute=True):
        edit_gathering(client, world.gathering, title="Meg som leder i Vefsn", venue="Kulturverkstedet")

    assert [Run.objects.get(pk=run.pk).sequence for run in (first, second)] == [2, 2]
    event = feed_events(client, world.participant)[uids[0]]
    assert (event.decoded("SEQUENCE"), str(event["SUMMARY"])) == (2, "1. Meg som leder i Vefsn")
    assert event.decoded("DTEND") == datetime.datetime(2026, 6, 11, 15, 30, tzinfo=OSLO)
    ics = parse(client.get(reverse("run_calendar", kwargs={"pk": second.pk})))
    event = events_of(ics)[uids[1]]
    assert (event.decoded("SEQUENCE"), str(event["LOCATION"])) == (2, "Kulturverkstedet")


@pytest.mark.django_db
def test_participant_feed_has_only_their_runs_of_active_gatherings(client, world, django_capture_on_commit_callbacks):
    own = make_run(world.gathering, number=1)
    peers = make_run(world.gathering, number=2, date=JUNE + datetime.timedelta(days=1))
    extension = make_run(world.extension_gathering, number=1, date=DECEMBER)
    make_run(world.other_gathering, number=1)  # another municipality's run: never in this feed
    cancelled = make_run(world.programme.gatherings.get(number=2), number=1, date=DECEMBER)
    assign(own, world.participant)
    assign(extension, world.participant)
    assign(cancelled, world.participant)
    assign(peers, world.peer)

    assert set(feed_events(client, world.participant)) == {
        f"run-{own.pk}@lederprogram",
        f"run-{cancelled.pk}@lederprogram",
    }

    with django_capture_on_commit_callbacks(execute=True):
        cancelled.delete()
        ExtensionDecision.objects.create(
            programme=world.programme,
            run_extension=True,
            decided_on=datetime.date(2027, 6, 1),
            decision_body="Kommunestyret",
            rationale="Godt evaluert",
        )

    assert set(feed_events(client, world.participant)) == {
        f"run-{own.pk}@lederprogram",
        f"run-{extension.pk}@lederprogram",
    }
    assert set(feed_events(client, world.peer)) == {f"run-{peers.pk}@lederprogram"}


@pytest.mark.django_db
def test_staff_feeds_hold_every_active_run_in_their_scope(client, world):
    first = make_run(world.gathering, number=1)
    second = make_run(world.gathering, number=2)
    make_run(world.extension_gathering, number=1)  # not decided: in no one's feed
    bindal = make_run(world.other_gathering, number=1)
    vefsn = {f"run-{first.pk}@lederprogram", f"run-{second.pk}@lederprogram"}

    assert set(feed_events(client, world.facilitator)) == vefsn
    assert set(feed_events(client, world.hr)) == vefsn
    assert set(feed_events(client, world.other_hr)) == {f"run-{bindal.pk}@lederprogram"}
    assert set(feed_events(client, world.other_facilitator)) == {f"run-{bindal.pk}@lederprogram"}
    assert feed_events(client, world.executive) == {}
    assert feed_events(client, world.outsider) == {}


@pytest.mark.django_db
def test_feed_needs_no_login_and_an_unknown_token_is_404(client, world):
    run = make_run(world.gathering)
    assign(run, world.participant)

    assert set(feed_events(client, world.participant)) == {f"run-{run.pk}@lederprogram"}
    assert "_auth_user_id" not in client.session
    response = client.get(reverse("calendar_feed", kwargs={"token": "ukjent-token-som-ikke-finnes"}))
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


@pytest.mark.django_db
def test_feed_of_a_deactivated_user_is_404(client, world):
    url = feed_url(world.participant)
    world.participant.is_active = False
    world.participant.save()

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_making_a_new_link_retires_the_old_one(client, world):
    run = make_run(world.gathering)
    assign(run, world.participant)
    old_url = feed_url(world.participant)
    client.force_login(world.participant)

    response = client.post(reverse("calendar"))

    assert response.status_code == 302
    assert response["Location"] == reverse("calendar")
    new_url = feed_url(world.participant)
    assert new_url != old_url
    assert len(CalendarFeed.objects.get(user=world.participant).token) == 43
    client.logout()
    assert client.get(old_url).status_code == 404
    assert set(events_of(parse(client.get(new_url)))) == {f"run-{run.pk}@lederprogram"}
    assert AuditEvent.objects.filter(action="calendar_feed.renewed", actor=world.participant).count() == 1


PERSONAS = ["anonymous", "hr", "other_hr", "executive", "facilitator", "other_facilitator", "participant", "peer"]
RUN_ICS = [302, 200, 404, 200, 200, 404, 200, 200]  # anyone in the programme may add its runs to a calendar


@pytest.mark.django_db
@pytest.mark.parametrize("persona,status", list(zip([*PERSONAS, "outsider"], [*RUN_ICS, 404], strict=True)))
def test_run_ics_answers_persona(client, world, persona, status):
    run = make_run(world.gathering, number=2, date=DECEMBER)
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    url = reverse("run_calendar", kwargs={"pk": run.pk})

    response = client.get(url)

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == 'attachment; filename="1-samling-1-2026-12-09.ics"'
        events = events_of(parse(response))
        assert list(events) == [f"run-{run.pk}@lederprogram"]
        event = events[f"run-{run.pk}@lederprogram"]
        assert str(event["SUMMARY"]) == "1. Samling 1"
        assert event.decoded("DTSTART") == datetime.datetime(2026, 12, 9, 9, 0, tzinfo=OSLO)
    elif status == 302:
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
    else:
        assert b"BEGIN:VCALENDAR" not in response.content


@pytest.mark.django_db
def test_run_ics_of_an_undecided_extension_gathering_is_404(client, world):
    run = make_run(world.extension_gathering)
    client.force_login(world.hr)
    url = reverse("run_calendar", kwargs={"pk": run.pk})

    assert client.get(url).status_code == 404

    ExtensionDecision.objects.create(
        programme=world.programme,
        run_extension=True,
        decided_on=datetime.date(2027, 6, 1),
        decision_body="Kommunestyret",
        rationale="Godt evaluert",
    )
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_run_ics_file_name_keeps_norwegian_letters(client, world):
    world.gathering.title = "Første møte"
    world.gathering.save()
    run = make_run(world.gathering)
    client.force_login(world.participant)

    response = client.get(reverse("run_calendar", kwargs={"pk": run.pk}))

    assert response["Content-Disposition"] == "attachment; filename*=utf-8''1-f%C3%B8rste-m%C3%B8te-2026-06-10.ics"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [*PERSONAS, "outsider"])
def test_calendar_page_shows_the_users_own_link(client, world, persona):
    someone_else = calendar_feed_get_or_create(user=UserFactory()).token
    if persona == "anonymous":
        response = client.get(reverse("calendar"))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={reverse('calendar')}"
        return
    user = getattr(world, persona)
    client.force_login(user)

    response = client.get(reverse("calendar"))

    assert response.status_code == 200
    own = CalendarFeed.objects.get(user=user).token
    body = response.content.decode()
    assert f'value="http://testserver/kalender/{own}.ics"' in body
    assert f'href="webcal://testserver/kalender/{own}.ics"' in body
    assert someone_else not in body
    text = main_text(response)
    assert text.startswith("Kalender ")
    assert "Lag ny lenke" in text
    assert "Abonner fra nettet" in text


@pytest.mark.django_db
def test_calendar_page_keeps_the_same_link_on_every_visit(client, world):
    client.force_login(world.participant)
    client.get(reverse("calendar"))
    token = CalendarFeed.objects.get(user=world.participant).token

    client.get(reverse("calendar"))

    assert list(CalendarFeed.objects.filter(user=world.participant).values_list("token", flat=True)) == [token]


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 30])
def test_feed_query_count(client, world, django_assert_num_queries, extra):
    ExtensionDecision.objects.create(
        programme=world.programme,
        run_extension=True,
        decided_on=datetime.date(2027, 6, 1),
        decision_body="Kommunestyret",
        rationale="Godt evaluert",
    )
    gatherings = list(world.programme.gatherings.all())
    for n in range(1 + extra):
        make_run(gatherings[n % len(gatherings)], number=n + 1, date=JUNE + datetime.timedelta(days=n))
    url = feed_url(world.facilitator)

    # the feed with its user, the runs with their gatherings and programmes, peer-group meetings, local
    # theme days of network programmes
    with django_assert_num_queries(4):
        response = client.get(url)

    assert len(events_of(parse(response))) == 1 + extra


@pytest.mark.django_db
def test_an_unchanged_feed_is_served_from_the_cache_and_a_committed_change_shows_at_the_next_poll(
    client, world, django_capture_on_commit_callbacks, django_assert_num_queries
):
    run = make_run(world.gathering)
    assign(run, world.participant)
    url = feed_url(world.participant)
    first = client.get(url).content
    with django_assert_num_queries(1):  # the token and the calendar clock: nothing else is asked
        assert client.get(url).content == first  # same bytes, DTSTAMP included

    # Not committed yet (the clock moves on commit): polls still get what was committed before.
    Run.objects.filter(pk=run.pk).update(venue="Nytt sted", sequence=F("sequence") + 1)
    assert client.get(url).content == first

    with django_capture_on_commit_callbacks(execute=True):  # now the change commits
        Run.objects.filter(pk=run.pk).update(start_time=datetime.time(9, 15))
    event = feed_events(client, world.participant)[f"run-{run.pk}@lederprogram"]
    assert (str(event["LOCATION"]), event["SEQUENCE"]) == ("Nytt sted", 1)
    assert event.decoded("DTSTART") == datetime.datetime(2026, 6, 10, 9, 15, tzinfo=OSLO)
