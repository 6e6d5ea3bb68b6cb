"""A network world: "Helgeland lederprogram" with Vefsn (A) and Bindal (B) as members; Hemnes is
outside. Each persona of the network table in the README (tests/test_network_permissions.py).

Vefsn also runs a programme of its own, which the network's organiser and Bindal must never see."""

import datetime
from types import SimpleNamespace

from core.models import Network, NetworkMember, NetworkRole
from participants.models import Facilitator
from sessions.models import AgendaItem
from tests.factories import (
    MunicipalityFactory,
    ParticipantFactory,
    UserFactory,
    make_executive,
    make_hr,
    programme_with_gatherings,
)


def build():
    vefsn = MunicipalityFactory(name="Vefsn kommune", slug="vefsn")
    bindal = MunicipalityFactory(name="Bindal kommune", slug="bindal")
    hemnes = MunicipalityFactory(name="Hemnes kommune", slug="hemnes")
    network = Network.objects.create(name="Helgeland lederprogram", slug="helgeland")
    for m in (vefsn, bindal):
        NetworkMember.objects.create(network=network, municipality=m)
    programme = programme_with_gatherings(None, network=network, name="Saman om ein betre kommune")
    own = programme_with_gatherings(vefsn, name="Lederprogram Vefsn")
    AgendaItem.objects.create(
        gathering=programme.gatherings.get(number=3),
        start_time=datetime.time(10),
        title="Velkommen",
        learning_form=AgendaItem.LearningForm.BREAK,
    )
    organiser = UserFactory(email="arrangor@ks.no", first_name="Kari", last_name="Arrangør")
    NetworkRole.objects.create(user=organiser, network=network)
    facilitator = UserFactory(email="veileder@helgeland.no")
    Facilitator.objects.create(programme=programme, user=facilitator)
    Facilitator.objects.create(programme=own, user=facilitator)

    def leader(municipality, email, first, **kw):
        return ParticipantFactory(
            programme=programme,
            home_municipality=municipality,
            user__email=email,
            user__first_name=first,
            user__last_name="Leder",
            job_title=f"Jobb {first}",
            **kw,
        )

    leader_a = leader(vefsn, "leder@vefsn.no", "Astrid", facilitator=facilitator)
    leader_b = leader(bindal, "leder@bindal.no", "Bjørn", facilitator=facilitator)
    own_leader = ParticipantFactory(programme=own, user__email="egen@vefsn.no", user__first_name="Eline")
    return SimpleNamespace(
        vefsn=vefsn,
        bindal=bindal,
        hemnes=hemnes,
        network=network,
        programme=programme,
        own_programme=own,
        own_leader=own_leader,
        organiser=organiser,
        hr_a=make_hr(vefsn, email="hr@vefsn.no"),
        hr_b=make_hr(bindal, email="hr@bindal.no"),
        hr_outside=make_hr(hemnes, email="hr@hemnes.no"),
        leader_a=leader_a.user,
        leader_b=leader_b.user,
        participant_a=leader_a,
        participant_b=leader_b,
        facilitator=facilitator,
        exec_a=make_executive(vefsn, email="direktor@vefsn.no"),
        exec_b=make_executive(bindal, email="direktor@bindal.no"),
    )
