"""A peer group's meetings: planning, changing and deleting them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.calendar_sense import warn_if_off_work
from core.mixins import ScopedObjectMixin
from peergroups import selectors, services
from peergroups.forms import MeetingForm
from peergroups.views.common import _add_errors
from peergroups.views.groups import GroupContentMixin


class MeetingFormMixin:
    permission_required = "peergroups.manage_meetings"
    template_name = "peergroups/meeting_form.html"
    form_class = MeetingForm
    meeting = None

    def get_form_kwargs(self):
        from participants.models import Participant

        members = Participant.objects.filter(peer_membership__group=self.group).select_related("user")
        return {**super().get_form_kwargs(), "members": members.order_by("user__first_name")}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        record = data.pop("record_attendance")
        attendees = data.pop("attendees")
        try:
            services.meeting_save(
                group=self.group,
                saved_by=self.request.user,
                meeting=self.meeting,
                attendees=list(attendees) if record else None,
                **data,
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was saved."))
        warn_if_off_work(self.request, data["date"])
        return redirect("peergroup_detail", pk=self.group.pk)


class MeetingCreateView(MeetingFormMixin, GroupContentMixin, FormView):
    permission_required = "peergroups.manage_meetings"

    def get_initial(self):
        return {"date": timezone.localdate()}


class MeetingUpdateView(MeetingFormMixin, ScopedObjectMixin, FormView):
    permission_required = "peergroups.manage_meetings"
    scoped_attr = "meeting"

    def get_scope(self):
        return selectors.meetings_editable_by(self.request.user)

    @property
    def group(self):
        return self.meeting.group

    def get_initial(self):
        m = self.meeting
        return {
            "date": m.date,
            "start_time": m.start_time,
            "end_time": m.end_time,
            "place": m.place,
            "video_link": m.video_link,
            "record_attendance": m.attendance_recorded,
            "attendees": list(m.attendees.all()),
            "summary": m.summary,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, group=self.group, programme=self.group.programme, **kwargs
        )


class MeetingDeleteView(ScopedObjectMixin, TemplateView):
    """Delete a meeting that is not going to happen: it leaves the group's page and, at the next poll,
    the calendars of its members and facilitator. A meeting that cases are linked to stays."""

    permission_required = "peergroups.manage_meetings"
    scoped_attr = "meeting"
    template_name = "peergroups/meeting_delete.html"

    def get_scope(self):
        return selectors.meetings_editable_by(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            group=self.meeting.group,
            programme=self.meeting.group.programme,
            linked_cases=self.meeting.cases.count(),
            **kwargs,
        )

    def post(self, request, pk):
        group = self.meeting.group
        try:
            services.meeting_delete(meeting=self.meeting, deleted_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("meeting_delete", pk=pk)
        messages.success(request, _("The meeting was deleted. It is gone from the calendars of the group."))
        return redirect("peergroup_detail", pk=group.pk)
