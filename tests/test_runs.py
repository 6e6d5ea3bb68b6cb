import datetime
from collections import Counter

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEvent
from participants.models import Participant
from sessions import services
from sessions.models import AgendaItem, Attendance, Run, RunAssignment
from tests.conftest import main_text
from tests.factories import ParticipantFactory

SECTORS = ["Helse", "Omsorg", "Rus og psykiatri", "Sykehjem"]


@pytest.fixture
def world(world):
    """The shared world without its ready-made run and agenda: these tests make what they need."""
    world.run.delete()
    world.agenda_item.delete()
    return world


def bergen_cohort(programme, units=12, per_unit=5):
    """Unit leaders, each with department leaders reporting to them, spread over four sectors."""
    people = []
    for u in range(units):
        sector = SECTORS[u % len(SECTORS)]
        boss = ParticipantFactory(programme=programme, leader_level="unit", sector=sector, unit=f"Enhet {u}")
        people.append(boss)
        for _ in range(per_unit):
            people.append(
                ParticipantFactory(
                    programme=programme, leader_level="department", sector=sector, unit=f"Enhet {u}", manager=boss
                )
            )
    return people


def add_runs(gathering, capacities, user):
    return [
        services.run_create(
            gathering=gathering,
            created_by=user,
            date=datetime.date(2027, 3, 1) + datetime.timedelta(days=i),
            start_time=datetime.time(9),
            end_time=datetime.time(15, 30),
            venue="Grieghallen",
            capacity=capacity,
        )
        for i, capacity in enumerate(capacities)
    ]


@pytest.mark.django_db
def test_assignment_places_everyone_once_within_capacity_balanced_and_apart_from_manager(world):
    gathering = world.gathering
    bergen_cohort(world.programme)  # 72 + the 2 world participants = 74
    runs = add_runs(gathering, [25, 25, 25], world.hr)

    placed = services.runs_assign_participants(gathering=gathering, assigned_by=world.hr)

    participants = list(Participant.objects.filter(programme=world.programme))
    assert placed == len(participants) == 74
    assignments = list(RunAssignment.objects.filter(gathering=gathering).select_related("participant"))
    assert sorted(a.participant_id for a in assignments) == sorted(p.pk for p in participants)
    per_run = Counter(a.run_id for a in assignments)
    assert all(per_run[run.pk] <= run.capacity for run in runs)
    # Balance: in every run, each leader level and each sector is within one person of its share
    # of the whole cohort (runs of equal capacity, so the share is a third).
    for attribute in ("leader_level", "sector"):
        totals = Counter(getattr(p, attribute) for p in participants)
        for run in runs:
            in_run = Counter(getattr(a.participant, attribute) for a in assignments if a.run_id == run.pk)
            for value, total in totals.items():
                assert abs(in_run[value] - total / 3) <= 1, (attribute, value, in_run[value], total)
    run_of = {a.participant_id: a.run_id for a in assignments}
    together = [p for p in participants if p.manager_id and run_of[p.pk] == run_of[p.manager_id]]
    assert together == []
    assert AuditEvent.objects.get(action="runs.assigned").detail == {"count": 74}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "units,capacities,mix_within",
    [(12, [40, 20, 14], 4), (12, [50, 30, 20], 2.5), (12, [60, 10, 10], None), (58, [120, 100, 80, 50], 1.5)],
    ids=["full-unequal", "room-unequal", "two-small-runs", "bergen-rooms"],
)
def test_assignment_keeps_leaders_apart_from_their_manager_in_runs_of_unequal_size(
    world, units, capacities, mix_within
):
    """Rooms differ. In every case here the manager rule can be kept, so no one may end up beside
    their manager. The mix: each level and sector within `mix_within` people of its share of the
    run's size. With every seat taken, only swaps that part nobody from a relative can even it
    out, so the bound is wider (over 30 seeds of the repair the worst was 2.7 there, 1.8 with room
    to spare, 0.9 for Bergen's 350 in rooms of 120/100/80/50); with two runs of ten, the rule
    itself forces the unit leaders into them, so only the rule is checked."""
    gathering = world.gathering
    bergen_cohort(world.programme, units=units)  # unit leaders with 5 reports each, and the 2 world participants
    runs = add_runs(gathering, capacities, world.hr)

    placed = services.runs_assign_participants(gathering=gathering, assigned_by=world.hr)

    participants = list(Participant.objects.filter(programme=world.programme))
    assignments = list(RunAssignment.objects.filter(gathering=gathering).select_related("participant"))
    assert placed == len(assignments) == len(participants) == units * 6 + 2
    run_of = {a.participant_id: a.run_id for a in assignments}
    assert [p.pk for p in participants if p.manager_id and run_of[p.pk] == run_of[p.manager_id]] == []
    size = Counter(run_of.values())
    assert all(size[run.pk] <= run.capacity for run in runs)
    if mix_within is not None:
        for attribute in ("leader_level", "sector"):
            totals = Counter(getattr(p, attribute) for p in participants)
            for run in runs:
                in_run = Counter(getattr(a.participant, attribute) for a in assignments if a.run_id == run.pk)
                for value, total in totals.items():
                    share = total * size[run.pk] / len(participants)
                    assert abs(in_run[value] - share) <= mix_within, (attribute, value, in_run[value], share)


@pytest.mark.django_db
def test_the_run_pages_show_who_is_beside_their_manager(client, world):
    """Where the rule could not be kept, or HR moved someone by hand, HR sees it and whom it concerns."""
    boss, report, other = bergen_cohort(world.programme, units=1, per_unit=2)
    first, second = add_runs(world.gathering, [10, 10], world.hr)
    for participant, run in ((boss, first), (report, first), (other, second)):
        services.run_move_participant(participant=participant, run=run, moved_by=world.hr)
    client.force_login(world.hr)

    runs_page = client.get(reverse("gathering_runs", kwargs={"pk": world.gathering.pk}))
    detail = main_text(client.get(reverse("run_detail", kwargs={"pk": first.pk})))

    assert [run.beside_manager for run in runs_page.context["runs"]] == [1, 0]
    assert main_text(runs_page).count("1 leder er i samme gjennomføring som sin egen leder.") == 1
    assert f"{report.user} Samme gjennomføring som sin leder, {boss.user}" in detail
    assert detail.count("Samme gjennomføring som sin leder") == 1
    assert "Samme gjennomføring" not in main_text(client.get(reverse("run_detail", kwargs={"pk": second.pk})))


@pytest.mark.django_db
def test_assignment_keeps_hand_moves_and_only_places_the_rest(world):
    runs = add_runs(world.gathering, [2, 2], world.hr)
    participant = Participant.objects.get(user=world.participant)
    services.run_move_participant(participant=participant, run=runs[1], moved_by=world.hr)

    assert services.runs_assign_participants(gathering=world.gathering, assigned_by=world.hr) == 1
    assert RunAssignment.objects.get(participant=participant).run == runs[1]
    assert services.runs_assign_participants(gathering=world.gathering, assigned_by=world.hr) == 0


@pytest.mark.django_db
def test_assignment_with_too_little_capacity_is_refused(client, world):
    bergen_cohort(world.programme, units=2, per_unit=4)  # 10 + 2 = 12 participants
    add_runs(world.gathering, [5, 5], world.hr)
    client.force_login(world.hr)

    response = client.post(reverse("runs_assign", kwargs={"pk": world.gathering.pk}), follow=True)

    assert "Gjennomføringene har plass til 10 til, men 12 deltakere er ikke fordelt. Øk kapasiteten først." in (
        main_text(response)
    )
    assert RunAssignment.objects.count() == 0


@pytest.mark.django_db
def test_moving_a_participant_is_logged_and_full_runs_refuse(client, world):
    runs = add_runs(world.gathering, [1, 1], world.hr)
    services.runs_assign_participants(gathering=world.gathering, assigned_by=world.hr)
    participant = Participant.objects.get(user=world.participant)
    current = RunAssignment.objects.get(participant=participant).run
    other = runs[1] if current == runs[0] else runs[0]
    client.force_login(world.hr)

    response = client.post(
        reverse("run_move", kwargs={"pk": current.pk}), {"participant": participant.pk, "run": other.pk}, follow=True
    )
    assert "Gjennomføringen er full." in main_text(response)
    assert RunAssignment.objects.get(participant=participant).run == current

    other.capacity = 2
    other.save()
    client.post(reverse("run_move", kwargs={"pk": current.pk}), {"participant": participant.pk, "run": other.pk})
    assert RunAssignment.objects.get(participant=participant).run == other
    event = AuditEvent.objects.get(action="run.participant_moved")
    assert (event.actor, event.detail) == (world.hr, {"from_run": current.pk, "to_run": other.pk})


@pytest.mark.django_db
def test_participant_sees_own_run_on_gathering_page(client, world):
    runs = add_runs(world.gathering, [5, 5], world.hr)
    participant = Participant.objects.get(user=world.participant)
    services.run_move_participant(participant=participant, run=runs[1], moved_by=world.hr)
    client.force_login(world.participant)

    text = main_text(client.get(reverse("gathering_detail", kwargs={"pk": world.gathering.pk})))

    assert "Du er på gjennomføring 2: tirsdag 2. mars 2027, 09:00–15:30, Grieghallen." in text
    client.force_login(world.peer)
    assert "Du er på gjennomføring" not in main_text(
        client.get(reverse("gathering_detail", kwargs={"pk": world.gathering.pk}))
    )


@pytest.mark.django_db
def test_run_change_of_time_bumps_calendar_sequence_but_capacity_does_not(world):
    (run,) = add_runs(world.gathering, [10], world.hr)
    services.run_update(run=run, updated_by=world.hr, capacity=20)
    assert Run.objects.get(pk=run.pk).sequence == 0
    services.run_update(run=run, updated_by=world.hr, start_time=datetime.time(10))
    assert Run.objects.get(pk=run.pk).sequence == 1


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2027, 3, 1, 9, 5, tzinfo=datetime.UTC), tick=False)
def test_attendance_one_tap_json_and_form_fallback(client, world):
    (run,) = add_runs(world.gathering, [10], world.hr)
    services.runs_assign_participants(gathering=world.gathering, assigned_by=world.hr)
    participant = Participant.objects.get(user=world.participant)
    client.force_login(world.facilitator)
    url = reverse("run_attendance", kwargs={"pk": run.pk})

    response = client.post(url, {"participant": participant.pk, "status": "late"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"participant": participant.pk, "status": "late"}
    response = client.post(url, {"participant": participant.pk, "status": "present"})
    assert response["Location"] == f"{url}#p{participant.pk}"
    attendance = Attendance.objects.get()
    assert (attendance.participant, attendance.status, attendance.marked_by) == (
        participant,
        "present",
        world.facilitator,
    )

    stranger = ParticipantFactory(programme=world.other_programme)
    response = client.post(url, {"participant": stranger.pk, "status": "present"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert Attendance.objects.count() == 1


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2027, 3, 1, 9, 5, tzinfo=datetime.UTC), tick=False)
def test_catering_counts_expected_and_diets(client, world):
    (run,) = add_runs(world.gathering, [10], world.hr)
    ParticipantFactory(programme=world.programme, dietary_needs="glutenfri")
    ParticipantFactory(programme=world.programme, dietary_needs=" Glutenfri ")
    excused = ParticipantFactory(programme=world.programme, dietary_needs="vegetar")
    services.runs_assign_participants(gathering=world.gathering, assigned_by=world.hr)
    services.attendance_mark(run=run, participant=excused, status="excused", marked_by=world.hr)
    client.force_login(world.hr)

    text = main_text(client.get(reverse("run_detail", kwargs={"pk": run.pk})))

    assert "4 forventet av 5 satt opp." in text
    assert "Glutenfri: 2" in text
    assert "Vegetar" not in text


@pytest.mark.django_db
def test_attendance_overview_warns_after_two_missed_gatherings(client, world):
    participant = Participant.objects.get(user=world.participant)
    for number in (1, 2, 3):
        gathering = world.programme.gatherings.get(number=number)
        (run,) = add_runs(gathering, [10], world.hr)
        Run.objects.filter(pk=run.pk).update(date=datetime.date(2026, 1, number))
        run.refresh_from_db()
        services.run_move_participant(participant=participant, run=run, moved_by=world.hr)
        status = "present" if number == 1 else ("absent" if number == 2 else "excused")
        services.attendance_mark(run=run, participant=participant, status=status, marked_by=world.hr)
    client.force_login(world.hr)

    response = client.get(reverse("attendance_overview", kwargs={"pk": world.programme.pk}))

    rows = {row["participant"].pk: row for row in response.context["overview"]["rows"]}
    assert (rows[participant.pk]["missed"], rows[participant.pk]["warn"]) == (2, True)
    assert [c["status"] for c in rows[participant.pk]["cells"]] == ["present", "absent", "excused", None]
    assert main_text(response).count("Har gått glipp av to eller flere") == 1
    assert "Til stede Fravær Gyldig fravær ingen gjennomføring 2" in main_text(response)


@pytest.mark.django_db
def test_only_two_missed_gatherings_that_have_been_held_warn(client, world):
    """One miss is no warning; an absence marked for a run not yet held, and a held run nobody marked,
    are not misses (unmarked means the sheet was not filled in, not that the person stayed away)."""
    today = datetime.date.today()
    one_miss = Participant.objects.get(user=world.participant)
    future_miss = Participant.objects.get(user=world.peer)
    plan = {  # gathering: (run date, one_miss's status, future_miss's status)
        1: (today - datetime.timedelta(days=60), "absent", "excused"),
        2: (today - datetime.timedelta(days=30), "late", None),
        3: (today + datetime.timedelta(days=30), None, "absent"),
    }
    for number, (date, *statuses) in plan.items():
        (run,) = add_runs(world.programme.gatherings.get(number=number), [10], world.hr)
        Run.objects.filter(pk=run.pk).update(date=date)
        run.refresh_from_db()
        for participant, status in zip((one_miss, future_miss), statuses, strict=True):
            services.run_move_participant(participant=participant, run=run, moved_by=world.hr)
            if status and date > today:
                # The service refuses a mark ahead of the run; an old row (made before it did) stays.
                Attendance.objects.create(run=run, participant=participant, status=status)
            elif status:
                services.attendance_mark(run=run, participant=participant, status=status, marked_by=world.hr)
    client.force_login(world.hr)

    response = client.get(reverse("attendance_overview", kwargs={"pk": world.programme.pk}))

    rows = {row["participant"].pk: row for row in response.context["overview"]["rows"]}
    assert [(rows[p.pk]["missed"], rows[p.pk]["warn"]) for p in (one_miss, future_miss)] == [(1, False), (1, False)]
    assert "Har gått glipp av to eller flere" not in main_text(response)


@pytest.mark.django_db
def test_case_round_is_on_the_agenda_from_gathering_two(client, world):
    from programmes import services as programme_services

    programme = programme_services.programme_create(
        created_by=world.hr,
        municipality=world.vefsn,
        name="Nytt",
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2029, 1, 1),
        main_goal="Mål",
    )
    items = AgendaItem.objects.filter(gathering__programme=programme, is_case_round=True)
    assert sorted(items.values_list("gathering__number", "title")) == [
        (2, "Lederutfordringer siden sist"),
        (3, "Lederutfordringer siden sist"),
        (4, "Lederutfordringer siden sist"),
    ]


@pytest.mark.django_db
def test_hr_edits_agenda_and_run_print_view_has_run_date(client, world):
    client.force_login(world.hr)
    url = reverse("agenda_edit", kwargs={"pk": world.gathering.pk})
    client.post(url, {"day": 1, "start_time": "10:00", "title": "Velkommen", "learning_form": "theory"})
    client.post(url, {"day": 1, "start_time": "13:00", "title": "LUNSJ", "learning_form": "break"})
    response = client.post(url, {"day": 2, "start_time": "09:00", "title": "Dag to", "learning_form": "theory"})
    assert "Samlingen varer bare 1 dag(er)." in main_text(response)
    assert list(world.gathering.agenda.values_list("start_time", "title")) == [
        (datetime.time(10), "Velkommen"),
        (datetime.time(13), "LUNSJ"),
    ]
    (run,) = add_runs(world.gathering, [10], world.hr)
    client.force_login(world.participant)
    text = main_text(client.get(reverse("run_agenda_print", kwargs={"pk": run.pk})))
    assert "mandag 1. mars 2027, 09:00–15:30 · Grieghallen" in text
    assert text.index("Velkommen") < text.index("LUNSJ")


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 60])
def test_attendance_sheet_and_run_lists_query_counts(client, world, django_assert_num_queries, extra):
    ParticipantFactory.create_batch(extra, programme=world.programme, dietary_needs="laktosefri")
    (run,) = add_runs(world.gathering, [100], world.hr)
    services.runs_assign_participants(gathering=world.gathering, assigned_by=world.hr)
    client.force_login(world.hr)
    with django_assert_num_queries(5):
        response = client.get(reverse("run_attendance", kwargs={"pk": run.pk}))
    assert len(response.context["roster"]) == 2 + extra
    # session, user, roles, run, roster (used for the list and the catering counts), other runs
    with django_assert_num_queries(6):
        client.get(reverse("run_detail", kwargs={"pk": run.pk}))
    # session, user, roles, the gathering with its programme, runs, the participants grouped by run and mix
    (empty,) = add_runs(world.gathering, [10], world.hr)
    with django_assert_num_queries(6):
        response = client.get(reverse("gathering_runs", kwargs={"pk": world.gathering.pk}))
    assert [(r.pk, r.assigned_count) for r in response.context["runs"]] == [(run.pk, 2 + extra), (empty.pk, 0)]
    assert (response.context["participant_count"], response.context["unassigned"]) == (2 + extra, 0)
    assert response.context["runs"][1].level_summary == "–"
    # session, user, programme, gatherings, roles, facilitators, the filters' units and sectors and
    # runs, the count and the page of participants, assignments, attendance
    with django_assert_num_queries(12):
        client.get(reverse("attendance_overview", kwargs={"pk": world.programme.pk}))


@pytest.mark.django_db
def test_the_run_page_counts_each_runs_mix_of_levels_and_sectors(client, world):
    first, second, empty = add_runs(world.gathering, [10, 10, 10], world.hr)
    Participant.objects.filter(programme=world.programme).update(leader_level="unit", sector="Helse")
    people = [
        *ParticipantFactory.create_batch(2, programme=world.programme, leader_level="department", sector="Helse"),
        ParticipantFactory(programme=world.programme, leader_level="department", sector="Sykehjem"),
        ParticipantFactory(programme=world.programme, leader_level="", sector=""),
    ]
    existing = list(Participant.objects.filter(programme=world.programme).exclude(pk__in=[p.pk for p in people]))
    for participant, run in zip(existing + people, [first, first, first, first, second, second], strict=True):
        RunAssignment.objects.create(run=run, gathering=world.gathering, participant=participant)
    client.force_login(world.hr)

    runs = client.get(reverse("gathering_runs", kwargs={"pk": world.gathering.pk})).context["runs"]

    assert [(run.pk, run.assigned_count, run.level_summary, run.sector_summary) for run in runs] == [
        (first.pk, 4, "Avdelingsleder: 2, Enhetsleder: 2", "Helse: 4"),
        (second.pk, 2, "Avdelingsleder: 1, –: 1", "Sykehjem: 1, –: 1"),
        (empty.pk, 0, "–", "–"),
    ]


@pytest.mark.django_db
def test_the_run_page_counts_the_programmes_participants_with_and_without_runs(client, world):
    ParticipantFactory.create_batch(3, programme=world.programme)
    client.force_login(world.hr)
    url = reverse("gathering_runs", kwargs={"pk": world.gathering.pk})

    before = client.get(url)
    add_runs(world.gathering, [4, 4], world.hr)
    after = client.get(url)

    assert (before.context["participant_count"], before.context["unassigned"]) == (5, 5)
    assert "5 deltakere i programmet" in main_text(before)
    assert (after.context["participant_count"], after.context["capacity"], after.context["unassigned"]) == (5, 8, 5)
