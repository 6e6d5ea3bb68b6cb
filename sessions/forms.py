from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LinesField
from programmes.forms import DATE_WIDGET
from sessions.models import AgendaItem, Attendance


class GatheringForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Date"), widget=DATE_WIDGET, required=False)
    days = forms.TypedChoiceField(
        label=_("Length"), choices=[(1, _("One day")), (2, _("Two days"))], coerce=int, initial=1
    )
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
