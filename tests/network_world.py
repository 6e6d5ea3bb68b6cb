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


def build_evaluated():
    """The network world with Vefsn (6 leaders), Bindal (5) and Grane (2, a member too), no sector or
    leader level, all in one run of gathering 1 held yesterday: its feedback and the programme
    evaluation open, nobody has answered (tests/test_network_evaluation.py)."""
    from django.utils import timezone

    from evaluation import services
    from participants.models import Participant
    from sessions.models import Run, RunAssignment

    net = build()
    net.grane = MunicipalityFactory(name="Grane kommune", slug="grane")
    NetworkMember.objects.create(network=net.network, municipality=net.grane)
    net.exec_grane = make_executive(net.grane, email="direktor@grane.no")
    for municipality, more in ((net.vefsn, 5), (net.bindal, 4), (net.grane, 2)):
        for i in range(more):
            ParticipantFactory(
                programme=net.programme, home_municipality=municipality, user__email=f"l{i}@{municipality.slug}.no"
            )
    # No sector or leader level groups: only the municipality divides the leaders.
    Participant.objects.filter(programme=net.programme).update(sector="", leader_level="")
    gathering = net.programme.gatherings.get(number=1)
    run = Run.objects.create(
        gathering=gathering,
        number=1,
        date=timezone.localdate() - datetime.timedelta(days=1),
        start_time=datetime.time(10),
        end_time=datetime.time(15),
        venue="Mosjøen",
        capacity=50,
    )
    net.leaders = list(Participant.objects.filter(programme=net.programme).select_related("user"))
    RunAssignment.objects.bulk_create(RunAssignment(run=run, gathering=gathering, participant=p) for p in net.leaders)
    net.feedback = services.feedback_survey_ensure(run=run)
    net.evaluation = services.programme_evaluation_create(
        programme=net.programme,
        created_by=net.organiser,
        needs=["Økonomi", "Samtaler", "Digitalisering"],
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    return net
