"""Every list page asks the database the same number of times for few rows and for many."""

import pytest
from django.urls import reverse

from core.models import Invitation
from tests.factories import FacilitatorFactory, ParticipantFactory, make_hr, programme_with_gatherings


def add_programmes(municipality, facilitator, count):
    for _ in range(count):
        programme = programme_with_gatherings(municipality, extension=2)
        FacilitatorFactory(programme=programme, user=facilitator)
        ParticipantFactory.create_batch(3, programme=programme)


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_hr_home_query_count(client, world, django_assert_num_queries, extra):
    add_programmes(world.vefsn, world.facilitator, extra)
    client.force_login(world.hr)
    # session, user, roles, programmes, gatherings, open invitations, newest evaluation reports, and
    # the cockpit's items (programmes/cockpit.py): runs, agenda counts, participant counts (sessions),
    # participant status counts, facilitator counts (participants), surveys (evaluation)
    with django_assert_num_queries(13):
        response = client.get(reverse("home"))
    assert response.content.decode().count('href="/programmer/') >= 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_facilitator_home_query_count(client, world, django_assert_num_queries, extra):
    add_programmes(world.bindal, world.facilitator, extra)
    client.force_login(world.facilitator)
    # session, user, roles, programmes, gatherings,
    # the leaders assigned to them with their status (participants/home.py),
    # and the peer groups they facilitate (peergroups.home)
    with django_assert_num_queries(7):
        response = client.get(reverse("home"))
    assert response.content.decode().count("Jeg er prosessveileder") == 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_programme_list_query_count(client, world, django_assert_num_queries, extra):
    add_programmes(world.vefsn, world.facilitator, extra)
    client.force_login(world.hr)
    with django_assert_num_queries(4):
        response = client.get(reverse("programme_list"))
    assert len(response.context["programmes"]) == 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 40])
def test_participant_list_query_count(client, world, django_assert_num_queries, extra):
    ParticipantFactory.create_batch(extra, programme=world.programme, facilitator=world.facilitator)
    client.force_login(world.hr)
    # session, user, roles, programme, facilitators, the filters' units and sectors, their runs,
    # the count and the page of participants, and how many are not invited yet
    with django_assert_num_queries(10):
        response = client.get(reverse("programme_participants", kwargs={"pk": world.programme.pk}))
    assert len(response.context["participants"]) == 2 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 25])
def test_people_page_query_count(client, world, django_assert_num_queries, extra):
    ParticipantFactory.create_batch(extra, programme=world.programme)
    for n in range(extra):
        make_hr(world.vefsn)
        Invitation.objects.create(
            email=f"ny{n}@vefsn.no",
            role="participant",
            municipality=world.vefsn,
            programme=world.programme,
            nonce="x",
            expires_at="2099-01-01T00:00Z",
        )
    client.force_login(world.hr)
    # session, user, roles, municipality, the count and the page of people + their roles, participations,
    # facilitations, invitations, the programmes with participants
    with django_assert_num_queries(11):
        response = client.get(reverse("people", kwargs={"pk": world.vefsn.pk}))
    body = response.content.decode()
    assert body.count("<tr>") == 1 + extra + (1 if extra else 0) + len(response.context["people"])


@pytest.mark.django_db
@pytest.mark.parametrize("extension", [0, 4])
def test_programme_detail_query_count(client, world, django_assert_num_queries, extension):
    programme = programme_with_gatherings(world.vefsn, extension=extension)
    client.force_login(world.participant)
    ParticipantFactory(programme=programme, user=world.participant)
    # session, user, roles, programme, goals, values, gatherings
    with django_assert_num_queries(7):
        response = client.get(reverse("programme_detail", kwargs={"pk": programme.pk}))
    assert response.content.decode().count("card-gathering") == 4 + extension


@pytest.mark.django_db
@pytest.mark.parametrize("gatherings", [1, 3])
def test_participant_home_query_count_and_own_run(client, world, django_assert_num_queries, gatherings):
    import datetime

    from django.utils import timezone

    from participants.models import Participant
    from sessions.models import Run, RunAssignment

    participant = Participant.objects.get(user=world.participant)
    for number in range(2, 2 + gatherings):
        gathering = world.programme.gatherings.get(number=number)
        gathering.start_date = timezone.localdate() + datetime.timedelta(days=number)
        gathering.save()
        run = Run.objects.create(
            gathering=gathering,
            number=1,
            date=gathering.start_date,
            start_time=datetime.time(9),
            end_time=datetime.time(15),
            venue=f"Sal {number}",
            capacity=10,
        )
        RunAssignment.objects.create(run=run, gathering=gathering, participant=participant)
    client.force_login(world.participant)
    # session, user, roles, programmes, gatherings, own runs,
    # own space with status, unread notices (participants/home.py), own peer group (peergroups.home),
    # surveys answered, runs with feedback open, open programme evaluations (evaluation.home)
    with django_assert_num_queries(12):
        response = client.get(reverse("home"))
    assert "Sal 2" in response.content.decode()


def add_agenda(gathering, count):
    import datetime

    from sessions.models import AgendaItem

    AgendaItem.objects.bulk_create(
        AgendaItem(
            gathering=gathering,
            start_time=datetime.time(9 + n // 4, (n % 4) * 15),
            title=f"Økt {n}",
            learning_form=AgendaItem.LearningForm.DISCUSSION,
            responsible="Kari Veileder",
        )
        for n in range(count)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 24])
def test_agenda_pages_query_count(client, world, django_assert_num_queries, extra):
    from participants.models import Participant
    from sessions.models import RunAssignment

    add_agenda(world.gathering, extra)
    items = world.gathering.agenda.count()
    run = world.run
    RunAssignment.objects.get_or_create(
        run=run,
        gathering=world.gathering,
        participant=Participant.objects.get(user=world.participant, programme=world.programme),
    )
    pages = {
        # session, user, roles, gathering, agenda
        "agenda_edit": (world.hr, world.gathering.pk, 5),
        "agenda_print": (world.participant, world.gathering.pk, 5),
        # session, user, roles, run with its gathering and programme, agenda
        "run_agenda_print": (world.participant, run.pk, 5),
        # session, user, roles, gathering, the participant's own runs, agenda
        "gathering_detail": (world.participant, world.gathering.pk, 6),
    }
    for name, (user, pk, queries) in pages.items():
        client.force_login(user)
        with django_assert_num_queries(queries):
            response = client.get(reverse(name, kwargs={"pk": pk}))
        assert len(response.context["items"]) == items, name
