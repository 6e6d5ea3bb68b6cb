"""Answering a survey: a gathering's feedback and the programme evaluation, for the leaders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.mixins import ScopedObjectMixin
from evaluation import services
from evaluation.forms import (
    SurveyAnswerForm,
)
from evaluation.models import Respondent, Survey
from evaluation.selectors import (
    surveys_visible_to,
)
from sessions.selectors import runs_visible_to


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
