"""Writes on the development plan (goals, actions, check-ins, comments), notices, train-the-trainers sessions,
and the purge of profiles when a programme ends."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log

# Keeps each IN (...) and INSERT well below SQLite's and PostgreSQL's parameter limits.
from participants.services.space import _audit, _notify


def _plan_for(participant):
    from participants.models import DevelopmentPlan

    plan, _created = DevelopmentPlan.objects.get_or_create(participant=participant)
    return plan


def plan_snapshot(plan):
    """The plan as it reads now, with names copied in, so an old version reads as it was."""
    goals = (
        plan.goals.select_related("programme_goal", "value").prefetch_related("actions").order_by("created_at", "id")
    )
    latest = plan.checkins.order_by("-created_at", "-id").first()
    return {
        "goals": [
            {
                "title": goal.title,
                "success_criteria": goal.success_criteria,
                "deadline": goal.deadline.isoformat() if goal.deadline else None,
                "programme_goal": goal.programme_goal.text if goal.programme_goal else "",
                "value": goal.value.name if goal.value else "",
                "ten_factors": list(goal.ten_factors),
                "competence_dimension": goal.competence_dimension,
                "status": goal.status,
                "is_draft": goal.is_draft,
                "actions": [
                    {
                        "text": action.text,
                        "due_date": action.due_date.isoformat() if action.due_date else None,
                        "status": action.status,
                    }
                    for action in sorted(goal.actions.all(), key=lambda a: (a.due_date is None, a.due_date, a.pk))
                ],
            }
            for goal in goals
        ],
        "checkin": (
            {"progress": latest.progress, "reflection": latest.reflection, "at": latest.created_at.isoformat()}
            if latest
            else None
        ),
    }


def _version(plan, *, reason, by):
    """A new numbered snapshot of the plan; the plan row is locked so two saves cannot take one number."""
    from participants.models import DevelopmentPlan, PlanVersion

    DevelopmentPlan.objects.select_for_update().filter(pk=plan.pk).exists()
    last = plan.versions.order_by("-number").values_list("number", flat=True).first() or 0
    now = timezone.now()
    DevelopmentPlan.objects.filter(pk=plan.pk).update(updated_at=now)
    return PlanVersion.objects.create(
        plan=plan, number=last + 1, reason=reason, snapshot=plan_snapshot(plan), created_by=by, created_at=now
    )


GOAL_FIELDS = (
    "title",
    "success_criteria",
    "deadline",
    "programme_goal",
    "value",
    "ten_factors",
    "competence_dimension",
    "status",
)


def _check_goal_links(participant, fields):
    from core.frameworks import TenFactor

    programme_goal, value = fields.get("programme_goal"), fields.get("value")
    if programme_goal is not None and programme_goal.programme_id != participant.programme_id:
        raise ValidationError({"programme_goal": _("Choose one of the programme's goals.")})
    if value is not None and value.programme_id != participant.programme_id:
        raise ValidationError({"value": _("Choose one of the programme's values.")})
    if any(code not in TenFactor.values for code in fields.get("ten_factors") or ()):
        raise ValidationError({"ten_factors": _("Choose among the ten factors.")})
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": _("Say what the goal is.")})


@transaction.atomic
def plan_goal_add(*, participant, added_by, **fields):
    from participants.models import PlanGoal

    _check_goal_links(participant, fields)
    plan = _plan_for(participant)
    goal = PlanGoal.objects.create(plan=plan, **{k: v for k, v in fields.items() if k in GOAL_FIELDS})
    _version(plan, reason="goal_added", by=added_by)
    _audit(actor=added_by, action="plan.goal_added", participant=participant, target=goal)
    return goal


@transaction.atomic
def plan_goal_update(*, goal, updated_by, **fields):
    """Save a goal; a draft made from the feedback becomes the leader's own goal when saved."""
    participant = goal.plan.participant
    _check_goal_links(participant, fields)
    for key, value in fields.items():
        if key in GOAL_FIELDS:
            setattr(goal, key, value)
    goal.is_draft = False
    goal.save()
    _version(goal.plan, reason="goal_changed", by=updated_by)
    _audit(actor=updated_by, action="plan.goal_changed", participant=participant, target=goal)
    return goal


@transaction.atomic
def plan_goal_delete(*, goal, deleted_by):
    plan, participant, pk = goal.plan, goal.plan.participant, goal.pk
    goal.delete()
    _version(plan, reason="goal_deleted", by=deleted_by)
    _audit(actor=deleted_by, action="plan.goal_deleted", participant=participant, target=plan, goal=pk)


def _check_action(fields):
    if not (fields.get("text") or "").strip():
        raise ValidationError({"text": _("Say what you will do.")})


@transaction.atomic
def plan_action_add(*, goal, added_by, text, due_date=None, status="not_started"):
    from participants.models import PlanAction

    _check_action({"text": text})
    action = PlanAction.objects.create(goal=goal, text=text.strip(), due_date=due_date, status=status)
    _version(goal.plan, reason="action_added", by=added_by)
    _audit(actor=added_by, action="plan.action_added", participant=goal.plan.participant, target=action)
    return action


@transaction.atomic
def plan_action_update(*, action, updated_by, text, due_date=None, status):
    _check_action({"text": text})
    action.text, action.due_date, action.status = text.strip(), due_date, status
    action.save()
    plan = action.goal.plan
    _version(plan, reason="action_changed", by=updated_by)
    _audit(actor=updated_by, action="plan.action_changed", participant=plan.participant, target=action)
    return action


@transaction.atomic
def plan_action_delete(*, action, deleted_by):
    """Remove an action added by mistake; earlier versions of the plan still show it. (An action that
    was given up is better marked "Dropped": the plan then says so.)"""
    plan, pk = action.goal.plan, action.pk
    action.delete()
    _version(plan, reason="action_deleted", by=deleted_by)
    _audit(actor=deleted_by, action="plan.action_deleted", participant=plan.participant, target=plan, plan_action=pk)


@transaction.atomic
def plan_from_feedback(*, participant, created_by):
    """Turn the agreed strengths and development areas into draft goals (once each).

    Returns the drafts made now; a second call makes none for lines that already have a goal.
    """
    from participants.models import PlanGoal, ProfileFeedback

    feedback = ProfileFeedback.objects.filter(participant=participant).first()
    if feedback is None:
        raise ValidationError(_("There is no feedback to build the plan from yet."))
    plan = _plan_for(participant)
    existing = {title.casefold() for title in plan.goals.values_list("title", flat=True)}
    drafts = []
    for source, lines, phrase in (
        (PlanGoal.Source.DEVELOPMENT_AREA, feedback.development_area_list, _("Develop: %(line)s")),
        (PlanGoal.Source.STRENGTH, feedback.strength_list, _("Use my strength: %(line)s")),
    ):
        for line in lines:
            title = (phrase % {"line": line})[:300]
            if title.casefold() in existing:
                continue
            existing.add(title.casefold())
            drafts.append(PlanGoal(plan=plan, title=title, is_draft=True, source=source))
    if drafts:
        PlanGoal.objects.bulk_create(drafts)
        _version(plan, reason="from_feedback", by=created_by)
        _audit(actor=created_by, action="plan.drafted_from_feedback", participant=participant, count=len(drafts))
    return drafts


@transaction.atomic
def plan_checkin_record(*, participant, recorded_by, progress, reflection):
    from participants.models import PlanCheckIn

    if progress is None or not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a number from 0 to 100.")})
    if not reflection.strip():
        raise ValidationError({"reflection": _("Write a few words about how it is going.")})
    plan = _plan_for(participant)
    checkin = PlanCheckIn.objects.create(plan=plan, progress=progress, reflection=reflection.strip())
    _version(plan, reason="checkin", by=recorded_by)
    _audit(actor=recorded_by, action="plan.checkin", participant=participant, target=checkin)
    return checkin


@transaction.atomic
def plan_comment_add(*, participant, author, text):
    """The facilitator comments on the plan; the leader is told on their start page."""
    from participants.models import Notice, PlanComment

    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    plan = _plan_for(participant)
    comment = PlanComment.objects.create(plan=plan, author=author, text=text.strip())
    _notify(participant, Notice.Kind.PLAN_COMMENT)
    _audit(actor=author, action="plan.commented", participant=participant, target=comment)
    return comment


def notices_mark_read(*, participant, kind):
    """The leader has opened the page the notice points to."""
    from participants.models import Notice

    return Notice.objects.filter(participant=participant, kind=kind, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def cascade_session_log(*, participant, logged_by, held_on, topic, staff_count):
    from participants.models import CascadeSession

    if not topic.strip():
        raise ValidationError({"topic": _("Say what you passed on.")})
    if not staff_count or staff_count < 1:
        raise ValidationError({"staff_count": _("At least one member of staff.")})
    session = CascadeSession.objects.create(
        participant=participant, held_on=held_on, topic=topic.strip(), staff_count=staff_count
    )
    _audit(actor=logged_by, action="cascade.logged", participant=participant, target=session)
    return session


@transaction.atomic
def cascade_session_delete(*, session, deleted_by):
    participant, pk = session.participant, session.pk
    session.delete()
    _audit(actor=deleted_by, action="cascade.deleted", participant=participant, session=pk)


def profiles_purge_ended(*, today=None):
    """Delete the personality profiles (and report files) of programmes that have ended, as the consent
    text promises. Run daily; deleting what is already gone deletes nothing."""
    from participants.models import PersonalityProfile, ProfileConsent

    today = today or timezone.localdate()
    ended = PersonalityProfile.objects.filter(participant__programme__end_date__lt=today)
    count = 0
    with transaction.atomic():
        files = [p.report for p in ended.exclude(report="")]
        count, _by_model = ended.delete()
        ProfileConsent.objects.filter(participant__programme__end_date__lt=today).delete()
        if count:
            audit_log(actor=None, action="profiles.purged", count=count)
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
    return count
