from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from core.models import Invitation
from participants.models import Participant


def open_invitations_for(programme):
    """Invitations to the programme that can still be accepted, matched to a participant's address."""
    return Invitation.objects.filter(
        programme=programme,
        email=OuterRef("user__email"),
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def participants_of(programme):
    """A programme's participants with their user, assigned facilitator and invitation state.

    `has_open_invitation` is a subquery, so the list costs one query however long it is.
    """
    return (
        Participant.objects.filter(programme=programme)
        .select_related("user", "facilitator")
        .annotate(has_open_invitation=Exists(open_invitations_for(programme)))
        .order_by("user__first_name", "user__last_name")
    )


def participants_to_invite(programme):
    """Participants who have never set a password and hold no invitation they can still accept."""
    return (
        Participant.objects.filter(programme=programme, user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(Exists(open_invitations_for(programme)))
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def account_status(participant):
    """'active' (has a password), 'invited' (an open invitation) or 'not_invited'."""
    if participant.user.has_usable_password():
        return "active"
    if getattr(participant, "has_open_invitation", False):
        return "invited"
    return "not_invited"


# --- The leader's own space ------------------------------------------------------------------------


def leader_spaces_visible_to(user):
    """Participations whose own space the user may open: their own, and those assigned to them as
    facilitator (while they still facilitate that programme). Everyone else's answers 404."""
    from core.roles import roles_of

    if not user.is_authenticated:
        return Participant.objects.none()
    roles = roles_of(user)
    if not roles.facilitator:
        return Participant.objects.filter(user=user).select_related("user", "facilitator", "programme__municipality")
    # A plan the leader kept is theirs alone once the programme is over: the facilitator loses the space.
    facilitated = Q(facilitator=user, programme_id__in=roles.facilitator) & ~kept_after_end_q()
    return Participant.objects.filter(Q(user=user) | facilitated).select_related(
        "user", "facilitator", "programme__municipality"
    )


def _in_spaces(user, path):
    return {f"{path}__in": leader_spaces_visible_to(user).values("pk")}


def profiles_visible_to(user):
    from participants.models import PersonalityProfile

    return PersonalityProfile.objects.filter(**_in_spaces(user, "participant")).select_related(
        "participant__user", "participant__programme"
    )


def plan_goals_visible_to(user):
    from participants.models import PlanGoal

    return PlanGoal.objects.filter(**_in_spaces(user, "plan__participant")).select_related(
        "plan__participant__user", "plan__participant__programme"
    )


def plan_actions_visible_to(user):
    from participants.models import PlanAction

    return PlanAction.objects.filter(**_in_spaces(user, "goal__plan__participant")).select_related(
        "goal__plan__participant__user", "goal__plan__participant__programme"
    )


def plan_versions_visible_to(user):
    from participants.models import PlanVersion

    return PlanVersion.objects.filter(**_in_spaces(user, "plan__participant")).select_related(
        "plan__participant__user", "plan__participant__programme", "created_by"
    )


def baseline_of(participant, phase):
    """The participant's baseline in `phase` with its ratings as {(goal_id, dimension): score}, or (None, {})."""
    from participants.models import Baseline

    baseline = Baseline.objects.filter(participant=participant, phase=phase).prefetch_related("ratings").first()
    if baseline is None:
        return None, {}
    return baseline, {(r.goal_id, r.dimension): r.score for r in baseline.ratings.all()}


def with_space_status(queryset):
    """Participants annotated with whether each part of their own space is done (one query).

    A plan counts as done when it has a goal the leader has saved (not only drafts from the feedback).
    """
    from participants.models import (
        Baseline,
        CascadeSession,
        PersonalityProfile,
        PlanCheckIn,
        PlanGoal,
        ProfileFeedback,
    )

    latest = PlanCheckIn.objects.filter(plan__participant=OuterRef("pk")).order_by("-created_at", "-id")
    return queryset.annotate(
        has_baseline=Exists(Baseline.objects.filter(participant=OuterRef("pk"), phase=Baseline.Phase.BASELINE)),
        has_end_assessment=Exists(Baseline.objects.filter(participant=OuterRef("pk"), phase=Baseline.Phase.END)),
        has_profile=Exists(PersonalityProfile.objects.filter(participant=OuterRef("pk"))),
        has_feedback=Exists(ProfileFeedback.objects.filter(participant=OuterRef("pk"))),
        has_plan=Exists(PlanGoal.objects.filter(plan__participant=OuterRef("pk"), is_draft=False)),
        has_cascade=Exists(CascadeSession.objects.filter(participant=OuterRef("pk"))),
        latest_progress=Subquery(latest.values("progress")[:1]),
        last_checkin_at=Subquery(latest.values("created_at")[:1]),
    )


def leader_status(programme):
    """HR's status table: per participant only whether baseline, profile, feedback and plan are done."""
    return with_space_status(
        Participant.objects.filter(programme=programme)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def _distribution_rows(programme, phase):
    from participants.models import SelfAssessment

    return (
        SelfAssessment.objects.filter(baseline__participant__programme=programme, baseline__phase=phase)
        .values_list("goal_id", "dimension", "score")
        .annotate(n=Count("id"))
        .order_by()
    )


def _summarise(counts):
    """{"n", "mean", "distribution"} with mean and distribution withheld below the anonymity threshold."""
    from django.conf import settings

    n = sum(counts.values())
    if n < settings.ANONYMITY_THRESHOLD:
        return {"n": n, "mean": None, "distribution": None}
    mean = sum(score * count for score, count in counts.items()) / n
    return {"n": n, "mean": round(mean, 2), "distribution": {score: counts.get(score, 0) for score in range(1, 6)}}


def baseline_summary(programme, phase="baseline"):
    """The cohort's self-assessment per programme goal and competence dimension (aggregates only).

    {"respondents": int, "goals": [{"goal_id", "goal", "dimensions": {dimension: {"n", "mean",
    "distribution"}}}]}; mean and distribution are None when fewer than settings.ANONYMITY_THRESHOLD
    answered, so no one person's rating can be read from them.
    """
    from core.frameworks import CompetenceDimension
    from participants.models import Baseline

    counts = {}
    for goal_id, dimension, score, n in _distribution_rows(programme, phase):
        counts.setdefault((goal_id, dimension), {})[score] = n
    goals = list(programme.goals.all())
    return {
        "respondents": Baseline.objects.filter(participant__programme=programme, phase=phase).count(),
        "goals": [
            {
                "goal_id": goal.pk,
                "goal": goal.text,
                "dimensions": {
                    dimension: _summarise(counts.get((goal.pk, dimension), {}))
                    for dimension in CompetenceDimension.values
                },
            }
            for goal in goals
        ],
    }


YEAR_BANDS = [(0, 2, "0–2"), (3, 5, "3–5"), (6, 10, "6–10"), (11, None, "11+")]


def needs_summary(programme):
    """Background of the cohort at the start: education and years as a leader, each withheld below the
    anonymity threshold. What each one wants from the programme is free text and stays with them."""
    from django.conf import settings

    from participants.models import Baseline

    rows = list(
        Baseline.objects.filter(participant__programme=programme, phase=Baseline.Phase.BASELINE).values_list(
            "leadership_education", "years_as_leader"
        )
    )
    enough = len(rows) >= settings.ANONYMITY_THRESHOLD
    education = None
    years = None
    if enough:
        labels = dict(Baseline.Education.choices)
        education = [(labels[code], sum(1 for e, _y in rows if e == code)) for code in Baseline.Education.values]
        years = [
            (label, sum(1 for _e, y in rows if y is not None and y >= low and (high is None or y <= high)))
            for low, high, label in YEAR_BANDS
        ]
    return {"respondents": len(rows), "education": education, "years": years}


def plan_facts(programme):
    """What the evaluation reports about development plans: counts and an average, never a person.

    Draft goals (made from the feedback and not yet saved by the leader) do not count. The average
    progress is each leader's latest check-in, averaged; withheld below the anonymity threshold.
    """
    from django.conf import settings

    from participants.models import PlanAction, PlanCheckIn, PlanGoal

    goals = PlanGoal.objects.filter(plan__participant__programme=programme, is_draft=False)
    goal_counts = goals.aggregate(
        goals=Count("id"),
        goals_done=Count("id", filter=Q(status=PlanGoal.Status.ACHIEVED)),
        with_plan=Count("plan__participant", distinct=True),
    )
    action_counts = PlanAction.objects.filter(goal__in=goals).aggregate(
        actions=Count("id"), actions_done=Count("id", filter=Q(status=PlanAction.Status.DONE))
    )
    checkins = PlanCheckIn.objects.filter(plan__participant__programme=programme)
    latest = {}
    for plan_id, progress in checkins.order_by("plan_id", "created_at", "id").values_list("plan_id", "progress"):
        latest[plan_id] = progress
    with_checkin = len(latest)
    average = None
    if with_checkin and with_checkin >= settings.ANONYMITY_THRESHOLD:
        average = round(sum(latest.values()) / with_checkin, 1)
    return {
        "participants": programme.participants.count(),
        "with_plan": goal_counts["with_plan"],
        "goals": goal_counts["goals"],
        "goals_done": goal_counts["goals_done"],
        "actions": action_counts["actions"],
        "actions_done": action_counts["actions_done"],
        "checkins": checkins.count(),
        "participants_with_checkin": with_checkin,
        "average_progress": average,
    }


def plan_page(plan):
    """Everything the plan page shows, each list in one query."""
    from django.db.models import Prefetch

    from participants.models import PlanAction

    goals = list(
        plan.goals.select_related("programme_goal", "value").prefetch_related(
            Prefetch("actions", queryset=PlanAction.objects.order_by("due_date", "created_at", "id"))
        )
    )
    return {
        "goals": goals,
        "checkins": list(plan.checkins.all()),
        "versions": list(plan.versions.select_related("created_by").defer("snapshot")),
        "comments": list(plan.comments.select_related("author")),
    }


def cascade_sessions_visible_to(user):
    from participants.models import CascadeSession

    return CascadeSession.objects.filter(**_in_spaces(user, "participant")).select_related(
        "participant__user", "participant__programme"
    )


def kept_after_end_q(today=None):
    """Participations whose plan is the leader's alone (participants/way_on.py): kept, programme over."""
    from django.utils import timezone

    today = today or timezone.localdate()
    ended = Q(programme__status="completed") | Q(programme__end_date__lt=today)
    return Q(plan_keeping__keep=True) & ended


def uptake_counts(programme):
    """How many of the programme's leaders have done each part of their own space: one query.

    Counts only; the evaluation app releases them through the anonymity engine."""
    from django.db.models import Count, Q

    return with_space_status(Participant.objects.filter(programme=programme)).aggregate(
        participants=Count("pk"),
        baseline=Count("pk", filter=Q(has_baseline=True)),
        profile=Count("pk", filter=Q(has_profile=True)),
        feedback=Count("pk", filter=Q(has_feedback=True)),
        plan=Count("pk", filter=Q(has_plan=True)),
        cascade=Count("pk", filter=Q(has_cascade=True)),
    )


# --- The participant record (HR's page per participant) --------------------------------------------


def participant_records_visible_to(user):
    """Participations whose record (job data, facilitator, runs, done/not done) the user may open:
    HR of the municipality, and the facilitator assigned to the participant (read-only). Everyone
    else's answers 404."""
    from core.roles import roles_of

    roles = roles_of(user)
    if not (roles.hr or roles.facilitator):
        return Participant.objects.none()
    scope = Q(programme__municipality_id__in=sorted(roles.hr)) | Q(
        facilitator=user, programme_id__in=sorted(roles.facilitator)
    )
    return Participant.objects.filter(scope).select_related(
        "user", "facilitator", "manager__user", "programme__municipality"
    )


def participant_record(participant):
    """What the record page shows besides the participant's own row: done/not done of their own
    space (never its content), runs with attendance, invitations and reminders sent."""
    from core.models import Reminder

    status = with_space_status(Participant.objects.filter(pk=participant.pk)).values(
        "has_baseline", "has_profile", "has_feedback", "has_plan", "has_end_assessment"
    )[0]
    invitations = list(
        Invitation.objects.filter(programme_id=participant.programme_id, email__iexact=participant.user.email)
        .select_related("invited_by")
        .order_by("-created_at")
    )
    reminders = list(
        Reminder.objects.filter(
            recipient_id=participant.user_id, municipality_id=participant.programme.municipality_id
        ).order_by("-created_at", "-pk")[:RECORD_REMINDERS]
    )
    from django.utils.translation import gettext as _

    from core.reminders.base import get_kind

    for reminder in reminders:
        kind = get_kind(reminder.kind)
        reminder.kind_label = kind.label if kind else reminder.kind
    status_rows = [
        (status["has_baseline"], _("Baseline mapping")),
        (status["has_profile"], _("Personality profile")),
        (status["has_feedback"], _("Feedback conversation")),
        (status["has_plan"], _("Development plan")),
        (status["has_end_assessment"], _("Self-assessment at the end")),
    ]
    return {"status": status, "status_rows": status_rows, "invitations": invitations, "reminders": reminders}


# The record shows the newest reminders; the whole log is HR's reminder page.
RECORD_REMINDERS = 20
