from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LinesField
from programmes.models import Programme
from sessions.models import Gathering

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


class ProgrammeCreateForm(ProgrammeForm):
    core_count = forms.IntegerField(
        label=_("Number of core gatherings"),
        min_value=1,
        max_value=Gathering.CORE_MAX,
        initial=Gathering.CORE_COUNT,
        required=False,
        help_text=_("You can add, remove and reorder gatherings afterwards."),
    )

    def clean_core_count(self):
        return self.cleaned_data["core_count"] or Gathering.CORE_COUNT


class TemplateSaveForm(forms.Form):
    name = forms.CharField(label=_("Name of the template"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class StartFromShapeForm(forms.Form):
    """A new programme from a template or an earlier cohort: a name, a start date and a date per gathering.

    Empty gathering dates are proposed on working days; HR sees the proposal and changes what they like."""

    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    name = forms.CharField(label=_("Name of the new programme"), max_length=200)
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)

    def __init__(self, *args, municipalities, gatherings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        choices = list(municipalities[:2])
        if len(choices) == 1:
            self.fields["municipality"].initial = choices[0].pk
            self.fields["municipality"].widget = forms.HiddenInput()
        for index, row in enumerate(gatherings):
            days = row.get("days", 1)
            self.fields[f"date_{index}"] = forms.DateField(
                label=f"{index + 1}. {row.get('title', '')}",
                widget=DATE_WIDGET,
                required=False,
                help_text=_("Two days") if days == 2 else None,
            )
        self.gathering_count = len(gatherings)

    def dates(self):
        return [self.cleaned_data.get(f"date_{i}") for i in range(self.gathering_count)]
