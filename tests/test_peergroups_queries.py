"""Peer-group pages ask the database the same number of times for few rows and for many."""

import datetime

import pytest
from django.urls import reverse

from peergroups.models import Case, CaseTheme, Meeting, PeerGroup, PeerGroupMember
from tests.factories import ParticipantFactory

# Every page starts with: session, user, three role lookups.


def more_groups(world, count):
    for n in range(count):
        group = PeerGroup.objects.create(programme=world.programme, number=10 + n, name=f"Gruppe {10 + n}")
        for _ in range(5):
            PeerGroupMember.objects.create(group=group, participant=ParticipantFactory(programme=world.programme))
        Meeting.objects.create(
            group=group,
            date=datetime.date(2026, 11, 1),
            start_time=datetime.time(9),
            end_time=datetime.time(10),
            place="Rom",
        )


def more_cases(world, count, group=None):
    themes = list(CaseTheme.objects.filter(programme=world.programme)[:3])
    for n in range(count):
        case = Case.objects.create(
            group=group or world.pg_north,
            brought_by=world.pg_case.brought_by,
            title=f"Sak {n}",
            situation="x",
            challenge="y",
            discussed_on=datetime.date(2026, 11, 4),
        )
        case.themes.set(themes)


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_group_list_query_count(client, world, django_assert_num_queries, extra):
    more_groups(world, extra)
    client.force_login(world.hr)
    # + programme, setup, groups with counts, their members, unplaced participants
    with django_assert_num_queries(8):
        response = client.get(reverse("peergroup_list", kwargs={"pk": world.programme.pk}))
    assert len(response.context["groups"]) == 2 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_composer_page_query_count(client, world, django_assert_num_queries, extra):
    more_groups(world, extra)
    client.force_login(world.hr)
    # + programme, setup, groups, members, unplaced, and the move form's participants and groups
    with django_assert_num_queries(10):
        response = client.get(reverse("peergroup_compose", kwargs={"pk": world.programme.pk}))
    assert response.content.decode().count('class="card h-100') == 2 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 15])
def test_group_page_query_count(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        PeerGroupMember.objects.create(group=world.pg_north, participant=ParticipantFactory(programme=world.programme))
        Meeting.objects.create(
            group=world.pg_north,
            date=datetime.date(2026, 12, 1) + datetime.timedelta(days=n),
            start_time=datetime.time(9),
            end_time=datetime.time(10),
            place="Rom",
        )
    more_cases(world, extra)
    client.force_login(world.facilitator)
    # + group, members, meetings, five latest cases, their themes, read log
    with django_assert_num_queries(9):
        response = client.get(reverse("peergroup_detail", kwargs={"pk": world.pg_north.pk}))
    assert len(response.context["meetings"]) == 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 25])
def test_case_list_query_count(client, world, django_assert_num_queries, extra):
    more_cases(world, extra)
    client.force_login(world.facilitator)
    # + group, cases, their themes, read log
    with django_assert_num_queries(7):
        response = client.get(reverse("case_list", kwargs={"pk": world.pg_north.pk}))
    assert len(response.context["cases"]) == 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 25])
def test_case_round_query_count(client, world, django_assert_num_queries, extra):
    more_cases(world, extra)
    more_cases(world, extra, group=world.pg_south)  # counted in the themes, not shown
    client.force_login(world.facilitator)
    url = reverse("case_round", kwargs={"pk": world.programme.gatherings.get(number=2).pk})
    # + gathering, the programme's gatherings, cases, their themes, the theme plan (themes, and
    # cases with their themes in one query), read log, and what the facilitator's groups said they
    # would do first at home (participants/way_on.py)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert len(response.context["cases"]) == 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_hr_home_with_stalled_groups_query_count(client, world, django_assert_num_queries, extra):
    today = datetime.date.today()
    first, second = world.programme.gatherings.get(number=1), world.programme.gatherings.get(number=2)
    first.start_date, second.start_date = today - datetime.timedelta(days=30), today + datetime.timedelta(days=5)
    first.save()
    second.save()
    more_groups(world, extra)
    Meeting.objects.all().delete()  # nobody has met since the first gathering
    client.force_login(world.hr)
    # the HR start page (6), the newest evaluation reports (evaluation.home), the stalled groups and
    # the cockpit's items (programmes/cockpit.py: 3 for gatherings, 2 for participants, 1 for evaluation)
    with django_assert_num_queries(14):
        response = client.get(reverse("home"))
    assert len(response.context["stalled_groups"]) == 2 + extra
