"""Writes on participants: importing HR's list all or nothing, and inviting everyone not yet invited.

An import creates users without a usable password and their participations, but sends nothing:
HR checks the list first, then invites everyone in one action, which e-mails them from one task.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Invitation, User
from core.services import audit_log
from core.tasks import enqueue
from participants import importers
from participants.exports import participants_workbook
from participants.models import Participant
from participants.selectors import participants_of, participants_to_invite
from participants.tasks import send_invitations
from programmes.models import Programme

# Keeps each IN (...) and INSERT well below SQLite's and PostgreSQL's parameter limits.
BATCH_SIZE = 500


def _chunks(items, size=BATCH_SIZE):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _users_by_email(emails):
    users = {}
    for chunk in _chunks(sorted(emails)):
        users.update({user.email: user for user in User.objects.filter(email__in=chunk)})
    return users


def _lock_programme(programme):
    """Serialises imports and bulk invitations into one programme (a row lock on PostgreSQL)."""
    Programme.objects.select_for_update().filter(pk=programme.pk).exists()


def participants_import(*, programme, imported_by, sheet):
    """Create every participant in `sheet`, or none: the rows are checked again inside the transaction.

    Raises ValidationError with the row messages when the rows no longer pass (someone added one of
    them meanwhile), or when a concurrent import of the same people won the race.
    """
    try:
        with transaction.atomic():
            return _import(programme=programme, imported_by=imported_by, sheet=sheet)
    except IntegrityError as error:
        raise ValidationError(
            _("The participant list changed while the file was imported. Nothing was imported; try again.")
        ) from error


def _import(*, programme, imported_by, sheet):
    _lock_programme(programme)
    rows = importers.validate(sheet=sheet, programme=programme)
    users = _users_by_email(row.email for row in rows)
    new_users = []
    for row in rows:
        if row.email not in users:
            user = User(email=row.email, first_name=row.first_name, last_name=row.last_name)
            user.set_unusable_password()
            new_users.append(user)
    User.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
    users = _users_by_email(row.email for row in rows)
    facilitators = _users_by_email(row.facilitator_email for row in rows if row.facilitator_email)
    Participant.objects.bulk_create(
        [
            Participant(
                programme=programme,
                user=users[row.email],
                job_title=row.job_title,
                leader_level=row.leader_level,
                unit=row.unit,
                sector=row.sector,
                dietary_needs=row.dietary_needs,
                facilitator=facilitators.get(row.facilitator_email),
            )
            for row in rows
        ],
        batch_size=BATCH_SIZE,
    )
    # Managers point at participants that exist only now (or were in the programme already).
    by_email = {p.user.email: p for p in Participant.objects.filter(programme=programme).select_related("user")}
    managed = []
    for row in rows:
        if row.manager_email:
            participant = by_email[row.email]
            participant.manager = by_email[row.manager_email]
            managed.append(participant)
    Participant.objects.bulk_update(managed, ["manager"], batch_size=BATCH_SIZE)
    audit_log(
        actor=imported_by,
        action="participants.imported",
        target=programme,
        municipality=programme.municipality,
        count=len(rows),
    )
    return [by_email[row.email] for row in rows]


@transaction.atomic
def participants_invite_all(*, programme, invited_by, base_url=None):
    """Invite, in one go, every participant who has no password and no invitation they can still accept.

    The invitations are created here and sent by one task after the commit; `invitation_send` claims
    each one before sending, so a retried task sends nothing twice. A second call invites nobody new.
    """
    _lock_programme(programme)
    participants = list(participants_to_invite(programme))
    if not participants:
        return []
    now = timezone.now()
    expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                email=participant.user.email,
                first_name=participant.user.first_name,
                last_name=participant.user.last_name,
                role=Invitation.Role.PARTICIPANT,
                municipality_id=programme.municipality_id,
                programme=programme,
                invited_by=invited_by,
                nonce=secrets.token_hex(16),
                created_at=now,
                expires_at=expires_at,
            )
            for participant in participants
        ],
        batch_size=BATCH_SIZE,
    )
    ids = [invitation.pk for invitation in invitations]
    audit_log(
        actor=invited_by,
        action="participants.invited",
        target=programme,
        municipality=programme.municipality,
        count=len(ids),
    )
    # With Redis away the request still succeeds: the reminder scan sends what never left.
    transaction.on_commit(lambda: enqueue(send_invitations, ids, base_url))
    return invitations


def participants_export(*, programme, exported_by):
    """The participant list as an .xlsx file's bytes; who downloaded it is recorded."""
    participants = list(participants_of(programme).select_related("manager__user"))  # the workbook names managers
    content = participants_workbook(participants)
    audit_log(
        actor=exported_by,
        action="participants.exported",
        target=programme,
        municipality=programme.municipality,
        count=len(participants),
    )
    return content


# --- The leader's own space: baseline, profile, feedback, plan -------------------------------------
#
# Every write is the participant's own or their assigned facilitator's (the views check that through
# rules.py). The audit log records who did what to which object, never the content: a profile or a
# plan does not belong in a log that HR can read.


def _audit(*, actor, action, participant, target=None, **detail):
    return audit_log(
        actor=actor,
        action=action,
        target=target if target is not None else participant,
        municipality=participant.programme.municipality,
        participant=participant.pk,
        **detail,
    )


def leader_space_read(*, participant, reader, what, target=None):
    """Record that someone other than the owner read a sensitive part (profile, plan) of a leader's space."""
    if reader.pk == participant.user_id:
        return None
    return _audit(actor=reader, action=f"{what}.viewed", participant=participant, target=target)


@transaction.atomic
def baseline_submit(
    *, participant, submitted_by, phase, ratings, leadership_education="", years_as_leader=None, expectations=""
):
    """Save the participant's baseline (or end) self-assessment; `ratings` maps (goal id, dimension) to 1–5.

    Every programme goal needs all four dimensions; a second submission in the same phase replaces the first.
    """
    from core.frameworks import CompetenceDimension
    from participants.models import Baseline, SelfAssessment

    goal_ids = list(participant.programme.goals.values_list("pk", flat=True))
    expected = {(goal_id, dimension) for goal_id in goal_ids for dimension in CompetenceDimension.values}
    if set(ratings) != expected or any(score not in (1, 2, 3, 4, 5) for score in ratings.values()):
        raise ValidationError(_("Rate every goal on all four dimensions, from 1 to 5."))
    if phase == Baseline.Phase.BASELINE and not leadership_education:
        raise ValidationError({"leadership_education": _("Choose your leadership education.")})
    if phase == Baseline.Phase.END:
        leadership_education, years_as_leader, expectations = "", None, ""
    now = timezone.now()
    baseline, created = Baseline.objects.update_or_create(
        participant=participant,
        phase=phase,
        defaults={
            "leadership_education": leadership_education,
            "years_as_leader": years_as_leader,
            "expectations": expectations.strip(),
            "updated_at": now,
        },
    )
    baseline.ratings.all().delete()
    SelfAssessment.objects.bulk_create(
        SelfAssessment(baseline=baseline, goal_id=goal_id, dimension=dimension, score=score)
        for (goal_id, dimension), score in ratings.items()
    )
    _audit(
        actor=submitted_by,
        action="baseline.submitted" if created else "baseline.updated",
        participant=participant,
        target=baseline,
        phase=phase,
    )
    return baseline


# Profile report uploads: a PDF (checked by its first bytes, not its name) of at most this size.
PROFILE_REPORT_MAX_BYTES = 10 * 1024 * 1024


def profile_report_check(upload):
    """Refuse a report that is too large or is not a PDF. Reads only the first bytes of the file."""
    if upload.size > PROFILE_REPORT_MAX_BYTES:
        raise ValidationError({"report": _("The report can be at most 10 MB.")})
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({"report": _("The report must be a PDF file.")})


@transaction.atomic
def profile_consent_give(*, participant, given_by):
    from participants.models import ProfileConsent

    consent, created = ProfileConsent.objects.get_or_create(participant=participant)
    if created:
        _audit(actor=given_by, action="profile.consent_given", participant=participant)
    return consent


@transaction.atomic
def profile_consent_withdraw(*, participant, withdrawn_by):
    """Withdrawing consent deletes every profile the participant has recorded, report files included."""
    from participants.models import ProfileConsent

    profiles = list(participant.profiles.all())
    files = [profile.report for profile in profiles if profile.report]
    participant.profiles.all().delete()
    ProfileConsent.objects.filter(participant=participant).delete()
    _audit(actor=withdrawn_by, action="profile.consent_withdrawn", participant=participant, deleted=len(profiles))
    # The files go only once the rows are gone for good.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


def _require_consent(participant):
    from participants.models import ProfileConsent

    if not ProfileConsent.objects.filter(participant=participant).exists():
        raise ValidationError(_("Give your consent before a personality profile is recorded."))


@transaction.atomic
def profile_ipip_record(*, participant, recorded_by, answers):
    """Score the IPIP-50 answers and keep them as the participant's profile."""
    from participants import ipip
    from participants.models import PersonalityProfile

    _require_consent(participant)
    scores = ipip.score(answers)
    profile = PersonalityProfile.objects.create(
        participant=participant,
        instrument=PersonalityProfile.Instrument.IPIP50,
        scores=scores,
        answers=list(answers),
        taken_on=timezone.localdate(),
    )
    _audit(actor=recorded_by, action="profile.recorded", participant=participant, target=profile, kind="ipip50")
    return profile


@transaction.atomic
def profile_external_record(
    *,
    participant,
    recorded_by,
    instrument,
    taken_on,
    instrument_name="",
    type_label="",
    scores=(),
    administered_by="",
    report=None,
):
    """Record an external instrument's result: a type and/or named scale scores, and the report as a PDF."""
    from participants.models import PersonalityProfile

    _require_consent(participant)
    if instrument == PersonalityProfile.Instrument.IPIP50 or instrument not in PersonalityProfile.Instrument.values:
        raise ValidationError({"instrument": _("Choose the instrument.")})
    if instrument == PersonalityProfile.Instrument.OTHER and not instrument_name.strip():
        raise ValidationError({"instrument_name": _("Name the instrument.")})
    scores = [{"name": name.strip(), "score": str(score).strip()} for name, score in scores if name.strip()]
    if not type_label.strip() and not scores and report is None:
        raise ValidationError(_("Record a type, at least one scale score or the report."))
    if report is not None:
        profile_report_check(report)
    profile = PersonalityProfile(
        participant=participant,
        instrument=instrument,
        instrument_name=instrument_name.strip(),
        type_label=type_label.strip(),
        scores=scores,
        taken_on=taken_on,
        administered_by=administered_by.strip(),
    )
    if report is not None:
        profile.report.save("report.pdf", report, save=False)
    try:
        profile.save()
        _audit(actor=recorded_by, action="profile.recorded", participant=participant, target=profile, kind=instrument)
    except Exception:
        # Nothing half-written: no stored report without its row.
        if profile.report:
            profile.report.storage.delete(profile.report.name)
        raise
    return profile


def _notify(participant, kind):
    from participants.models import Notice

    return Notice.objects.create(participant=participant, kind=kind)


@transaction.atomic
def feedback_record(*, participant, facilitator, held_on, strengths, development_areas):
    """The assigned facilitator records (or corrects) the feedback conversation; the participant is notified."""
    from participants.models import Notice, ProfileFeedback

    if not strengths.strip() or not development_areas.strip():
        raise ValidationError(_("Record at least one strength and one development area."))
    feedback, created = ProfileFeedback.objects.update_or_create(
        participant=participant,
        defaults={
            "facilitator": facilitator,
            "held_on": held_on,
            "strengths": strengths.strip(),
            "development_areas": development_areas.strip(),
            "updated_at": timezone.now(),
        },
    )
    _notify(participant, Notice.Kind.FEEDBACK)
    _audit(
        actor=facilitator,
        action="feedback.recorded" if created else "feedback.updated",
        participant=participant,
        target=feedback,
    )
    return feedback


@transaction.atomic
def feedback_comment(*, participant, author, comment):
    feedback = participant.feedback
    feedback.participant_comment = comment.strip()
    feedback.commented_at = timezone.now()
    feedback.save(update_fields=["participant_comment", "commented_at"])
    _audit(actor=author, action="feedback.commented", participant=participant, target=feedback)
    return feedback


# --- The development plan ---------------------------------------------------------------------------


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


# --- The participant record: job data and the assigned facilitator ---------------------------------

RECORD_FIELDS = ("job_title", "leader_level", "unit", "sector", "manager", "dietary_needs", "facilitator")


def _check_facilitator(programme, facilitator):
    if facilitator is not None and not programme.facilitators.filter(user=facilitator).exists():
        raise ValidationError({"facilitator": _("Choose one of the programme's facilitators.")})


def _facilitator_changed(*, participant, old, new, changed_by):
    """Audited on its own: the facilitator decides who reads the leader's profile and plan."""
    audit_log(
        actor=changed_by,
        action="participant.facilitator_changed",
        target=participant,
        municipality=participant.programme.municipality,
        old=old,
        new=new,
    )


@transaction.atomic
def participant_update(*, participant, updated_by, **fields):
    """HR changes a participant's job data and facilitator. The new facilitator sees the profile and
    plan from now on, the old one no longer (participants/rules.py reads `facilitator` each time)."""
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"not a record field: {sorted(unknown)}")
    programme = participant.programme
    if "facilitator" in fields:
        _check_facilitator(programme, fields["facilitator"])
    manager = fields.get("manager")
    if manager is not None:
        if manager.programme_id != programme.pk:
            raise ValidationError({"manager": _("The manager must be a participant in the same programme.")})
        if manager.pk == participant.pk:
            raise ValidationError({"manager": _("A person cannot be their own manager.")})
    old_facilitator = participant.facilitator_id
    changed = sorted(name for name, value in fields.items() if getattr(participant, name) != value)
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.full_clean()
    participant.save()
    if "facilitator" in changed:
        _facilitator_changed(
            participant=participant, old=old_facilitator, new=participant.facilitator_id, changed_by=updated_by
        )
    other = [name for name in changed if name != "facilitator"]
    if other:
        audit_log(
            actor=updated_by,
            action="participant.updated",
            target=participant,
            municipality=programme.municipality,
            fields=other,
        )
    return participant


@transaction.atomic
def participants_assign_facilitator(*, programme, participant_ids, facilitator, assigned_by):
    """Select many in the list → one facilitator (or none). Each real change is audited like a
    change on the record. Returns how many participants changed facilitator."""
    _check_facilitator(programme, facilitator)
    new = facilitator.pk if facilitator is not None else None
    participants = list(
        Participant.objects.select_for_update()
        .filter(programme=programme, pk__in=list(participant_ids))
        .exclude(facilitator_id=new)
        if new is not None
        else Participant.objects.select_for_update().filter(
            programme=programme, pk__in=list(participant_ids), facilitator__isnull=False
        )
    )
    for participant in participants:
        participant.programme = programme  # for the audit row's municipality, without a query each
        _facilitator_changed(participant=participant, old=participant.facilitator_id, new=new, changed_by=assigned_by)
        participant.facilitator_id = new
    Participant.objects.bulk_update(participants, ["facilitator"], batch_size=BATCH_SIZE)
    return len(participants)
