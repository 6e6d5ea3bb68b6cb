from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LinesField
from programmes.forms import DATE_WIDGET
from sessions.models import AgendaItem, Attendance, Gathering

# One day or two (Gathering's check constraint): the gathering form's and the template's.
DAYS_CHOICES = [(1, _("One day")), (2, _("Two days"))]


class GatheringForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Date"), widget=DATE_WIDGET, required=False)
    days = forms.TypedChoiceField(label=_("Length"), choices=DAYS_CHOICES, coerce=int, initial=1)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    goals = LinesField(label=_("Goals"), required=False)
    topics = LinesField(label=_("Central topics"), required=False)


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RunForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET, initial="09:00")
    end_time = forms.TimeField(label=_("End time"), widget=TIME_WIDGET, initial="15:30")
    venue = forms.CharField(label=_("Venue"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=2000, initial=100)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return cleaned


class MoveForm(forms.Form):
    participant = forms.IntegerField(widget=forms.HiddenInput)
    run = forms.ModelChoiceField(label=_("Move to run"), queryset=None)

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = runs


class AgendaItemForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=int, choices=[(1, _("Day 1")), (2, _("Day 2"))], initial=1)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET)
    title = forms.CharField(label=_("Title"), max_length=200)
    learning_form = forms.ChoiceField(label=_("Learning form"), choices=AgendaItem.LearningForm.choices)
    responsible = forms.CharField(label=_("Responsible"), max_length=200, required=False)

    def __init__(self, *args, gathering, **kwargs):
        super().__init__(*args, **kwargs)
        if gathering.days == 1:
            self.fields["day"].widget = forms.HiddenInput()


class AttendanceForm(forms.Form):
    participant = forms.IntegerField()
    status = forms.ChoiceField(choices=Attendance.Status.choices)


class TemplateEditForm(forms.Form):
    """A municipality's own programme template: its texts, and per gathering its title, place in the
    year (days after the start), length, venue, goals and central topics. The timed agenda and the
    runs a gathering carries stay as saved; a gathering can be removed, and at least one core
    gathering must remain."""

    name = forms.CharField(label=_("Name of the template"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    main_goal = forms.CharField(label=_("Main goal"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    target_group = forms.CharField(label=_("Target group"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    goals = LinesField(label=_("Sub-goals"), required=False)
    values = LinesField(label=_("Values"), required=False, max_length_item=100)
    needs = LinesField(label=_("Development needs to rank"), required=False, max_length_item=200)
    length_days = forms.IntegerField(label=_("Length in days"), min_value=30, max_value=3650)

    def __init__(self, *args, gatherings, **kwargs):
        super().__init__(*args, **kwargs)
        self.gathering_rows = gatherings
        for index, row in enumerate(gatherings):
            prefix = f"g{index}_"
            self.fields[prefix + "title"] = forms.CharField(
                label=_("Title"), max_length=200, initial=row.get("title", "")
            )
            self.fields[prefix + "offset_days"] = forms.IntegerField(
                label=_("Days after the start"),
                min_value=0,
                max_value=3650,
                required=False,
                initial=row.get("offset_days"),
                help_text=_("Empty: a month after the gathering before."),
            )
            self.fields[prefix + "days"] = forms.TypedChoiceField(
                label=_("Length"),
                choices=DAYS_CHOICES,
                coerce=int,
                initial=row.get("days", 1),
            )
            self.fields[prefix + "venue"] = forms.CharField(
                label=_("Venue"), max_length=200, required=False, initial=row.get("venue", "")
            )
            self.fields[prefix + "goals"] = LinesField(label=_("Goals"), required=False, initial=row.get("goals", []))
            self.fields[prefix + "topics"] = LinesField(
                label=_("Central topics"), required=False, max_length_item=200, initial=row.get("topics", [])
            )
            self.fields[prefix + "remove"] = forms.BooleanField(label=_("Remove this gathering"), required=False)

    def gathering_fields(self):
        """[(row, [bound fields])] for the template page, one group per gathering."""
        names = ("title", "offset_days", "days", "venue", "goals", "topics", "remove")
        return [(row, [self[f"g{i}_{n}"] for n in names]) for i, row in enumerate(self.gathering_rows)]

    def clean(self):
        data = super().clean()
        kept = [
            row
            for index, row in enumerate(self.gathering_rows)
            if not data.get(f"g{index}_remove") and row.get("kind", Gathering.Kind.CORE) == Gathering.Kind.CORE
        ]
        if not kept:
            raise forms.ValidationError(_("A template needs at least one core gathering."))
        return data

    def gatherings(self):
        """The template's gatherings after the edit, in their order, agenda and runs kept."""
        rows = []
        for index, row in enumerate(self.gathering_rows):
            prefix = f"g{index}_"
            if self.cleaned_data.get(prefix + "remove"):
                continue
            rows.append(
                {
                    **row,
                    **{
                        name: self.cleaned_data[prefix + name]
                        for name in ("title", "offset_days", "days", "venue", "goals", "topics")
                    },
                }
            )
        return rows
