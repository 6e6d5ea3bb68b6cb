"""The executive's report: its state, building it again, and the permission-checked downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from core.mixins import ScopedObjectMixin
from evaluation import services
from evaluation.forms import (
    ReportForm,
)
from evaluation.models import Report, Survey
from evaluation.selectors import (
    latest_reports,
    reports_visible_to,
)
from evaluation.views.overview import add_errors
from programmes.views import ProgrammeObjectMixin


def _date(value):
    return date_format(timezone.localtime(value), "j. F Y")


def report_state(report, survey=None, now=None):
    """What the report page and its status endpoint say about the newest build, and why it is so."""
    now = now or timezone.now()
    if report is None:
        if survey is None:
            why = _(
                "No programme evaluation has been created yet. HR creates it under Evaluation; the report is "
                "built by itself when it closes."
            )
        elif survey.closes_at > now:
            why = _("The evaluation is open until %(date)s; the report is built when it closes.") % {
                "date": _date(survey.closes_at)
            }
        else:
            why = _("The evaluation has closed; the report is about to be built.")
        return {"state": "none", "label": why, "pending": False}
    labels = {
        Report.State.QUEUED: _("Queued: the report waits for a worker."),
        Report.State.BUILDING: _("Building the report …"),
        Report.State.READY: _("Ready."),
        Report.State.FAILED: _("Failed: %(reason)s") % {"reason": report.failure},
    }
    state = {"state": report.state, "label": labels[report.state], "pending": report.is_pending}
    if report.state == Report.State.READY:
        state["download_url"] = reverse("report_download", kwargs={"pk": report.pk})
        if report.summary_file:
            state["summary_url"] = reverse("report_summary_download", kwargs={"pk": report.pk})
        state["finished"] = _("Built %(date)s at %(time)s, %(trigger)s.") % {
            "date": _date(report.finished_at),
            "time": timezone.localtime(report.finished_at).strftime("%H:%M"),
            "trigger": report.get_trigger_display(),
        }
    if survey is not None and survey.closes_at > now and report.state == Report.State.READY:
        state["label"] += " " + _("The evaluation is open until %(date)s; a new report is built when it closes.") % {
            "date": _date(survey.closes_at)
        }
    return state


def _report_page_state(programme):
    """(newest report, the programme evaluation, earlier ready versions): queues the build first
    if the evaluation has closed since the last report and the periodic sweep has not run yet."""
    services.report_build_on_close(programme=programme)
    reports = list(Report.objects.filter(programme=programme).order_by("-requested_at", "-id"))
    survey = Survey.objects.filter(programme=programme, kind=Survey.Kind.PROGRAMME).first()
    newest = reports[0] if reports else None
    earlier = [r for r in reports[1:] if r.state == Report.State.READY]
    return newest, survey, earlier


class ReportView(ProgrammeObjectMixin, FormView):
    permission_required = "evaluation.view_report"
    template_name = "evaluation/report.html"
    form_class = ReportForm

    def get_initial(self):
        report = latest_reports([self.programme.pk]).get(self.programme.pk)
        language = self.programme.municipality.language
        return {"recommendation": report.recommendation, "language": language} if report else {"language": language}

    def get_context_data(self, **kwargs):
        report, survey, earlier = _report_page_state(self.programme)
        can_build = self.request.user.has_perm("evaluation.build_report", self.programme)
        can_rebuild = self.request.user.has_perm("evaluation.rebuild_report", self.programme)
        context = super().get_context_data(
            report=report,
            status=report_state(report, survey),
            earlier=earlier,
            can_build=can_build,
            can_rebuild=can_rebuild and not can_build and report is not None and not report.is_pending,
            **kwargs,
        )
        if not can_build:
            context.pop("form", None)
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("evaluation.build_report", self.programme):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.report_request(programme=self.programme, requested_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The report is being built. This page shows when it is ready."))
        return redirect("evaluation_report", pk=self.programme.pk)


class ReportRebuildView(ProgrammeObjectMixin, View):
    """The chief executive builds the report again (with HR's latest recommendation)."""

    permission_required = "evaluation.rebuild_report"

    def post(self, request, pk):
        try:
            services.report_rebuild(programme=self.programme, requested_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The report is being built again. This page shows when it is ready."))
        return redirect("evaluation_report", pk=self.programme.pk)


class ReportStatusView(ProgrammeObjectMixin, View):
    """The newest build's state as JSON, polled by static/js/report-status.js."""

    permission_required = "evaluation.view_report"

    def get(self, request, pk):
        survey = Survey.objects.filter(programme=self.programme, kind=Survey.Kind.PROGRAMME).first()
        return JsonResponse(report_state(latest_reports([self.programme.pk]).get(self.programme.pk), survey))


class ReportDownloadView(ScopedObjectMixin, View):
    permission_required = "evaluation.view_report"
    scoped_attr = "report"

    def get_scope(self):
        return reports_visible_to(self.request.user)

    def get(self, request, pk):
        report = self.report
        if report.state != Report.State.READY or not report.file:
            raise Http404
        services.report_downloaded(report=report, user=request.user)
        from django.utils.text import slugify

        name = slugify(f"{self.file_title} {report.programme.name} {report.finished_at:%Y-%m-%d}")
        return FileResponse(
            self.file_of(report).open("rb"), as_attachment=True, filename=f"{name}.pdf", content_type="application/pdf"
        )

    file_title = "evalueringsrapport"

    def file_of(self, report):
        return report.file


class ReportSummaryDownloadView(ReportDownloadView):
    """The two-page summary for elected officials, built with the report."""

    file_title = "sammendrag for folkevalgte"

    def get(self, request, pk):
        if not self.report.summary_file:
            raise Http404
        return super().get(request, pk)

    def file_of(self, report):
        return report.summary_file
