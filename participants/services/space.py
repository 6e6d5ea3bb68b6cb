"""Writes in the leader's own space: baseline, personality profile (with consent) and the feedback conversation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log

# Keeps each IN (...) and INSERT well below SQLite's and PostgreSQL's parameter limits.

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
