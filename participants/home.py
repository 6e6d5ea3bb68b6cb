"""The leader's and the facilitator's parts of the start page (merged by core.views.HomeView).

A fixed number of queries whatever the number of programmes or participants: one for the leader's
own participations with their status, one for their unread notices, one for a facilitator's
assigned participants.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.home import START_PAGE
from core.roles import roles_of
from participants.models import Notice, Participant, PlanAction, ProfileConsent
from participants.selectors import with_space_status

# How many assigned leaders a facilitator's start page lists per programme.
HOME_LEADERS = 10


def _action_count(**filters):
    return Subquery(
        PlanAction.objects.filter(goal__plan__participant=OuterRef("pk"), goal__is_draft=False, **filters)
        .order_by()
        .values("goal__plan__participant")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )


def _open_tasks(space, now):
    """What the leader has left to do, each with where to do it."""
    tasks = []
    if not space.has_baseline:
        tasks.append((_("Fill in the baseline mapping"), reverse("baseline", args=[space.pk])))
    if not space.has_profile:
        tasks.append((_("Record your personality profile"), reverse("profile", args=[space.pk])))
    elif not space.has_feedback:
        tasks.append((_("Feedback conversation with your facilitator (not recorded yet)"), None))
    if space.has_feedback and not space.has_plan:
        tasks.append((_("Make your development plan from the feedback"), reverse("plan", args=[space.pk])))
    if space.has_plan:
        since = space.last_checkin_at or space.plan_created_at
        if since is None or now - since >= timedelta(weeks=settings.PLAN_CHECKIN_WEEKS):
            tasks.append((_("Time for a check-in on your plan"), reverse("plan_checkin", args=[space.pk])))
    return tasks


def context(user, dashboard):
    roles = roles_of(user)
    now = timezone.now()
    leader_programmes = dashboard["participant_programmes"]
    if leader_programmes:
        spaces = with_space_status(Participant.objects.filter(user=user, programme_id__in=roles.participant)).annotate(
            has_consent=Exists(ProfileConsent.objects.filter(participant=OuterRef("pk"))),
            plan_created_at=F("plan__created_at"),
            actions_total=_action_count(),
            actions_done=_action_count(status=PlanAction.Status.DONE),
        )
        by_programme = {space.programme_id: space for space in spaces}
        notices = {}
        for notice in Notice.objects.filter(participant__user=user, read_at__isnull=True).order_by("-created_at"):
            notices.setdefault(notice.participant_id, []).append(notice)
        for programme in leader_programmes:
            space = by_programme.get(programme.pk)
            programme.leader_space = space
            if space is not None:
                space.open_tasks = _open_tasks(space, now)
                space.unread_notices = notices.get(space.pk, [])
    facilitator_programmes = dashboard["facilitator_programmes"]
    if facilitator_programmes:
        assigned = with_space_status(
            Participant.objects.filter(
                Q(facilitator=user), programme_id__in=[p.pk for p in facilitator_programmes]
            ).select_related("user")
        ).order_by("user__first_name", "user__last_name", "pk")
        by_programme = {}
        for participant in assigned:
            by_programme.setdefault(participant.programme_id, []).append(participant)
        for programme in facilitator_programmes:
            leaders = by_programme.get(programme.pk, [])
            # At Bergen's scale a facilitator has dozens: the start page shows a few, the participant
            # list (filtered to them, with search and pages) the rest.
            programme.assigned_leaders = leaders[:HOME_LEADERS]
            programme.assigned_count = len(leaders)
    return {}


@START_PAGE.register
def section(user, page):
    return context(user, page["dashboard"])
