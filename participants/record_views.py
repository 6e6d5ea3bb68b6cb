"""The participant record (HR's page per participant) and the bulk assignment of facilitators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, View

from core.mixins import ScopedObjectMixin
from participants import services
from participants.forms import FacilitatorBulkForm, ParticipantRecordForm
from participants.selectors import participant_record, participant_records_visible_to
from programmes.views import ProgrammeObjectMixin


class ParticipantRecordView(ScopedObjectMixin, FormView):
    """HR edits job data and the facilitator; the assigned facilitator reads the same page."""

    permission_required = "participants.view_record"
    scoped_attr = "participant"
    template_name = "participants/record.html"
    form_class = ParticipantRecordForm

    def get_scope(self):
        return participant_records_visible_to(self.request.user)

    def can_change(self):
        return self.request.user.has_perm("participants.change_record", self.participant)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participant": self.participant}

    def get_initial(self):
        p = self.participant
        return {name: getattr(p, name) for name in services.RECORD_FIELDS}

    def get_context_data(self, **kwargs):
        from core.home import PARTICIPANT_RECORD

        can_change = self.can_change()
        parts = {}
        for part in PARTICIPANT_RECORD:  # sessions adds the runs and attendance (sessions/record.py)
            parts.update(part(self.participant))
        context = super().get_context_data(
            participant=self.participant,
            programme=self.participant.programme,
            can_change=can_change,
            **parts,
            **participant_record(self.participant),
            **kwargs,
        )
        if not can_change:
            context.pop("form", None)  # the facilitator reads; the manager list is not theirs to load
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_change():
            return self.handle_no_permission()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        data["leader_level"] = data["leader_level"] or ""
        try:
            services.participant_update(participant=self.participant, updated_by=self.request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The participant was saved."))
        return redirect("participant_record", pk=self.participant.pk)


class FacilitatorBulkAssignView(ProgrammeObjectMixin, View):
    """From the participant list: the ticked participants get the chosen facilitator."""

    permission_required = "participants.assign_facilitator"

    def post(self, request, pk):
        form = FacilitatorBulkForm(request.POST, programme=self.programme)
        back = request.POST.get("next", "")
        # Back to the same filtered page of the list; only a query string of our own list is followed.
        target = redirect("programme_participants", pk=self.programme.pk)
        if back.startswith("?"):
            target["Location"] += back
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return target
        count = services.participants_assign_facilitator(
            programme=self.programme,
            participant_ids=form.cleaned_data["participants"],
            facilitator=form.cleaned_data["facilitator"],
            assigned_by=request.user,
        )
        user = form.cleaned_data["facilitator"]
        messages.success(
            request,
            ngettext(
                "%(count)s participant now has %(name)s as facilitator.",
                "%(count)s participants now have %(name)s as facilitator.",
                count,
            )
            % {"count": count, "name": user.get_full_name() or user.email},
        )
        return target
