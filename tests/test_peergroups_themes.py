"""Theme counts (never below the anonymity threshold), HR's own themes, and the evaluation's facts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from participants.models import Participant
from peergroups.models import Case, CaseTheme, Meeting, PeerGroupMember
from peergroups.selectors import case_theme_counts, peer_facts
from tests.conftest import main_text


def theme(world, code):
    return CaseTheme.objects.get(programme=world.programme, code=code)


def add_cases(world, code, count, *, group=None, on=datetime.date(2026, 11, 10), follow_up=""):
    for n in range(count):
        case = Case.objects.create(
            group=group or world.pg_south,
            title=f"{code} {n}",
            situation="x",
            challenge="y",
            discussed_on=on,
            created_at=timezone.make_aware(datetime.datetime.combine(on, datetime.time(16))),
            follow_up=follow_up,
        )
        case.themes.add(theme(world, code))


def close_period(world, day=datetime.date(2026, 11, 20)):
    """Gathering 2 held on `day`: the cases before it are in a closed period, so they count."""
    world.programme.gatherings.filter(number=2).update(start_date=day)


@pytest.fixture
def counted(world, settings):
    """Conflict has five cases (the threshold), resistance four, stress one, all before gathering 2."""
    settings.ANONYMITY_THRESHOLD = 5
    close_period(world)
    add_cases(world, "conflict", 5)
    add_cases(world, "resistance", 4)
    add_cases(world, "stress", 1)
    return world


@pytest.mark.django_db
def test_counts_hold_only_themes_at_or_above_the_threshold(counted):
    assert case_theme_counts(counted.programme) == [("Konflikt", 5)]
    assert case_theme_counts(counted.programme, threshold=4) == [("Konflikt", 5), ("Motstand", 4)]
    assert case_theme_counts(counted.other_programme) == []


@pytest.mark.django_db
def test_counts_are_per_programme_and_count_each_case_once(counted):
    add_cases(counted, "resistance", 1, group=counted.pg_north)
    case = Case.objects.get(title="conflict 0")
    case.themes.add(theme(counted, "resistance"))

    assert case_theme_counts(counted.programme) == [("Motstand", 6), ("Konflikt", 5)]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["hr", "executive", "facilitator"])
def test_themes_page_never_shows_a_count_below_the_threshold(client, counted, persona):
    client.force_login(getattr(counted, persona))

    response = client.get(reverse("peergroup_themes", kwargs={"pk": counted.programme.pk}))

    assert response.context["theme_counts"] == [("Konflikt", 5)]
    body = response.content.decode()
    table = body[body.index('id="theme-counts"') : body.index("</table>")]
    assert "Konflikt" in table and "Motstand" not in table and "Stress" not in table
    assert ">4<" not in body and ">1<" not in body
    text = main_text(response)
    if persona != "hr":
        # Only HR sees the list of theme names to choose from; nobody sees a small count.
        assert "Motstand" not in text and "Stress og arbeidsbelastning" not in text


@pytest.mark.django_db
def test_the_case_round_counts_themes_for_the_plenary_with_the_threshold(client, counted):
    add_cases(counted, "resistance", 1, group=counted.pg_north)
    client.force_login(counted.facilitator)

    response = client.get(reverse("case_round", kwargs={"pk": counted.programme.gatherings.get(number=2).pk}))

    assert response.context["theme_counts"] == [("Konflikt", 5), ("Motstand", 5)]
    table = response.content.decode().split('id="theme-counts"')[1].split("</table>")[0]
    assert "Stress" not in table


@pytest.mark.django_db
def test_hr_adds_a_theme_members_can_then_choose(client, world):
    client.force_login(world.hr)
    url = reverse("peergroup_themes", kwargs={"pk": world.programme.pk})

    response = client.post(url, {"name": "  Sykefravær  "})

    assert response["Location"] == url
    added = CaseTheme.objects.get(programme=world.programme, name="Sykefravær")
    assert added.label == "Sykefravær"
    assert AuditEvent.objects.filter(action="theme.added", target_id=str(added.pk)).count() == 1
    response = client.post(url, {"name": "konflikt"})
    assert response.context["form"].errors["name"] == ["Programmet har allerede dette temaet."]
    assert CaseTheme.objects.filter(programme=world.programme).count() == 11

    client.force_login(world.participant)
    form = client.get(reverse("case_create", kwargs={"pk": world.pg_north.pk}))
    assert "Sykefravær" in main_text(form)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["executive", "facilitator"])
def test_only_hr_adds_themes(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.post(reverse("peergroup_themes", kwargs={"pk": world.programme.pk}), {"name": "Kaffe"})

    assert response.status_code == 403
    assert not CaseTheme.objects.filter(name="Kaffe").exists()


@pytest.mark.django_db
def test_peer_facts_are_aggregates_for_the_evaluation(world):
    today = datetime.date.today()
    north, south = world.pg_north, world.pg_south
    participant = Participant.objects.get(user=world.participant)
    PeerGroupMember.objects.create(
        group=north, participant=Participant.objects.create(programme=world.programme, user=world.outsider)
    )
    Meeting.objects.filter(pk=world.pg_meeting.pk).update(
        date=today - datetime.timedelta(days=3), attendance_recorded=True
    )
    world.pg_meeting.attendees.set([participant])  # 1 of north's 2 came
    held = Meeting.objects.create(
        group=south,
        date=today - datetime.timedelta(days=1),
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        place="Rådhuset",
    )
    held.attendance_recorded = True
    held.save()
    held.attendees.set([Participant.objects.get(user=world.peer)])  # 1 of south's 1 came
    Meeting.objects.create(  # not yet held
        group=south,
        date=today + datetime.timedelta(days=9),
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        place="Rådhuset",
    )
    add_cases(world, "conflict", 2, follow_up="Det gikk bra.")
    close_period(world)

    facts = peer_facts(world.programme)

    assert facts == {
        "groups": 2,
        "members": 3,
        "meetings_held": 2,
        "meetings_per_group": 1.0,
        # Two of three places at the two meetings: three places are under the threshold, so the
        # meetings' attendance is withheld as the cases are.
        "attendance_rate": None,
        # Three cases, two followed up: under the threshold, so the disclosure plan hides both.
        "cases": None,
        "cases_with_follow_up": None,
    }
    # Conflict 5 and stress 5, all followed up, beside the world's one case without a theme or a
    # follow-up: 10 followed up is the two themes' sum (nothing new), but the 11 cases would
    # reveal the one case outside them, so that total stays hidden.
    add_cases(world, "conflict", 3, follow_up="Det gikk bra.")
    add_cases(world, "stress", 5, follow_up="Bedre nå.")
    facts = peer_facts(world.programme)
    assert (facts["cases"], facts["cases_with_follow_up"]) == (None, 10)
    assert peer_facts(world.other_programme) == {
        "groups": 0,
        "members": 0,
        "meetings_held": 0,
        "meetings_per_group": None,
        "attendance_rate": None,
        "cases": None,
        "cases_with_follow_up": None,
    }


@pytest.mark.django_db
def test_the_executive_finds_the_theme_counts_from_the_peer_group_menu(client, counted):
    client.force_login(counted.executive)

    response = client.get(reverse("peergroups_mine"))

    themes_url = reverse("peergroup_themes", kwargs={"pk": counted.programme.pk})
    assert f'href="{themes_url}"' in response.content.decode()
    assert 'href="/kollegagrupper/' not in response.content.decode().split("<main")[1]
    assert "Gruppe Nord" not in main_text(response)


@pytest.mark.django_db
def test_a_case_or_follow_up_dated_back_into_a_closed_period_waits_for_the_next_closing(counted, time_machine):
    """Issue 14, time: a period's counts are shown from its closing. A case logged today but dated
    back into that closed period was counted at once, so the theme moved by exactly that case; a
    follow-up dated back likewise. Both now count from the next closing after they were written
    (the test fails on 88ba7e6)."""
    from peergroups import services

    add_cases(counted, "conflict", 5, follow_up="Det gikk bra.")
    before = (case_theme_counts(counted.programme), peer_facts(counted.programme)["cases_with_follow_up"])
    assert before == ([("Konflikt", 10)], 5)
    conflict = theme(counted, "conflict")
    case = services.case_save(
        group=counted.pg_south,
        saved_by=counted.pg_facilitator2,
        title="Logget i ettertid",
        situation="x",
        challenge="y",
        discussed_on=datetime.date(2026, 11, 12),
        themes=[conflict],
    )
    late = Case.objects.get(title="resistance 0")
    services.case_follow_up(
        case=late, saved_by=counted.pg_facilitator2, follow_up="Løst.", follow_up_on=datetime.date(2026, 11, 15)
    )
    assert (case_theme_counts(counted.programme), peer_facts(counted.programme)["cases_with_follow_up"]) == before
    # The round of gathering 2 shows its own period as it was when it closed.
    second = counted.programme.gatherings.get(number=2)
    from peergroups.case_counts import ThemePlan

    assert ThemePlan(counted.programme).round_counts(second) == [("Konflikt", 10)]
    # Gathering 3 is held today: the day after, the next closing counts both.
    counted.programme.gatherings.filter(number=3).update(start_date=timezone.localdate())
    assert (case_theme_counts(counted.programme), peer_facts(counted.programme)["cases_with_follow_up"]) == before
    time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
    # The next closing (gathering 3 held today) counts both. Each total moved by one since the
    # previous closing, so each is withheld until enough others have come, and the round stays as it was.
    assert case_theme_counts(counted.programme) == []
    assert peer_facts(counted.programme)["cases_with_follow_up"] is None
    assert ThemePlan(counted.programme).round_counts(second) == [("Konflikt", 10)]
    assert case.pk


@pytest.mark.django_db
def test_editing_a_counted_case_never_moves_the_counts(counted):
    """Issue 14, time: a facilitator who moves a counted case from one theme to another (or to
    another date) would move two theme counts by exactly that case. Once counted, a case keeps
    counting as it was; an edit before its period closes simply applies."""
    from peergroups import services
    from peergroups.case_counts import ThemePlan

    add_cases(counted, "stress", 5)
    before = case_theme_counts(counted.programme)
    assert before == [("Stress og arbeidsbelastning", 6), ("Konflikt", 5)]
    second = counted.programme.gatherings.get(number=2)
    rounds = ThemePlan(counted.programme).round_counts(second)
    case = Case.objects.get(title="conflict 0")
    services.case_save(
        group=case.group,
        saved_by=counted.pg_facilitator2,
        case=case,
        title=case.title,
        situation=case.situation,
        challenge=case.challenge,
        discussed_on=datetime.date(2026, 11, 25),
        themes=[theme(counted, "stress")],
    )
    case.refresh_from_db()
    assert list(case.themes.values_list("code", flat=True)) == ["stress"]
    assert case.counted_as == {"themes": [theme(counted, "conflict").pk], "discussed_on": "2026-11-10"}
    assert case_theme_counts(counted.programme) == before
    assert ThemePlan(counted.programme).round_counts(second) == rounds
    # A case in the period still running is not counted yet: its edit applies, nothing frozen.
    fresh = services.case_save(
        group=case.group,
        saved_by=counted.pg_facilitator2,
        title="Ny",
        situation="x",
        challenge="y",
        discussed_on=timezone.localdate(),
        themes=[theme(counted, "conflict")],
    )
    services.case_save(
        group=case.group,
        saved_by=counted.pg_facilitator2,
        case=fresh,
        title="Ny",
        situation="x",
        challenge="y",
        discussed_on=timezone.localdate(),
        themes=[theme(counted, "stress")],
    )
    fresh.refresh_from_db()
    assert fresh.counted_as is None
