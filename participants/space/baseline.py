"""The baseline mapping, at the start and again at the end (the same self-assessment)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from core.frameworks import CompetenceDimension
from participants import forms, services
from participants.models import Baseline
from participants.selectors import (
    baseline_of,
)
from participants.space.common import SpaceMixin, _form_error


class BaselineView(SpaceMixin, FormView):
    permission_required = "participants.fill_in_baseline"
    template_name = "participants/baseline_form.html"
    form_class = forms.BaselineForm
    phase = Baseline.Phase.BASELINE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goals": self.participant.programme.goals.all(), "phase": self.phase}

    def get_initial(self):
        baseline, ratings = baseline_of(self.participant, self.phase)
        if baseline is None:
            return {}
        initial = {f"r_{goal_id}_{dimension}": score for (goal_id, dimension), score in ratings.items()}
        initial.update(
            leadership_education=baseline.leadership_education,
            years_as_leader=baseline.years_as_leader,
            expectations=baseline.expectations,
        )
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(phase=self.phase, dimensions=CompetenceDimension.choices, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.baseline_submit(
                participant=self.participant,
                submitted_by=self.request.user,
                phase=self.phase,
                ratings=form.ratings,
                leadership_education=data.get("leadership_education", ""),
                years_as_leader=data.get("years_as_leader"),
                expectations=data.get("expectations", ""),
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. Your answers are saved."))
        return redirect("leader_space", pk=self.participant.pk)


class BaselineEndView(BaselineView):
    phase = Baseline.Phase.END


# --- Personality profile and feedback --------------------------------------------------------------
