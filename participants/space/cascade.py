"""Train the trainers: what the leader passed on to their own staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from core.mixins import ScopedObjectMixin
from participants import forms, services
from participants.selectors import (
    cascade_sessions_visible_to,
)
from participants.space.common import SpaceMixin, _form_error


class CascadeView(SpaceMixin, FormView):
    permission_required = "participants.log_cascade"
    template_name = "participants/cascade.html"
    form_class = forms.CascadeSessionForm

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        sessions = list(self.participant.cascade_sessions.all())
        return super().get_context_data(sessions=sessions, staff_total=sum(s.staff_count for s in sessions), **kwargs)

    def form_valid(self, form):
        try:
            services.cascade_session_log(participant=self.participant, logged_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Logged. Thank you for passing it on."))
        return redirect("cascade", pk=self.participant.pk)


class CascadeDeleteView(ScopedObjectMixin, View):
    permission_required = "participants.log_cascade"
    http_method_names = ["post"]
    scoped_attr = "session"

    def get_scope(self):
        return cascade_sessions_visible_to(self.request.user)

    def post(self, request, *args, **kwargs):
        participant_id = self.session.participant_id
        services.cascade_session_delete(session=self.session, deleted_by=request.user)
        messages.success(request, _("The entry is deleted."))
        return redirect("cascade", pk=participant_id)


# --- HR: status and aggregates ----------------------------------------------------------------------
