from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, TemplateView, View

from core.mixins import ScopedObjectMixin
from programmes.views import ProgrammeObjectMixin
from sessions import services
from sessions.forms import AgendaItemForm, AttendanceForm, GatheringForm, MoveForm, RunForm
from sessions.models import AgendaItem, Attendance
from sessions.selectors import (
    attendance_overview,
    catering_counts,
    gatherings_visible_to,
    run_roster,
    runs_of_gathering,
    runs_visible_to,
)


class GatheringObjectMixin(ScopedObjectMixin):
    scoped_attr = "gathering"

    def get_scope(self):
        return gatherings_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(gathering=self.gathering, programme=self.gathering.programme, **kwargs)


class GatheringDetailView(GatheringObjectMixin, DetailView):
    permission_required = "gatherings.view_gathering"
    template_name = "sessions/gathering_detail.html"
    context_object_name = "gathering"

    def get_object(self, queryset=None):
        return self.gathering

    def get_context_data(self, **kwargs):
        from sessions.models import RunAssignment

        own_runs = RunAssignment.objects.filter(
            gathering=self.gathering, participant__user=self.request.user
        ).select_related("run")
        return super().get_context_data(items=self.gathering.agenda.all(), own_runs=[a.run for a in own_runs], **kwargs)


class GatheringUpdateView(GatheringObjectMixin, FormView):
    permission_required = "gatherings.change_gathering"
    template_name = "sessions/gathering_form.html"
    form_class = GatheringForm

    def get_initial(self):
        g = self.gathering
        return {
            "title": g.title,
            "start_date": g.start_date,
            "days": g.days,
            "venue": g.venue,
            "goals": g.goals,
            "topics": g.topics,
        }

    def form_valid(self, form):
        try:
            services.gathering_update(gathering=self.gathering, updated_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The gathering was saved."))
        return redirect("gathering_detail", pk=self.gathering.pk)


class ExtensionGatheringCreateView(ProgrammeObjectMixin, FormView):
    permission_required = "gatherings.add_gathering"
    template_name = "sessions/gathering_form.html"
    form_class = GatheringForm

    def form_valid(self, form):
        try:
            gathering = services.extension_gathering_add(
                programme=self.programme, added_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The extension gathering was added."))
        return redirect("gathering_detail", pk=gathering.pk)


# --- Runs -------------------------------------------------------------------------------------


class RunObjectMixin(ScopedObjectMixin):
    scoped_attr = "run"

    def get_scope(self):
        return runs_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        gathering = self.run.gathering
        return super().get_context_data(run=self.run, gathering=gathering, programme=gathering.programme, **kwargs)


class GatheringRunsView(GatheringObjectMixin, TemplateView):
    permission_required = "gatherings.view_runs"
    template_name = "sessions/gathering_runs.html"

    def get_scope(self):
        # The page shows nothing of the municipality or the extension decision: only the programme is joined.
        return super().get_scope().select_related(None).select_related("programme")

    def get_context_data(self, **kwargs):
        runs, participant_count = runs_of_gathering(self.gathering)
        assigned = sum(run.assigned_count for run in runs)
        return super().get_context_data(
            runs=runs,
            participant_count=participant_count,
            unassigned=participant_count - assigned,
            capacity=sum(run.capacity for run in runs),
            **kwargs,
        )


class RunCreateView(GatheringObjectMixin, FormView):
    permission_required = "gatherings.manage_runs"
    template_name = "sessions/run_form.html"
    form_class = RunForm

    def get_initial(self):
        return {"date": self.gathering.start_date, "venue": self.gathering.venue}

    def form_valid(self, form):
        try:
            services.run_create(gathering=self.gathering, created_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The run was added."))
        return redirect("gathering_runs", pk=self.gathering.pk)


class RunsAssignView(GatheringObjectMixin, View):
    permission_required = "gatherings.manage_runs"

    def post(self, request, pk):
        try:
            count = services.runs_assign_participants(gathering=self.gathering, assigned_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s participant was assigned to a run.",
                    "%(count)s participants were assigned to runs.",
                    count,
                )
                % {"count": count},
            )
        return redirect("gathering_runs", pk=self.gathering.pk)


class RunDetailView(RunObjectMixin, TemplateView):
    permission_required = "gatherings.view_runs"
    template_name = "sessions/run_detail.html"

    def get_context_data(self, **kwargs):
        roster = list(run_roster(self.run))
        other_runs = self.run.gathering.runs.exclude(pk=self.run.pk).order_by("number")
        return super().get_context_data(
            roster=roster,
            catering=catering_counts(roster),
            other_runs=list(other_runs),
            can_manage=self.request.user.has_perm("gatherings.manage_runs", self.run),
            **kwargs,
        )


class RunUpdateView(RunObjectMixin, FormView):
    permission_required = "gatherings.manage_runs"
    template_name = "sessions/run_form.html"
    form_class = RunForm

    def get_initial(self):
        r = self.run
        return {
            "date": r.date,
            "start_time": r.start_time,
            "end_time": r.end_time,
            "venue": r.venue,
            "capacity": r.capacity,
        }

    def form_valid(self, form):
        try:
            services.run_update(run=self.run, updated_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The run was saved."))
        return redirect("run_detail", pk=self.run.pk)


class RunDeleteView(RunObjectMixin, View):
    permission_required = "gatherings.manage_runs"

    def post(self, request, pk):
        gathering_id = self.run.gathering_id
        try:
            services.run_delete(run=self.run, deleted_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("run_detail", pk=self.run.pk)
        messages.success(request, _("The run was deleted. Its participants are no longer assigned."))
        return redirect("gathering_runs", pk=gathering_id)


class RunMoveView(RunObjectMixin, View):
    """Move one participant of this run to another run of the same gathering."""

    permission_required = "gatherings.manage_runs"

    def post(self, request, pk):
        runs = self.run.gathering.runs.all()
        form = MoveForm(request.POST, runs=runs)
        participant = None
        if form.is_valid():
            participant = self.run.gathering.programme.participants.filter(pk=form.cleaned_data["participant"]).first()
        if participant is None:
            messages.error(request, _("Choose a participant and a run."))
            return redirect("run_detail", pk=self.run.pk)
        try:
            services.run_move_participant(participant=participant, run=form.cleaned_data["run"], moved_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s was moved to run %(number)s.")
                % {"name": participant.user, "number": form.cleaned_data["run"].number},
            )
        return redirect("run_detail", pk=self.run.pk)


# --- Attendance -------------------------------------------------------------------------------


class AttendanceSheetView(RunObjectMixin, TemplateView):
    """One tap per person on a phone: the buttons post without reloading when JavaScript runs."""

    permission_required = "gatherings.mark_attendance"
    template_name = "sessions/attendance_sheet.html"

    def get_context_data(self, **kwargs):
        roster = list(run_roster(self.run))
        counts = dict.fromkeys(Attendance.Status.values, 0)
        for participant in roster:
            if participant.attendance_status:
                counts[participant.attendance_status] += 1
        return super().get_context_data(
            roster=roster,
            statuses=Attendance.Status.choices,
            counts=counts,
            unmarked=len(roster) - sum(counts.values()),
            **kwargs,
        )

    def post(self, request, pk):
        form = AttendanceForm(request.POST)
        participant = None
        if form.is_valid():
            participant = self.run.assignments.filter(participant_id=form.cleaned_data["participant"]).first()
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        if participant is None:
            if wants_json:
                return JsonResponse({"error": _("Unknown participant or status.")}, status=400)
            messages.error(request, _("Unknown participant or status."))
            return redirect("run_attendance", pk=self.run.pk)
        services.attendance_mark(
            run=self.run,
            participant=participant.participant,
            status=form.cleaned_data["status"],
            marked_by=request.user,
        )
        if wants_json:
            return JsonResponse({"participant": participant.participant_id, "status": form.cleaned_data["status"]})
        return redirect(f"{reverse('run_attendance', kwargs={'pk': self.run.pk})}#p{participant.participant_id}")


class AttendanceOverviewView(ProgrammeObjectMixin, TemplateView):
    permission_required = "gatherings.view_attendance_overview"
    template_name = "sessions/attendance_overview.html"

    def get_scope(self):
        return super().get_scope().prefetch_related("gatherings")

    def get_context_data(self, **kwargs):
        return super().get_context_data(overview=attendance_overview(self.programme), **kwargs)


# --- Agenda -----------------------------------------------------------------------------------


class AgendaEditView(GatheringObjectMixin, FormView):
    permission_required = "gatherings.edit_agenda"
    template_name = "sessions/agenda_edit.html"
    form_class = AgendaItemForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gathering": self.gathering}

    def get_context_data(self, **kwargs):
        return super().get_context_data(items=self.gathering.agenda.all(), **kwargs)

    def form_valid(self, form):
        try:
            services.agenda_item_save(gathering=self.gathering, saved_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The agenda item was added."))
        return redirect("agenda_edit", pk=self.gathering.pk)


class AgendaItemObjectMixin(ScopedObjectMixin):
    permission_required = "gatherings.edit_agenda"
    scoped_attr = "item"

    def get_scope(self):
        return AgendaItem.objects.filter(gathering__in=gatherings_visible_to(self.request.user)).select_related(
            "gathering__programme"
        )

    @property
    def gathering(self):
        return self.item.gathering

    def get_permission_object(self):
        return self.gathering

    def get_context_data(self, **kwargs):
        return super().get_context_data(gathering=self.gathering, programme=self.gathering.programme, **kwargs)


class AgendaItemUpdateView(AgendaItemObjectMixin, FormView):
    template_name = "sessions/agenda_item_form.html"
    form_class = AgendaItemForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gathering": self.gathering}

    def get_initial(self):
        i = self.item
        return {
            "day": i.day,
            "start_time": i.start_time,
            "title": i.title,
            "learning_form": i.learning_form,
            "responsible": i.responsible,
        }

    def form_valid(self, form):
        try:
            services.agenda_item_save(
                gathering=self.gathering, saved_by=self.request.user, item=self.item, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The agenda item was saved."))
        return redirect("agenda_edit", pk=self.gathering.pk)


class AgendaItemDeleteView(AgendaItemObjectMixin, View):
    def post(self, request, pk):
        services.agenda_item_delete(item=self.item, deleted_by=request.user)
        messages.success(request, _("The agenda item was removed."))
        return redirect("agenda_edit", pk=self.gathering.pk)


class AgendaPrintView(GatheringObjectMixin, TemplateView):
    """The agenda on paper; for a run, with the run's own date, time and place."""

    permission_required = "gatherings.view_agenda"
    template_name = "sessions/agenda_print.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(items=self.gathering.agenda.all(), **kwargs)


class RunAgendaPrintView(RunObjectMixin, TemplateView):
    permission_required = "gatherings.view_agenda"
    template_name = "sessions/agenda_print.html"

    def get_context_data(self, **kwargs):
        # Back to the run for those who may see it (HR, facilitators); a participant goes back to the
        # gathering, which is theirs to read (the run's page would answer them 403).
        run = self.run
        if self.request.user.has_perm("gatherings.view_runs", run):
            back_url = reverse("run_detail", kwargs={"pk": run.pk})
        else:
            back_url = reverse("gathering_detail", kwargs={"pk": run.gathering_id})
        return super().get_context_data(items=run.gathering.agenda.all(), back_url=back_url, **kwargs)
