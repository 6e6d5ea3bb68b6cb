from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LinesField
from programmes.models import Programme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    end_date = forms.DateField(
        label=_("End date"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Leave empty for a two-year programme."),
    )
    main_goal = forms.CharField(label=_("Main goal"), widget=forms.Textarea(attrs={"rows": 3}))
    goals = LinesField(label=_("Sub-goals"), required=False)
    values = LinesField(
        label=_("The municipality's values"),
        required=False,
        max_length_item=100,
        help_text=_("One per line, e.g. humour, responsibility, curiosity, engagement."),
    )
    target_group = forms.CharField(label=_("Target group"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Programme.Status.choices)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        choices = list(municipalities[:2])
        if len(choices) == 1:
            self.fields["municipality"].initial = choices[0].pk
            self.fields["municipality"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and not end:
            try:
                cleaned["end_date"] = start.replace(year=start.year + 2)
            except ValueError:  # 29 February
                cleaned["end_date"] = start.replace(year=start.year + 2, day=28)
        elif start and end and end <= start:
            self.add_error("end_date", _("The end date must be after the start date."))
        return cleaned


class ExtensionDecisionForm(forms.Form):
    run_extension = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Run the extension")), ("no", _("Do not run the extension"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Date of decision"), widget=DATE_WIDGET)
    decided_by = forms.CharField(
        label=_("Decided by"),
        max_length=200,
        help_text=_("E.g. the chief executive, the leaders' forum or the municipal council."),
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
