"""The participants' part of the data subject's rights and the retention rule (registered with core/gdpr.py).

A person's participations (job fields, baselines, profiles, feedback, the plan with its history,
notices, train-the-trainers) and facilitator roles in "Mine data"; the same working material in both
kinds of erasure. Runs first (order=10): the other apps' parts add to the participations it finds.
"""

from django.db import transaction
from django.db.models import Q

from core.gdpr import (
    EXPORT_FILES,
    EXPORT_PARTS,
    PERSON_ERASE_PARTS,
    PROGRAMME_ERASE_PARTS,
    REPORTS_DIR,
    ROLES_ELSEWHERE,
    _by_participant,
    _d,
    _dt,
)
from participants.models import (
    Baseline,
    CascadeSession,
    DevelopmentPlan,
    Facilitator,
    Notice,
    Participant,
    PersonalityProfile,
    PlanAction,
    PlanCheckIn,
    PlanComment,
    PlanGoal,
    PlanVersion,
    ProfileConsent,
    ProfileFeedback,
)


@EXPORT_PARTS.register(order=10)
def participations_export(export):
    """The person's facilitator roles and participations, with the working material of each."""
    user = export.user
    participations = list(
        Participant.objects.filter(user=user)
        .select_related("programme__municipality", "plan_keeping")
        .order_by("created_at", "pk")
    )
    ids = [p.pk for p in participations]
    baselines = _by_participant(
        Baseline.objects.filter(participant__in=ids).prefetch_related("ratings__goal").order_by("submitted_at", "pk")
    )
    consents = {c.participant_id: c for c in ProfileConsent.objects.filter(participant__in=ids)}
    profiles = _by_participant(PersonalityProfile.objects.filter(participant__in=ids).order_by("taken_on", "pk"))
    feedback = {f.participant_id: f for f in ProfileFeedback.objects.filter(participant__in=ids)}
    plans = {p.participant_id: p for p in DevelopmentPlan.objects.filter(participant__in=ids)}
    plan_ids = [p.pk for p in plans.values()]
    goals = _by_participant(
        PlanGoal.objects.filter(plan__in=plan_ids)
        .select_related("programme_goal", "value")
        .order_by("created_at", "pk"),
        key="plan_id",
    )
    actions = _by_participant(
        PlanAction.objects.filter(goal__plan__in=plan_ids)
        .select_related("home_commitment_after")
        .order_by("created_at", "pk"),
        key="goal_id",
    )
    checkins = _by_participant(PlanCheckIn.objects.filter(plan__in=plan_ids).order_by("created_at", "pk"), "plan_id")
    comments = _by_participant(PlanComment.objects.filter(plan__in=plan_ids).order_by("created_at", "pk"), "plan_id")
    versions = _by_participant(PlanVersion.objects.filter(plan__in=plan_ids).order_by("number"), "plan_id")
    notices = _by_participant(Notice.objects.filter(participant__in=ids).order_by("created_at", "pk"))
    cascades = _by_participant(CascadeSession.objects.filter(participant__in=ids).order_by("held_on", "pk"))

    def plan_data(plan):
        if plan is None:
            return None
        return {
            "created_at": _dt(plan.created_at),
            "updated_at": _dt(plan.updated_at),
            "goals": [
                {
                    "title": g.title,
                    "success_criteria": g.success_criteria,
                    "deadline": _d(g.deadline),
                    "programme_goal": g.programme_goal.text if g.programme_goal else "",
                    "value": g.value.name if g.value else "",
                    "ten_factors": list(g.ten_factors),
                    "competence_dimension": g.competence_dimension,
                    "status": g.status,
                    "is_draft": g.is_draft,
                    "source": g.source,
                    "created_at": _dt(g.created_at),
                    "actions": [
                        {
                            "text": a.text,
                            "due_date": _d(a.due_date),
                            "status": a.status,
                            "first_thing_at_home_after": str(a.home_commitment_after or "") or None,
                            "created_at": _dt(a.created_at),
                        }
                        for a in actions.get(g.pk, [])
                    ],
                }
                for g in goals.get(plan.pk, [])
            ],
            "checkins": [
                {"progress": c.progress, "reflection": c.reflection, "created_at": _dt(c.created_at)}
                for c in checkins.get(plan.pk, [])
            ],
            # The facilitator's comments on your plan; who wrote them is their data, when is yours.
            "comments_from_facilitator": [
                {"text": c.text, "created_at": _dt(c.created_at)} for c in comments.get(plan.pk, [])
            ],
            "versions": [
                {"number": v.number, "reason": v.reason, "created_at": _dt(v.created_at), "snapshot": v.snapshot}
                for v in versions.get(plan.pk, [])
            ],
        }

    def feedback_data(fb):
        if fb is None:
            return None
        return {
            "held_on": _d(fb.held_on),
            "strengths": fb.strengths,
            "development_areas": fb.development_areas,
            "your_comment": fb.participant_comment,
            "commented_at": _dt(fb.commented_at),
            "created_at": _dt(fb.created_at),
            "updated_at": _dt(fb.updated_at),
        }

    def participation_data(p):
        programme = p.programme
        return {
            "programme": {
                "name": programme.name,
                "municipality": programme.municipality.name,
                "start_date": _d(programme.start_date),
                "end_date": _d(programme.end_date),
            },
            "job_title": p.job_title,
            "leader_level": p.leader_level,
            "unit": p.unit,
            "sector": p.sector,
            "dietary_needs": p.dietary_needs,
            "created_at": _dt(p.created_at),
            # The way on: whether you chose to keep your plan after the programme (and when).
            "plan_kept_after_programme": _keeping_data(p),
            "baselines": [
                {
                    "phase": b.phase,
                    "leadership_education": b.leadership_education,
                    "years_as_leader": b.years_as_leader,
                    "expectations": b.expectations,
                    "submitted_at": _dt(b.submitted_at),
                    "updated_at": _dt(b.updated_at),
                    "ratings": [
                        {"goal": r.goal.text, "dimension": r.dimension, "score": r.score}
                        for r in sorted(b.ratings.all(), key=lambda r: (r.goal.position, r.goal_id, r.dimension))
                    ],
                }
                for b in baselines.get(p.pk, [])
            ],
            "profile_consent": {"consented_at": _dt(consents[p.pk].consented_at)} if p.pk in consents else None,
            "profiles": [
                {
                    "instrument": pr.instrument,
                    "instrument_name": pr.instrument_name,
                    "type_label": pr.type_label,
                    "scores": pr.scores,
                    "answers": pr.answers,
                    "taken_on": _d(pr.taken_on),
                    "administered_by": pr.administered_by,
                    "report_file": f"{REPORTS_DIR}/{pr.pk}.pdf" if pr.report else None,
                    "created_at": _dt(pr.created_at),
                }
                for pr in profiles.get(p.pk, [])
            ],
            "feedback": feedback_data(feedback.get(p.pk)),
            "plan": plan_data(plans.get(p.pk)),
            "notices": [
                {"kind": n.kind, "created_at": _dt(n.created_at), "read_at": _dt(n.read_at)}
                for n in notices.get(p.pk, [])
            ],
            "passed_on_to_staff": [
                {"held_on": _d(c.held_on), "topic": c.topic, "staff_count": c.staff_count}
                for c in cascades.get(p.pk, [])
            ],
        }

    export.data["facilitator_roles"] = [
        {"programme": f.programme.name, "organisation": f.organisation, "since": _dt(f.created_at)}
        for f in Facilitator.objects.filter(user=user).select_related("programme").order_by("pk")
    ]
    export.data["participations"] = [participation_data(p) for p in participations]
    export.participants = participations
    export.participations = {p.pk: d for p, d in zip(participations, export.data["participations"], strict=True)}
    export.reads.append(Q(action__endswith=".viewed", detail__participant__in=ids))


@EXPORT_FILES.register
def profile_reports_export(user, archive):
    """The profile reports the person uploaded, beside mine-data.json."""
    for profile in PersonalityProfile.objects.filter(participant__user=user).exclude(report=""):
        try:
            with profile.report.open("rb") as report:
                archive.writestr(f"{REPORTS_DIR}/{profile.pk}.pdf", report.read())
        except FileNotFoundError:
            continue


def _delete_profiles(participants):
    """Profiles, their consent and their report files (deleted from storage once the transaction holds)."""
    profiles = PersonalityProfile.objects.filter(participant__in=participants)
    files = [p.report.name for p in profiles.exclude(report="")]
    storage = PersonalityProfile._meta.get_field("report").storage
    count = profiles.delete()[0]
    count += ProfileConsent.objects.filter(participant__in=participants).delete()[0]
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return count


def _keeping_data(participant):
    keeping = getattr(participant, "plan_keeping", None)  # selected with the participation
    if keeping is None:
        return None
    return {"keep": keeping.keep, "decided_at": _dt(keeping.decided_at), "withdrawn_at": _dt(keeping.withdrawn_at)}


def _erase_working_material(participants, *, keep_kept_plans=False):
    """What both kinds of erasure remove: profile, feedback, plan with its whole history, notices.

    The programme's erasure (retention) leaves the plans their leaders chose to keep
    (participants/way_on.py); erasing a person takes theirs too."""
    count = _delete_profiles(participants)
    count += ProfileFeedback.objects.filter(participant__in=participants).delete()[0]
    # Goals, actions, check-ins, comments and every version (snapshot) go with the plan.
    plans = DevelopmentPlan.objects.filter(participant__in=participants)
    if keep_kept_plans:
        from participants.way_on import plans_kept_from_retention

        plans = plans.exclude(pk__in=plans_kept_from_retention(participants))
    count += plans.delete()[0]
    count += Notice.objects.filter(participant__in=participants).delete()[0]
    return count


@ROLES_ELSEWHERE.register
def holds_programme_roles_elsewhere(user, municipality):
    return (
        Participant.objects.filter(user=user).exclude(programme__municipality=municipality).exists()
        or Facilitator.objects.filter(user=user).exclude(programme__municipality=municipality).exists()
    )


@PERSON_ERASE_PARTS.register(order=10)
def person_erase_participations(erasure):
    """The person's working material in the municipality's programmes; the participations stay, without
    their free text. Runs first: the peer groups' part erases the cases of the participations it finds."""
    user, municipality = erasure.user, erasure.municipality
    participants = list(Participant.objects.filter(user=user, programme__municipality=municipality))
    erasure.participants = participants
    count = _erase_working_material(participants)
    count += Baseline.objects.filter(participant__in=participants).delete()[0]
    count += CascadeSession.objects.filter(participant__in=participants).delete()[0]
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(
        job_title="", unit="", dietary_needs="", manager=None
    )
    erasure.rows += count


@PROGRAMME_ERASE_PARTS.register(order=10)
def programme_erase_participations(erasure):
    """Profiles, feedback, plans, notices and the free text of baselines; the ratings stay."""
    programme = erasure.programme
    participants = Participant.objects.filter(programme=programme)
    erasure.participants = participants
    count = _erase_working_material(participants, keep_kept_plans=True)
    count += Baseline.objects.filter(participant__programme=programme).exclude(expectations="").update(expectations="")
    erasure.rows += count
