"""At the gathering: the case round, the fixed agenda point from gathering 2 on."""

from django.views.generic import TemplateView

from core.mixins import ScopedObjectMixin
from peergroups import selectors, services
from sessions.selectors import gatherings_visible_to


class CaseRoundView(ScopedObjectMixin, TemplateView):
    """ "Lederutfordringer siden sist": the facilitator's groups' cases since the previous gathering."""

    permission_required = "peergroups.view_case_round"
    template_name = "peergroups/case_round.html"
    scoped_attr = "gathering"

    def get_scope(self):
        return gatherings_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        from django.conf import settings

        from participants.way_on import home_commitments_for_round
        from peergroups.models import PeerGroupMember

        round_ = selectors.case_round(self.gathering, self.request.user)
        services.case_reads_record(reader=self.request.user, cases=round_["cases"], via="case_round")
        # What the facilitator's groups said they would do first at home after the gathering before.
        members = PeerGroupMember.objects.filter(
            group__programme=self.gathering.programme_id, group__facilitator__user=self.request.user
        ).values("participant_id")
        return super().get_context_data(
            commitments=home_commitments_for_round(members, self.gathering),
            gathering=self.gathering,
            programme=self.gathering.programme,
            threshold=settings.ANONYMITY_THRESHOLD,
            **round_,
            **kwargs,
        )
