"""A gathering's runs: creating, assigning the leaders, moving one, editing and deleting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from core.calendar_sense import warn_if_off_work
from core.mixins import ScopedObjectMixin
from sessions import services
from sessions.forms import MoveForm, RunForm
from sessions.selectors import (
    catering_counts,
    run_roster,
    runs_of_gathering,
    runs_visible_to,
)
from sessions.views.gatherings import GatheringObjectMixin


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
            run = services.run_create(gathering=self.gathering, created_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The run was added."))
        warn_if_off_work(self.request, run.date, self.gathering.days)
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
        warn_if_off_work(self.request, self.run.date, self.run.gathering.days)
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
