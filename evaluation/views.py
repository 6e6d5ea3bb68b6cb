from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.mixins import ScopedObjectMixin
from core.services import audit_log
from evaluation import anonymity, decision, services
from evaluation.forms import (
    ExtensionDecisionForm,
    ProgrammeEvaluationForm,
    ReportForm,
    ScreenForm,
    SurveyAnswerForm,
    TenFactorForm,
)
from evaluation.models import Report, Respondent, Survey, TenFactorScore
from evaluation.results import filter_choices, parse_filter, programme_results
from evaluation.selectors import (
    latest_reports,
    non_respondents,
    programme_surveys,
    reports_visible_to,
    surveys_visible_to,
    texts_to_screen,
)
from programmes.views import ProgrammeObjectMixin
from sessions.selectors import runs_visible_to

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Answering --------------------------------------------------------------------------------------


class AnswerMixin:
    """Show the survey's form to a respondent once; a second visit thanks them instead."""

    template_name = "evaluation/survey_answer.html"
    form_class = SurveyAnswerForm

    def survey_or_none(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "questions": self.survey.questions.all()}

    def window(self):
        return self.survey.opens_at, self.survey.closes_at

    def _state(self):
        if self.survey is not None and Respondent.objects.filter(survey=self.survey, user=self.request.user).exists():
            return "answered"
        opens, closes = self.window()
        now = timezone.now()
        if now >= closes:
            return "closed"
        return "open" if self.survey is not None and opens <= now else "not_open"

    def get(self, request, *args, **kwargs):
        self.survey = self.survey_or_none()
        state = self._state()
        if state != "open":
            return self.render_to_response(self.get_context_data(state=state, form=None))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.survey = self.survey_or_none()
        if self._state() != "open":
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("state", "open")
        kwargs["survey"] = self.survey
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            services.survey_answer(survey=self.survey, user=self.request.user, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you! Your answers are stored without your name."))
        return redirect("home")


class FeedbackAnswerView(AnswerMixin, ScopedObjectMixin, FormView):
    """Gathering feedback for one run: open from the end of the run for a set number of days."""

    permission_required = "evaluation.answer_survey"
    scoped_attr = "run"

    def get_scope(self):
        return runs_visible_to(self.request.user)

    def get_permission_object(self):
        # The survey may not exist yet; who may answer depends only on the run and programme.
        survey = getattr(self.run, "feedback_survey", None)
        # run_id, not run: an unsaved survey must not be cached on the run as its feedback survey.
        return survey or Survey(programme=self.run.gathering.programme, kind=Survey.Kind.FEEDBACK, run_id=self.run.pk)

    def window(self):
        return services.feedback_window(self.run)

    def survey_or_none(self):
        opens, closes = self.window()
        if not opens <= timezone.now() < closes:
            return getattr(self.run, "feedback_survey", None)
        return services.feedback_survey_ensure(run=self.run)

    def get_context_data(self, **kwargs):
        opens, closes = services.feedback_window(self.run)
        return super().get_context_data(
            run=self.run, gathering=self.run.gathering, programme=self.run.gathering.programme, opens=opens, **kwargs
        )


class SurveyObjectMixin(ScopedObjectMixin):
    scoped_attr = "survey"

    def get_scope(self):
        return surveys_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        kwargs.update(survey=self.survey, programme=self.survey.programme)
        return super().get_context_data(**kwargs)


class SurveyAnswerView(AnswerMixin, SurveyObjectMixin, FormView):
    permission_required = "evaluation.answer_survey"

    def survey_or_none(self):
        return self.survey

    def get_context_data(self, **kwargs):
        return super().get_context_data(opens=self.survey.opens_at, **kwargs)


# --- HR's and facilitators' pages -------------------------------------------------------------------


class EvaluationOverviewView(ProgrammeObjectMixin, TemplateView):
    permission_required = "evaluation.view_results"
    template_name = "evaluation/overview.html"

    def get_context_data(self, **kwargs):
        # Runs that have ended get their survey here too, not only when a leader opens it.
        services.feedback_surveys_ensure(programme=self.programme)
        user = self.request.user
        surveys = programme_surveys(self.programme)
        anonymity.survey_counts(
            self.programme,
            surveys,
            live=user.has_perm("evaluation.view_non_respondents", self.programme),
        )
        return super().get_context_data(
            feedback=[s for s in surveys if s.kind == Survey.Kind.FEEDBACK],
            evaluation=next((s for s in surveys if s.kind == Survey.Kind.PROGRAMME), None),
            can_manage=user.has_perm("evaluation.manage_evaluation", self.programme),
            threshold=anonymity.threshold(),
            now=timezone.now(),
            **kwargs,
        )


class ProgrammeEvaluationCreateView(ProgrammeObjectMixin, FormView):
    permission_required = "evaluation.manage_evaluation"
    template_name = "evaluation/evaluation_form.html"
    form_class = ProgrammeEvaluationForm

    def get_initial(self):
        # A programme made from a template (or a copied cohort) proposes the needs it carried along.
        return {"needs": self.programme.evaluation_settings.get("needs", [])}

    def form_valid(self, form):
        try:
            services.programme_evaluation_create(
                programme=self.programme, created_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The programme evaluation is open. The participants see it on their start page.")
        )
        return redirect("evaluation_overview", pk=self.programme.pk)


def _add_errors(form, error):
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class SurveyCloseView(SurveyObjectMixin, View):
    permission_required = "evaluation.manage_evaluation"

    def post(self, request, pk):
        try:
            services.survey_close(survey=self.survey, closed_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The survey is closed."))
        return redirect("evaluation_overview", pk=self.survey.programme_id)


class ResultsView(ProgrammeObjectMixin, TemplateView):
    permission_required = "evaluation.view_results"
    template_name = "evaluation/results.html"

    def get_scope(self):
        return super().get_scope().prefetch_related("gatherings")

    def get_context_data(self, **kwargs):
        chosen = parse_filter(self.request.GET.get("filter"))
        results = programme_results(self.programme, filter=chosen)
        return super().get_context_data(
            results=results,
            filter_choices=filter_choices(self.programme, results.plan),
            chosen=f"{chosen[0]}:{chosen[1]}" if chosen else "",
            threshold=anonymity.threshold(),
            can_export=self.request.user.has_perm("evaluation.export_results", self.programme),
            **kwargs,
        )


class ResultsExportView(ProgrammeObjectMixin, View):
    permission_required = "evaluation.export_results"

    def get_scope(self):
        return super().get_scope().prefetch_related("gatherings")

    def get(self, request, pk):
        from django.utils.text import slugify

        from evaluation.exports import results_workbook

        results = programme_results(self.programme)
        response = HttpResponse(results_workbook(self.programme, results), content_type=XLSX_CONTENT_TYPE)
        name = slugify(f"evaluering {self.programme.name}")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        audit_log(
            actor=request.user,
            action="evaluation.exported",
            target=self.programme,
            municipality=self.programme.municipality,
        )
        return response


class ScreeningView(ProgrammeObjectMixin, TemplateView):
    permission_required = "evaluation.screen_texts"
    template_name = "evaluation/screening.html"

    def get_context_data(self, **kwargs):
        answers = list(texts_to_screen(self.programme))
        pending = [a for a in answers if a.screening == "pending"]
        return super().get_context_data(
            pending=pending, screened=[a for a in answers if a.screening != "pending"], **kwargs
        )

    def post(self, request, pk):
        form = ScreenForm(request.POST)
        answer = None
        if form.is_valid():
            answer = texts_to_screen(self.programme).filter(pk=form.cleaned_data["answer"]).first()
        if answer is None:
            messages.error(request, _("Unknown answer."))
        else:
            services.answer_screen(answer=answer, screened_by=request.user, decision=form.cleaned_data["decision"])
            messages.success(
                request, _("The answer is approved.") if answer.screening == "approved" else _("The answer is hidden.")
            )
        return redirect("evaluation_screening", pk=self.programme.pk)


class NonRespondentsView(SurveyObjectMixin, TemplateView):
    permission_required = "evaluation.view_non_respondents"
    template_name = "evaluation/non_respondents.html"

    def get_context_data(self, **kwargs):
        # Names only while the survey is open, for reminding; once it closes (and its results may
        # be released) the list is gone, so names never stand beside released answers.
        is_open = self.survey.is_open()
        people = list(non_respondents(self.survey)) if is_open else []
        return super().get_context_data(people=people, is_open=is_open, **kwargs)


class TenFactorView(ProgrammeObjectMixin, FormView):
    permission_required = "evaluation.manage_evaluation"
    template_name = "evaluation/ten_factor.html"
    form_class = TenFactorForm

    def get_initial(self):
        initial = {}
        for score in TenFactorScore.objects.filter(programme=self.programme):
            initial[f"{score.factor}_before"] = score.before
            initial[f"{score.factor}_after"] = score.after
        return initial

    def form_valid(self, form):
        services.ten_factor_save(programme=self.programme, saved_by=self.request.user, scores=form.scores())
        messages.success(self.request, _("The 10-factor averages are saved."))
        return redirect("evaluation_overview", pk=self.programme.pk)


# --- The executive's report ------------------------------------------------------------------------


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
            _add_errors(form, error)
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


# --- The extension decision, from the evidence ---------------------------------------------------


class ExtensionDecisionView(ProgrammeObjectMixin, FormView):
    permission_required = "programmes.decide_extension"
    template_name = "programmes/extension_decision.html"
    form_class = ExtensionDecisionForm

    @cached_property
    def evidence(self):
        return decision.evidence(self.programme)

    def get_form_kwargs(self):
        from core.models import MunicipalityRole, User

        executives = Q(
            municipality_roles__municipality_id=self.programme.municipality_id,
            municipality_roles__role=MunicipalityRole.Role.EXECUTIVE,
        )
        deciders = User.objects.filter(executives | Q(pk=self.request.user.pk), is_active=True).distinct()
        return {**super().get_form_kwargs(), "deciders": deciders, "published": self.evidence.published}

    def get_initial(self):
        current = getattr(self.programme, "extension_decision", None)
        if current is None:
            return {"decided_by": self.request.user.pk}
        return {
            "run_extension": "yes" if current.run_extension else "no",
            "decided_on": current.decided_on,
            "decided_by": current.decided_by_id or self.request.user.pk,
            "decision_body": current.decision_body,
            "reference": current.reference,
            "rationale": current.rationale,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(evidence=self.evidence, **kwargs)

    def form_valid(self, form):
        try:
            result = decision.extension_decide(
                programme=self.programme, recorded_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        if result.run_extension:
            messages.success(
                self.request,
                _(
                    "The decision is recorded. The extension's gatherings are now active; those without central "
                    "topics got the top-ranked development needs as proposed themes. Edit them as you see fit."
                ),
            )
        else:
            messages.success(self.request, _("The decision is recorded. The extension will not be run."))
        return redirect("programme_detail", pk=self.programme.pk)


# --- The chief executive's dashboard ------------------------------------------------------------


class DashboardView(ProgrammeObjectMixin, TemplateView):
    permission_required = "evaluation.view_dashboard"
    template_name = "evaluation/dashboard.html"

    def get_context_data(self, **kwargs):
        from evaluation.dashboard import dashboard

        figures = dashboard(self.programme)
        figures.pop("programme")  # the mixin's own, already scoped
        return super().get_context_data(**figures, **kwargs)
