"""The leader's "Veien videre" page: the first thing at home after each gathering, and the choice
to keep the plan after the programme."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from participants import way_on
from participants.space.common import SpaceMixin


class HomeCommitmentForm(forms.Form):
    gathering = forms.ModelChoiceField(label=gettext_lazy("After the gathering"), queryset=None)
    text = forms.CharField(label=gettext_lazy("The first thing I do when I get home"), max_length=300)

    def __init__(self, *args, gatherings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gathering"].queryset = gatherings
        self.fields["gathering"].initial = gatherings.last()


class KeepForm(forms.Form):
    keep = forms.TypedChoiceField(
        label=gettext_lazy("After the programme"),
        choices=[
            ("yes", gettext_lazy("Keep my development plan in my own space")),
            ("no", gettext_lazy("Let it be erased with the programme's material")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


def _begun_gatherings(participant):
    return participant.programme.gatherings.filter(start_date__lte=timezone.localdate()).order_by("number")


class WayOnView(SpaceMixin, TemplateView):
    permission_required = "participants.edit_plan"
    template_name = "participants/way_on.html"

    def get_context_data(self, **kwargs):
        participant = self.participant
        keeping = way_on.keeping_of(participant)
        gatherings = _begun_gatherings(participant)
        return super().get_context_data(
            keeping=keeping,
            ended=way_on.programme_has_ended(participant.programme),
            commitments=list(way_on.home_commitments_of(participant)),
            commitment_form=HomeCommitmentForm(gatherings=gatherings) if gatherings.exists() else None,
            keep_form=KeepForm(initial={"keep": "yes" if keeping and keeping.keep else "no"} if keeping else None),
            **kwargs,
        )


class KeepChoiceView(SpaceMixin, View):
    permission_required = "participants.edit_plan"

    def post(self, request, pk):
        form = KeepForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what happens to your plan."))
            return redirect("way_on", pk=self.participant.pk)
        keep = form.cleaned_data["keep"]
        way_on.plan_keeping_choose(participant=self.participant, keep=keep, chosen_by=request.user)
        if keep:
            messages.success(
                request, _("Your plan stays in your own space after the programme. You can change your mind.")
            )
        else:
            messages.success(request, _("Your plan will be erased with the programme's material."))
        return redirect("way_on", pk=self.participant.pk)


class HomeCommitmentCreateView(SpaceMixin, View):
    permission_required = "participants.edit_plan"

    def post(self, request, pk):
        form = HomeCommitmentForm(request.POST, gatherings=_begun_gatherings(self.participant))
        if not form.is_valid():
            messages.error(request, _("Choose the gathering and say what you will do first."))
            return redirect("way_on", pk=self.participant.pk)
        try:
            way_on.home_commitment_add(
                participant=self.participant,
                gathering=form.cleaned_data["gathering"],
                text=form.cleaned_data["text"],
                added_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Added to your plan. Your peer group sees it at the next gathering's case round.")
            )
        return redirect("way_on", pk=self.participant.pk)
