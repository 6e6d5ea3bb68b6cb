from django.views.generic import ListView

from participants.selectors import participants_of
from programmes.views import ProgrammeObjectMixin


class ParticipantListView(ProgrammeObjectMixin, ListView):
    permission_required = "programmes.view_participants"
    template_name = "participants/participant_list.html"
    context_object_name = "participants"

    def get_queryset(self):
        return participants_of(self.programme)

    def get_context_data(self, **kwargs):
        return super().get_context_data(facilitators=self.programme.facilitators.select_related("user"), **kwargs)
