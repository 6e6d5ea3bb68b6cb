"""The way on ("veien videre"): what a leader takes home from each gathering and out of the programme.

- After a gathering the leader records "det første jeg gjør når jeg kommer hjem" as an action in
  their plan (`home_commitment_add`); the next gathering's case round shows those commitments to the
  leader's own peer group (`home_commitments_for_round`).
- When the programme ends the leader chooses (`plan_keeping_choose`) to keep the development plan in
  their own space, or to let it go with the programme's material on the retention schedule. Keeping
  is consent and can be withdrawn; a kept plan is the leader's alone once the programme has ended
  (`plan_kept_after_end`: no facilitator, no HR) and `plans_kept_from_retention` is what the
  retention erasure leaves. Erasing the person still erases it (their right, not the schedule).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log
from participants.models import DevelopmentPlan, PlanAction, PlanGoal, PlanKeeping
from participants.selectors import kept_after_end_q  # noqa: F401 - part of the way on's interface

HOME_GOAL_SOURCE = PlanGoal.Source.OWN


def programme_has_ended(programme, today=None):
    today = today or timezone.localdate()
    return programme.status == programme.Status.COMPLETED or programme.end_date < today


def plan_kept_after_end(participant, today=None):
    if not programme_has_ended(participant.programme, today):
        return False
    return PlanKeeping.objects.filter(participant=participant, keep=True).exists()


def keeping_of(participant):
    return PlanKeeping.objects.filter(participant=participant).first()


@transaction.atomic
def plan_keeping_choose(*, participant, keep, chosen_by):
    """The leader's own choice; a later one replaces it, and giving up keeping records when."""
    if chosen_by.pk != participant.user_id:
        raise ValidationError(_("Only the leader can choose what happens to their plan."))
    now = timezone.now()
    keeping, created = PlanKeeping.objects.get_or_create(
        participant=participant, defaults={"keep": keep, "decided_at": now}
    )
    if not created:
        withdrawn = keeping.keep and not keep
        keeping.keep = keep
        keeping.decided_at = now
        keeping.withdrawn_at = now if withdrawn else None
        keeping.save()
    audit_log(
        actor=chosen_by,
        action="plan.kept" if keep else "plan.keeping_declined",
        target=participant,
        municipality=participant.programme.municipality,
    )
    return keeping


def plans_kept_from_retention(participants):
    """The plans among `participants`' that the retention erasure must leave: kept with consent.

    The one change to the retention rule (core/gdpr.py today): `programme_material_erase` deletes
    `DevelopmentPlan.objects.filter(participant__in=participants).exclude(pk__in=<this>)`. A consent
    withdrawn later puts the plan back in the next daily run."""
    return DevelopmentPlan.objects.filter(participant__in=participants, participant__plan_keeping__keep=True).values(
        "pk"
    )


@transaction.atomic
def home_commitment_add(*, participant, gathering, text, added_by, goal=None):
    """The first thing the leader does at home after `gathering`, as an action in their plan.

    It goes under the goal they pick, or under a goal of its own that gathers these commitments."""
    from participants.services import _plan_for, plan_action_add

    if added_by.pk != participant.user_id:
        raise ValidationError(_("Only the leader records their own commitment."))
    if gathering.programme_id != participant.programme_id:
        raise ValidationError(_("The gathering is not in your programme."))
    if gathering.start_date is None or gathering.start_date > timezone.localdate():
        raise ValidationError(_("You can record this once the gathering has begun."))
    plan = _plan_for(participant)
    if goal is None:
        title = _("The first thing I do when I get home")
        goal = plan.goals.filter(title=title).first() or PlanGoal.objects.create(
            plan=plan, title=title, source=HOME_GOAL_SOURCE
        )
    elif goal.plan_id != plan.pk:
        raise ValidationError(_("Choose one of your own goals."))
    action = plan_action_add(goal=goal, added_by=added_by, text=text, due_date=None)
    PlanAction.objects.filter(pk=action.pk).update(home_commitment_after=gathering)
    action.home_commitment_after = gathering
    return action


def home_commitments_of(participant):
    return (
        PlanAction.objects.filter(goal__plan__participant=participant, home_commitment_after__isnull=False)
        .select_related("home_commitment_after")
        .order_by("home_commitment_after__number", "created_at", "pk")
    )


def home_commitments_for_round(group_participant_ids, gathering):
    """Commitments the group's members made after the gathering before `gathering` (by number): what
    its case round shows the group. One query."""
    if gathering.number < 2:
        return []
    return list(
        PlanAction.objects.filter(
            goal__plan__participant_id__in=group_participant_ids,
            home_commitment_after__programme_id=gathering.programme_id,
            home_commitment_after__number=gathering.number - 1,
        )
        .select_related("goal__plan__participant__user")
        .order_by("goal__plan__participant__user__last_name", "goal__plan__participant__user__first_name", "pk")
    )


def home_commitments_by_round(group_participant_ids, programme):
    """[(gathering, [actions])] for every gathering from the second on: the commitments its case round
    shows, made after the gathering before it. Two queries, however many gatherings and members."""
    gatherings = list(programme.gatherings.order_by("number"))
    actions = (
        PlanAction.objects.filter(
            goal__plan__participant_id__in=group_participant_ids, home_commitment_after__programme=programme
        )
        .select_related("goal__plan__participant__user", "home_commitment_after")
        .order_by("goal__plan__participant__user__last_name", "goal__plan__participant__user__first_name", "pk")
    )
    by_number = {}
    for action in actions:
        by_number.setdefault(action.home_commitment_after.number + 1, []).append(action)
    # An extension not (yet) decided has no case rounds to speak of.
    return [(g, by_number.get(g.number, [])) for g in gatherings if g.number >= 2 and g.is_active]
