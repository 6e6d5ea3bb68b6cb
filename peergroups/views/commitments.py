"""The group's side of "det første jeg gjør når jeg kommer hjem": at each gathering's case round, the
commitments its members made after the gathering before. The group's own content: members and its
facilitator only (participants/way_on.py keeps the commitments in each leader's plan)."""

from django.views.generic import TemplateView

from participants.way_on import home_commitments_by_round
from peergroups.views.groups import GroupContentMixin


class GroupCommitmentsView(GroupContentMixin, TemplateView):
    permission_required = "peergroups.view_group_content"
    template_name = "peergroups/group_commitments.html"

    def get_context_data(self, **kwargs):
        member_ids = self.group.members.values_list("participant_id", flat=True)
        rounds = home_commitments_by_round(member_ids, self.group.programme)
        return super().get_context_data(rounds=rounds, **kwargs)
