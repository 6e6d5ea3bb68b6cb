"""Attendance on a run day: the sheet per day, everyone present, the sign-in PDF, the overview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from programmes.views import ProgrammeObjectMixin
from sessions import services
from sessions.forms import AttendanceForm
from sessions.models import Attendance
from sessions.selectors import (
    attendance_overview,
    run_roster,
)
from sessions.views.runs import RunObjectMixin


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
