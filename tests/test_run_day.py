"""A run day for 100: "Alle til stede" then the exceptions, attendance per day of a two-day
gathering, the printable sign-in list, and no attendance before the run has started."""

import datetime
import subprocess

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEvent
from participants.models import Participant
from sessions import services
from sessions.models import Attendance
from tests.conftest import main_text
from tests.factories import ParticipantFactory
from tests.personas import PERSONAS

MONDAY = datetime.date(2027, 1, 11)
DURING = time_machine.travel(datetime.datetime(2027, 1, 11, 9, 5, tzinfo=datetime.UTC), tick=False)
DAY_TWO = time_machine.travel(datetime.datetime(2027, 1, 12, 9, 5, tzinfo=datetime.UTC), tick=False)


def _two_day_run(world, leaders=0):
    gathering = world.gathering
    gathering.days = 2
    gathering.start_date = MONDAY
    gathering.save()
    ParticipantFactory.create_batch(leaders, programme=world.programme, dietary_needs="Vegetar", unit="Åsane")
    run = services.run_create(
        gathering=gathering,
        created_by=world.hr,
        date=MONDAY,
        start_time=datetime.time(9),
        end_time=datetime.time(15, 30),
        venue="Grieghallen",
        capacity=200,
    )
    world.run.delete()
    services.runs_assign_participants(gathering=gathering, assigned_by=world.hr)
    return run


@pytest.mark.django_db
def test_the_run_shows_its_real_dates_on_the_runs_page_and_the_run_page_alike(client, world):
    run = _two_day_run(world)
    client.force_login(world.hr)

    runs_page = main_text(client.get(reverse("gathering_runs", kwargs={"pk": world.gathering.pk})))
    run_page = main_text(client.get(reverse("run_detail", kwargs={"pk": run.pk})))

    dates = "mandag 11.–tirsdag 12. januar 2027, 09:00–15:30 begge dager"
    assert dates in runs_page
    assert dates in run_page


@pytest.mark.django_db
def test_attendance_before_the_run_starts_is_refused_with_a_clear_message(client, world):
    run = _two_day_run(world)
    participant = Participant.objects.get(user=world.participant)
    client.force_login(world.facilitator)
    url = reverse("run_attendance", kwargs={"pk": run.pk})

    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False):
        page = main_text(client.get(url))
        refused = client.post(url, {"participant": participant.pk, "status": "present"}, HTTP_ACCEPT="application/json")
        all_present = client.post(reverse("run_attendance_all", kwargs={"pk": run.pk}), follow=True)

    message = (
        "Oppmøte kan registreres fra mandag 11. januar 2027, når gjennomføringen starter. Den har ikke startet ennå."
    )
    assert message in page
    assert "Alle til stede" not in page
    assert (refused.status_code, refused.json()) == (400, {"error": message})
    assert message in main_text(all_present)
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_everyone_present_then_the_exceptions_one_by_one(client, world):
    run = _two_day_run(world, leaders=98)  # 100 in the room
    late = Participant.objects.get(user=world.peer)
    url = reverse("run_attendance", kwargs={"pk": run.pk})

    with DURING:
        client.force_login(world.hr)  # a session ends 12 hours after login: log in on the day
        client.post(url, {"participant": late.pk, "status": "late", "day": 1})  # marked before: kept
        response = client.post(reverse("run_attendance_all", kwargs={"pk": run.pk}), {"day": 1}, follow=True)
        absent = Participant.objects.get(user=world.participant)
        client.post(url, {"participant": absent.pk, "status": "absent", "day": 1})
        page = client.get(url)

    assert "99 deltakere er registrert til stede. Marker nå dem som ikke er det." in main_text(response)
    statuses = dict(Attendance.objects.filter(run=run, day=1).values_list("participant", "status"))
    assert len(statuses) == 100
    assert (statuses[late.pk], statuses[absent.pk]) == ("late", "absent")
    assert sum(1 for s in statuses.values() if s == "present") == 98
    assert page.context["counts"] == {"present": 98, "late": 1, "excused": 0, "absent": 1}
    assert page.context["unmarked"] == 0
    event = AuditEvent.objects.get(action="attendance.all_present")
    assert event.detail == {"day": 1, "marked": 99}


@pytest.mark.django_db
def test_a_two_day_run_takes_attendance_each_day(client, world):
    run = _two_day_run(world)
    own = Participant.objects.get(user=world.participant)
    url = reverse("run_attendance", kwargs={"pk": run.pk})

    with DURING:
        client.force_login(world.facilitator)
        client.post(url, {"participant": own.pk, "status": "present", "day": 1})
        day_two_early = client.post(url, {"participant": own.pk, "status": "absent", "day": 2}, follow=True)
    with DAY_TWO:
        client.force_login(world.facilitator)
        client.post(url, {"participant": own.pk, "status": "absent", "day": 2})
        day_two = client.get(f"{url}?dag=2")
        client.force_login(world.hr)
        overview = client.get(reverse("attendance_overview", kwargs={"pk": world.programme.pk}))
        record = main_text(client.get(reverse("participant_record", kwargs={"pk": own.pk})))

    assert "Oppmøte kan registreres fra tirsdag 12. januar 2027" in main_text(day_two_early)
    assert sorted(Attendance.objects.filter(participant=own).values_list("day", "status")) == [
        (1, "present"),
        (2, "absent"),
    ]
    assert day_two.context["day"] == 2
    assert day_two.context["counts"]["absent"] == 1
    row = next(r for r in overview.context["overview"]["rows"] if r["participant"].pk == own.pk)
    assert (row["cells"][0]["label"], row["missed"]) == ("Til stede / Fravær", 0)
    assert "Dag 1: Til stede · Dag 2: Fravær" in record


@pytest.mark.django_db
def test_sign_in_list_pdf_has_names_units_and_diets(client, world):
    run = _two_day_run(world, leaders=3)
    client.force_login(world.facilitator)

    response = client.get(reverse("run_sign_in_pdf", kwargs={"pk": run.pk}))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Innsjekkingsliste: Samling 1" in text
    assert "mandag 11.–tirsdag 12. januar 2027, 09:00–15:30 begge dager · Grieghallen" in text
    assert text.count("Signatur") == 2  # a column to sign for each day
    for participant in Participant.objects.filter(programme=world.programme, unit="Åsane").select_related("user"):
        assert participant.user.first_name in text and participant.user.last_name in text
    assert text.count("Vegetar") == 3
    assert "Åsane" in text


#          anon  hr   o_hr  exec fac  o_fac part peer outsider
PDF_ROWS = [302, 200, 404, 403, 200, 404, 403, 403, 404]


@pytest.mark.django_db
@pytest.mark.parametrize("persona,status", list(zip(PERSONAS, PDF_ROWS, strict=True)))
def test_sign_in_list_answers_each_persona(client, world, persona, status):
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    response = client.get(reverse("run_sign_in_pdf", kwargs={"pk": world.run.pk}))
    assert response.status_code == status
    assert response.content.startswith(b"%PDF") == (status == 200)
