"""A demo builder for the way on (called by the demo where it chooses; idempotent)."""

from django.utils import timezone

from participants.models import Participant, PlanAction, PlanKeeping
from participants.way_on import home_commitment_add, plan_keeping_choose

COMMITMENTS = [
    "Ta opp turnusen på neste personalmøte",
    "Sette av en time i uka til medarbeidersamtaler",
    "Dele det viktigste fra samlingen med teamet mitt",
    "Spørre to medarbeidere hva de trenger fra meg",
]


def load_way_on(programme, *, leaders=4, keepers=1):
    """The first `leaders` participants write what they do first at home after the latest gathering
    held; the first `keepers` of them choose to keep their plan after the programme."""
    held = programme.gatherings.filter(start_date__lte=timezone.localdate()).order_by("-number").first()
    if held is None:
        return 0
    participants = list(Participant.objects.filter(programme=programme).select_related("user").order_by("pk")[:leaders])
    made = 0
    for index, participant in enumerate(participants):
        if index < keepers and not PlanKeeping.objects.filter(participant=participant).exists():
            plan_keeping_choose(participant=participant, keep=True, chosen_by=participant.user)
        if PlanAction.objects.filter(goal__plan__participant=participant, home_commitment_after=held).exists():
            continue
        home_commitment_add(
            participant=participant,
            gathering=held,
            text=COMMITMENTS[index % len(COMMITMENTS)],
            added_by=participant.user,
        )
        made += 1
    return made
