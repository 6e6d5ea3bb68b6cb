"""Peer groups in the shared world.

Vefsn's programme has two confirmed groups: "Gruppe Nord" (the participant Ingrid, facilitated by
the world's facilitator) and "Gruppe Sør" (the peer, facilitated by a second facilitator of the
same programme, `pg_facilitator2`). Gruppe Nord has a meeting and one case Ingrid brought.
"""

import datetime

from django.utils import timezone

from participants.models import Facilitator, Participant
from peergroups.models import Case, Meeting, PeerGroup, PeerGroupMember, PeerGroupSetup
from peergroups.services import themes_ensure_defaults
from tests.factories import FacilitatorFactory

CASE_TITLE = "Turnus som ingen vil ha"


def extend(world):
    programme = world.programme
    facilitator_row = Facilitator.objects.get(programme=programme, user=world.facilitator)
    second = FacilitatorFactory(programme=programme, user__email="veileder2@example.no")
    participant = Participant.objects.get(programme=programme, user=world.participant)
    peer = Participant.objects.get(programme=programme, user=world.peer)
    PeerGroupSetup.objects.create(programme=programme, confirmed_at=timezone.now())
    north = PeerGroup.objects.create(programme=programme, number=1, name="Gruppe Nord", facilitator=facilitator_row)
    south = PeerGroup.objects.create(programme=programme, number=2, name="Gruppe Sør", facilitator=second)
    PeerGroupMember.objects.create(group=north, participant=participant)
    PeerGroupMember.objects.create(group=south, participant=peer)
    themes_ensure_defaults(programme=programme)
    meeting = Meeting.objects.create(
        group=north,
        date=datetime.date(2026, 11, 3),
        start_time=datetime.time(14),
        end_time=datetime.time(15, 30),
        place="Biblioteket, møterom 2",
        summary="Vi snakket om turnus og sykefravær.",
    )
    case = Case.objects.create(
        group=north,
        brought_by=participant,
        meeting=meeting,
        discussed_on=datetime.date(2026, 11, 3),
        created_at=timezone.make_aware(datetime.datetime(2026, 11, 3, 16)),
        title=CASE_TITLE,
        situation="En avdeling med mange ubesatte vakter i helgene.",
        challenge="Hvordan fordele helgevakter rettferdig?",
        created_by=world.participant,
    )
    world.pg_facilitator2 = second.user
    world.pg_north = north
    world.pg_south = south
    world.pg_meeting = meeting
    world.pg_case = case
