"""The programme roles participants own: participant and facilitator (registered with core/roles.py)."""

from core.models import Invitation
from core.roles import FACILITATOR, PARTICIPANT, PROGRAMME_ROLES, ProgrammeRole
from participants.models import Facilitator, Participant


def participant_grant(*, user, programme, fields, municipality=None):
    if programme.network_id is not None:
        # A network programme's leader belongs to the municipality whose HR invited them.
        fields = {**fields, "home_municipality": municipality}
    Participant.objects.update_or_create(programme=programme, user=user, defaults=fields)


def facilitator_grant(*, user, programme, fields, municipality=None):
    Facilitator.objects.get_or_create(programme=programme, user=user)


# The order is the roles query's: participants, then facilitators.
PROGRAMME_ROLES.register(
    ProgrammeRole(kind=PARTICIPANT, model=Participant, related_name="participations", grant=participant_grant),
    key=Invitation.Role.PARTICIPANT,
    order=10,
)
PROGRAMME_ROLES.register(
    ProgrammeRole(kind=FACILITATOR, model=Facilitator, related_name="facilitations", grant=facilitator_grant),
    key=Invitation.Role.FACILITATOR,
    order=20,
)
