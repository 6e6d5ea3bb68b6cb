"""The chief executive's pages: the extension decision from the evidence, and the dashboard."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from evaluation import decision
from evaluation.forms import (
    ExtensionDecisionForm,
)
from evaluation.views.overview import add_errors
from programmes.views import ProgrammeObjectMixin


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
            add_errors(form, error)
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


class DashboardView(ProgrammeObjectMixin, TemplateView):
    permission_required = "evaluation.view_dashboard"
    template_name = "evaluation/dashboard.html"

    def get_context_data(self, **kwargs):
        from evaluation.dashboard import dashboard

        figures = dashboard(self.programme)
        figures.pop("programme")  # the mixin's own, already scoped
        return super().get_context_data(**figures, **kwargs)


class CascadeTotalsView(ProgrammeObjectMixin, TemplateView):
    """Train the trainers for HR, per unit: the figures the dashboard and the report show (one
    released snapshot of the leaders' own work, units through one disclosure plan), never a live
    count, so no page shows one leader's sessions as a unit of one or as a step between readings."""

    permission_required = "participants.view_cascade_totals"
    template_name = "participants/cascade_totals.html"

    def get_context_data(self, **kwargs):
        from evaluation import own_work
        from evaluation.report import train_the_trainers

        released = own_work.released(self.programme)
        return super().get_context_data(
            cascade=train_the_trainers(self.programme, released=released),
            taken_at=released["taken_at"],
            threshold=settings.ANONYMITY_THRESHOLD,
            **kwargs,
        )
