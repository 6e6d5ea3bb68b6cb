import datetime

import pytest
from django.core.management import call_command

from core.demo import DEMO_PASSWORD
from core.models import Municipality, MunicipalityRole, User
from participants.models import Facilitator, Participant
from programmes.models import Programme
from sessions.models import Gathering


def counts():
    return [
        m.objects.count()
        for m in (Municipality, User, MunicipalityRole, Programme, Gathering, Participant, Facilitator)
    ]


@pytest.mark.django_db
def test_demo_loads_vefsn_and_is_idempotent(capsys):
    call_command("load_demo")
    first = counts()
    out = capsys.readouterr().out
    call_command("load_demo")
    assert counts() == first

    vefsn = Programme.objects.get(municipality__slug="vefsn", status="active")
    assert vefsn.participants.count() == 30
    assert list(vefsn.values.values_list("name", flat=True)) == ["humør", "ansvar", "nysgjerrighet", "engasjement"]
    assert list(vefsn.gatherings.values_list("number", "kind", "title")) == [
        (1, "core", "Meg som leder i Vefsn kommune"),
        (2, "core", "Selvbevissthet og teambygging"),
        (3, "core", "Endringsledelse og stressmestring"),
        (4, "core", "Kultur for samspill og utvikling"),
        (5, "extension", "Opsjon: Innovasjon og tjenesteutvikling"),
        (6, "extension", "Opsjon: Ledelse i krevende omstilling"),
    ]
    assert not vefsn.extension_decided
    assert "Lederutfordringer siden sist" in vefsn.gatherings.get(number=2).topics
    assert set(vefsn.participants.values_list("leader_level", flat=True)) == {"strategic", "unit"}
    # Kari serves Vefsn (the programme under way and the earlier cohort), Bindal, Bergen and the network.
    assert Facilitator.objects.filter(user__email="kari@lederkonsult.example.no").count() == 5
    assert Programme.objects.filter(municipality__slug="bindal").count() == 1
    for email in ("hr@vefsn.example.no", "kommunedirektor@vefsn.example.no", "hr@bindal.example.no"):
        assert email in out
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in out


@pytest.mark.django_db
def test_bergen_demo_is_at_scale_and_idempotent():
    from core.demo import load_bergen_demo
    from sessions.models import Attendance, Run, RunAssignment

    load_bergen_demo()
    load_bergen_demo()

    programme = Programme.objects.get(municipality__slug="bergen")
    levels = sorted(programme.participants.values_list("leader_level", flat=True))
    assert (levels.count("unit"), levels.count("department")) == (58, 278)
    # Seed 004: one day, repeated. One core gathering, four runs of 84: three held in the autumn (with
    # attendance), the fourth ahead in the spring; everyone assigned to exactly one.
    gathering = programme.gatherings.get()
    assert (gathering.number, gathering.kind, gathering.days) == (1, "core", 1)
    assert gathering.agenda.count() == 7 and "Aktivt medarbeiderskap" in gathering.topics
    runs = list(Run.objects.filter(gathering=gathering).order_by("number"))
    today = datetime.date.today()
    assert [run.date < today for run in runs] == [True, True, True, False]
    assert (runs[3].date - runs[0].date).days >= 175
    assert [run.assignments.count() for run in runs] == [84, 84, 84, 84]
    assert RunAssignment.objects.filter(gathering__programme=programme).count() == 336
    held = runs[:3]
    assert Attendance.objects.filter(run__in=held).count() == 3 * 84
    assert Attendance.objects.exclude(run__in=held).filter(run__gathering__programme=programme).count() == 0

    # Peer groups: everyone in exactly one confirmed group of 5–7, never beside their own manager;
    # every sixth group has not met since the first gathering (HR's start page flags them).
    from peergroups.models import Meeting, PeerGroup, PeerGroupMember, PeerGroupSetup

    groups = PeerGroup.objects.filter(programme=programme)
    members = PeerGroupMember.objects.filter(group__programme=programme)
    assert PeerGroupSetup.objects.get(programme=programme).confirmed_at is not None
    assert sorted(members.values_list("participant_id", flat=True)) == sorted(
        programme.participants.values_list("pk", flat=True)
    )
    assert {groups.get(pk=g).members.count() for g in groups.values_list("pk", flat=True)} <= {5, 6, 7}
    group_of = dict(members.values_list("participant_id", "group_id"))
    assert not [
        pk
        for pk, manager in programme.participants.values_list("pk", "manager_id")
        if manager and group_of[pk] == group_of[manager]
    ]
    met = set(Meeting.objects.filter(group__programme=programme).values_list("group_id", flat=True))
    assert groups.count() - len(met) == len(range(5, groups.count(), 6))
