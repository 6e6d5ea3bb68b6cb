"""The leader's own space for the permission tests: Ingrid (the `participant` persona) has a baseline,
an IPIP-50 profile, feedback from her facilitator, a plan with a goal, an action and a check-in, and
one train-the-trainers entry. A second facilitator of the same programme is assigned to nobody."""

import datetime

from participants import services
from participants.models import Participant
from tests.factories import FacilitatorFactory

# Rows of 50 answers: all 3s score every factor 30.
NEUTRAL = [3] * 50


def extend(world):
    programme = world.programme
    own = Participant.objects.select_related("programme__municipality", "user").get(
        user=world.participant, programme=programme
    )
    world.own_space = own
    world.peer_space = Participant.objects.get(user=world.peer, programme=programme)
    world.same_programme_facilitator = FacilitatorFactory(
        programme=programme, user__email="annen.veileder.vefsn@example.no"
    ).user
    goal = programme.goals.create(text="Ledelse overfor ansatte", position=0)
    programme.values.create(name="ansvar", position=0)
    user = world.participant
    services.baseline_submit(
        participant=own,
        submitted_by=user,
        phase="baseline",
        ratings={(goal.pk, d): 3 for d in ("knowledge", "skills", "abilities", "attitudes")},
        leadership_education="courses",
        years_as_leader=4,
        expectations="Bli tryggere i vanskelige samtaler",
    )
    services.profile_consent_give(participant=own, given_by=user)
    world.own_profile = services.profile_ipip_record(participant=own, recorded_by=user, answers=NEUTRAL)
    services.feedback_record(
        participant=own,
        facilitator=world.facilitator,
        held_on=datetime.date(2026, 10, 20),
        strengths="Lytter godt",
        development_areas="Delegere mer",
    )
    world.plan_goal = services.plan_goal_add(participant=own, added_by=user, title="Delegere oppgaver i teamet")
    world.plan_action = services.plan_action_add(goal=world.plan_goal, added_by=user, text="Ukentlig delegeringsliste")
    services.plan_checkin_record(participant=own, recorded_by=user, progress=30, reflection="God start")
    world.plan_version = own.plan.versions.order_by("number").first()
    world.cascade_session = services.cascade_session_log(
        participant=own, logged_by=user, held_on=datetime.date(2026, 11, 1), topic="Medarbeiderskap", staff_count=12
    )
