"""HR's and the facilitators' evaluation pages: the overview, opening and closing, results, the
Excel export, screening free text, who has not answered, the 10-factor scores."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.services import audit_log
from evaluation import anonymity, services
from evaluation.forms import (
    ProgrammeEvaluationForm,
    ScreenForm,
    TenFactorForm,
)
from evaluation.models import Survey, TenFactorScore
from evaluation.results import filter_choices, parse_filter, programme_results
from evaluation.selectors import (
    non_respondents,
    programme_surveys,
    texts_to_screen,
)
from evaluation.views.answering import SurveyObjectMixin
from programmes.views import ProgrammeObjectMixin

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The programme evaluation is open. The participants see it on their start page.")
        )
        return redirect("evaluation_overview", pk=self.programme.pk)


def add_errors(form, error):
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
