from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, TemplateView, View

from core.calendar_sense import warn_if_off_work
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
        ).select_related("run__gathering")
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
        warn_if_off_work(self.request, self.gathering.start_date, self.gathering.days)
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
        warn_if_off_work(self.request, gathering.start_date, gathering.days)
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


# --- Attendance -------------------------------------------------------------------------------


def _sheet_url(run, day, anchor=""):
    url = reverse("run_attendance", kwargs={"pk": run.pk})
    return f"{url}?dag={day}{anchor}" if day != 1 else f"{url}{anchor}"


class AttendanceDayMixin:
    """Day 1 or 2 of the run, from ?dag= (GET) or the form's `day` (POST); anything else is day 1."""

    def get_day(self):
        raw = self.request.POST.get("day") if self.request.method == "POST" else self.request.GET.get("dag")
        return 2 if raw == "2" and self.run.gathering.days == 2 else 1


class AttendanceSheetView(AttendanceDayMixin, RunObjectMixin, TemplateView):
    """One tap per person on a phone: the buttons post without reloading when JavaScript runs.

    "Alle til stede" first, then the exceptions: in a room of 100 most are there."""

    permission_required = "gatherings.mark_attendance"
    template_name = "sessions/attendance_sheet.html"

    def get_context_data(self, **kwargs):
        day = self.get_day()
        roster = list(run_roster(self.run, day=day))
        counts = dict.fromkeys(Attendance.Status.values, 0)
        for participant in roster:
            if participant.attendance_status:
                counts[participant.attendance_status] += 1
        try:
            services.attendance_check_day(run=self.run, day=day)
            not_started = None
        except ValidationError as error:
            not_started = " ".join(error.messages)
        return super().get_context_data(
            roster=roster,
            statuses=Attendance.Status.choices,
            counts=counts,
            unmarked=len(roster) - sum(counts.values()),
            day=day,
            days=range(1, self.run.gathering.days + 1),
            day_date=self.run.day_date(day),
            not_started=not_started,
            **kwargs,
        )

    def post(self, request, pk):
        form = AttendanceForm(request.POST)
        day = self.get_day()
        participant = None
        if form.is_valid():
            participant = self.run.assignments.filter(participant_id=form.cleaned_data["participant"]).first()
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        if participant is None:
            if wants_json:
                return JsonResponse({"error": _("Unknown participant or status.")}, status=400)
            messages.error(request, _("Unknown participant or status."))
            return redirect(_sheet_url(self.run, day))
        try:
            services.attendance_mark(
                run=self.run,
                participant=participant.participant,
                status=form.cleaned_data["status"],
                marked_by=request.user,
                day=day,
            )
        except ValidationError as error:
            if wants_json:
                return JsonResponse({"error": " ".join(error.messages)}, status=400)
            messages.error(request, " ".join(error.messages))
            return redirect(_sheet_url(self.run, day))
        if wants_json:
            return JsonResponse({"participant": participant.participant_id, "status": form.cleaned_data["status"]})
        return redirect(_sheet_url(self.run, day, f"#p{participant.participant_id}"))


class AttendanceAllPresentView(AttendanceDayMixin, RunObjectMixin, View):
    """ "Alle til stede": everyone not yet marked that day becomes present; the exceptions follow."""

    permission_required = "gatherings.mark_attendance"

    def post(self, request, pk):
        day = self.get_day()
        try:
            count = services.attendance_mark_all_present(run=self.run, marked_by=request.user, day=day)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s participant was marked present. Now mark those who are not.",
                    "%(count)s participants were marked present. Now mark those who are not.",
                    count,
                )
                % {"count": count},
            )
        return redirect(_sheet_url(self.run, day))


class SignInSheetPdfView(RunObjectMixin, View):
    """The sign-in list on paper: name, unit, diet and a line to sign, a column per day."""

    permission_required = "gatherings.mark_attendance"

    def get(self, request, pk):
        from django.utils.text import slugify

        from core.pdf import render_pdf

        roster = list(run_roster(self.run))
        content = render_pdf(
            "sessions/pdf/sign_in.html",
            {
                "run": self.run,
                "gathering": self.run.gathering,
                "roster": roster,
                "days": range(1, self.run.gathering.days + 1),
            },
        )
        filename = f"{slugify(_('sign-in list'))}-{slugify(self.run.gathering.title)}-{self.run.number}.pdf"
        return HttpResponse(
            content, content_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )


class AttendanceOverviewView(ProgrammeObjectMixin, TemplateView):
    permission_required = "gatherings.view_attendance_overview"
    template_name = "sessions/attendance_overview.html"

    def get_scope(self):
        return super().get_scope().prefetch_related("gatherings")

    def get_context_data(self, **kwargs):
        from core.paging import page_of
        from participants.filters import ParticipantFilter
        from participants.models import Participant

        facilitators = [f.user for f in self.programme.facilitators.select_related("user").order_by("user__first_name")]
        filterset = ParticipantFilter(
            self.request.GET or None,
            queryset=Participant.objects.filter(programme=self.programme)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "unit", "pk"),
            programme=self.programme,
            facilitators=facilitators,
        )
        page, query = page_of(self.request, filterset.qs)
        return super().get_context_data(
            overview=attendance_overview(self.programme, participants=list(page.object_list)),
            page=page,
            query=query,
            filter=filterset,
            filtered=bool(self.request.GET.keys() - {"side"}),
            can_open_records=self.request.user.has_perm("participants.change_record", self.programme),
            **kwargs,
        )


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
