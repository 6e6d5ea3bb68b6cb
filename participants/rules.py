import rules

from core.roles import roles_of
from core.rules import is_facilitator, is_hr, is_municipality_programme

# Bulk work on a programme's people is HR's: a list holds personal data for the whole municipality.
rules.add_perm("participants.import_participants", is_hr & is_municipality_programme)
rules.add_perm("participants.export_participants", is_hr)
rules.add_perm("participants.invite_participants", is_hr)


# --- The leader's own space ------------------------------------------------------------------------
# A baseline, profile or plan is the participant's own; the facilitator assigned to them (and still
# a facilitator of the programme) works with them on it. Nobody else: not HR, not the executive, not
# another facilitator of the same programme.


def _participant(obj):
    """The participation an object of the leader's space belongs to."""
    from participants.models import (
        CascadeSession,
        DevelopmentPlan,
        Participant,
        PersonalityProfile,
        PlanAction,
        PlanGoal,
        PlanVersion,
    )

    if isinstance(obj, Participant):
        return obj
    if isinstance(obj, DevelopmentPlan | PersonalityProfile | CascadeSession):
        return obj.participant
    if isinstance(obj, PlanGoal | PlanVersion):
        return obj.plan.participant
    if isinstance(obj, PlanAction):
        return obj.goal.plan.participant
    return None


@rules.predicate
def is_owner(user, obj=None):
    participant = _participant(obj)
    return participant is not None and user.is_authenticated and participant.user_id == user.pk


@rules.predicate
def is_assigned_facilitator(user, obj=None):
    participant = _participant(obj)
    from participants.way_on import plan_kept_after_end

    return (
        participant is not None
        and user.is_authenticated
        and participant.facilitator_id == user.pk
        and participant.programme_id in roles_of(user).facilitator
        # A kept plan is the leader's alone once the programme is over (participants/way_on.py).
        and not plan_kept_after_end(participant)
    )


owner_or_facilitator = is_owner | is_assigned_facilitator

rules.add_perm("participants.view_leader_space", owner_or_facilitator)
rules.add_perm("participants.fill_in_baseline", is_owner)
rules.add_perm("participants.record_profile", is_owner)
rules.add_perm("participants.view_profile", owner_or_facilitator)
rules.add_perm("participants.record_feedback", is_assigned_facilitator)
rules.add_perm("participants.comment_feedback", is_owner)
rules.add_perm("participants.view_plan", owner_or_facilitator)
rules.add_perm("participants.edit_plan", is_owner)
rules.add_perm("participants.comment_plan", is_assigned_facilitator)
rules.add_perm("participants.log_cascade", is_owner)

# On a programme: the status table shows only done/not done; the needs and train-the-trainers pages
# show aggregates. The facilitators shape the gatherings, so they see the cohort's needs too.
rules.add_perm("participants.view_leader_status", is_hr)
rules.add_perm("participants.view_needs", is_hr | is_facilitator)
rules.add_perm("participants.view_cascade_totals", is_hr)

# The participant record: HR's page per participant (job data, facilitator, runs, done/not done).
# The assigned facilitator reads it; only HR changes it, and assigns facilitators in bulk.
rules.add_perm("participants.view_record", is_hr | is_assigned_facilitator)
rules.add_perm("participants.change_record", is_hr)
rules.add_perm("participants.assign_facilitator", is_hr)
