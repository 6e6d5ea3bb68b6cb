"""Vefsn's demo peer groups: confirmed groups with facilitators, meetings, nameless cases, a stalled group."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import User
from peergroups.models import Case, Meeting, PeerGroup, PeerGroupMember, PeerGroupSetup
from peergroups.selectors import case_theme_counts, peer_facts
from programmes.models import Programme


def counts():
    return [m.objects.count() for m in (PeerGroup, PeerGroupMember, Meeting, Case)]


@pytest.mark.django_db
def test_vefsn_demo_has_confirmed_mixed_groups_meetings_and_cases(client, time_machine):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first

    programme = Programme.objects.get(municipality__slug="vefsn", status="active")
    groups = list(PeerGroup.objects.filter(programme=programme).order_by("number"))
    assert [g.members.count() for g in groups] == [6, 6, 6, 6, 6]
    assert PeerGroupSetup.objects.get(programme=programme).confirmed_at is not None
    assert {g.facilitator.user.email for g in groups} == {"kari@lederkonsult.example.no", "ola@lederkonsult.example.no"}
    # Every group has one of the five strategic leaders.
    assert [g.members.filter(participant__leader_level="strategic").count() for g in groups] == [1] * 5

    facts = peer_facts(programme)
    # Eight cases, five of them on change, all since gathering 1: that period runs until gathering
    # 2, so nothing about them is counted yet. Once gathering 2 has come, the total would reveal the
    # other three, and three are followed up: the disclosure plan hides both, and shows the theme.
    assert (facts["groups"], facts["members"], facts["meetings_held"], facts["cases"]) == (5, 30, 8, None)
    assert facts["cases_with_follow_up"] is None
    # The meetings since gathering 1 count, like the cases, from the day gathering 2 closes that period.
    assert facts["attendance_rate"] is None
    assert Case.objects.filter(group__programme=programme).count() == 8
    assert case_theme_counts(programme) == []
    second = programme.gatherings.get(number=2)
    programme.gatherings.filter(pk=second.pk).update(start_date=timezone.localdate())
    # On the day of gathering 2 itself its case round is being logged: still nothing counted.
    assert case_theme_counts(programme) == []
    time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
    facts = peer_facts(programme)
    assert (facts["cases"], facts["cases_with_follow_up"]) == (None, None)
    assert 0.7 < facts["attendance_rate"] < 0.9
    assert case_theme_counts(programme) == [("Endring og omstilling", 5)]
    programme.gatherings.filter(pk=second.pk).update(start_date=second.start_date)
    texts = " ".join(f"{c.situation} {c.challenge} {c.follow_up}" for c in Case.objects.all())
    for participant in programme.participants.select_related("user"):
        assert participant.user.last_name not in texts

    client.force_login(User.objects.get(email="hr@vefsn.example.no"))
    stalled = client.get(reverse("home")).context["stalled_groups"]
    assert [g.name for g in stalled] == ["Gruppe 5"]
