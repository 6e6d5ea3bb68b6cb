"""The leader's space as a whole: the leader's own entry page, and one participation's overview."""

from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from participants import services
from participants.models import Baseline, ProfileFeedback
from participants.selectors import (
    baseline_of,
    leader_spaces_visible_to,
)
from participants.space.common import SpaceMixin


class MyLeaderSpaceView(TemplateView):
    """The nav's "My development": straight to the space when the user is in one programme."""

    template_name = "participants/my_spaces.html"

    def get(self, request, *args, **kwargs):
        spaces = list(leader_spaces_visible_to(request.user).filter(user=request.user))
        if not spaces:
            raise Http404
        if len(spaces) == 1:
            return redirect("leader_space", pk=spaces[0].pk)
        return self.render_to_response(self.get_context_data(spaces=spaces))


class LeaderSpaceView(SpaceMixin, TemplateView):
    permission_required = "participants.view_leader_space"
    template_name = "participants/leader_space.html"

    def get_context_data(self, **kwargs):
        participant = self.participant
        baseline, _ratings = baseline_of(participant, Baseline.Phase.BASELINE)
        end = Baseline.objects.filter(participant=participant, phase=Baseline.Phase.END).first()
        if baseline is not None:
            # What the leader wrote about their background and wishes is theirs; the facilitator's read is logged.
            services.leader_space_read(
                participant=participant, reader=self.request.user, what="baseline", target=baseline
            )
        plan = getattr(participant, "plan", None)
        latest = plan.checkins.first() if plan else None
        return super().get_context_data(
            baseline=baseline,
            end_assessment=end,
            has_consent=hasattr(participant, "profile_consent"),
            profile_count=participant.profiles.count(),
            feedback=ProfileFeedback.objects.filter(participant=participant).first(),
            plan=plan,
            goal_count=plan.goals.filter(is_draft=False).count() if plan else 0,
            latest_checkin=latest,
            cascade_count=participant.cascade_sessions.count(),
            **kwargs,
        )


# --- Baseline ---------------------------------------------------------------------------------------
