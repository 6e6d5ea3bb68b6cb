from django import forms
from django.utils.translation import gettext_lazy as _

from core.formatting import clock, numeric_date
from core.frameworks import TenFactor
from programmes.forms import DATE_WIDGET
from sessions.forms import TIME_WIDGET


class ComposeForm(forms.Form):
    min_size = forms.IntegerField(label=_("Smallest group"), min_value=2, max_value=30, initial=5)
    max_size = forms.IntegerField(label=_("Largest group"), min_value=2, max_value=30, initial=7)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_size"), cleaned.get("max_size")
        if low and high and high < low:
            self.add_error("max_size", _("The largest group must be at least as large as the smallest."))
        return cleaned


class MoveForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    group = forms.ModelChoiceField(label=_("Move to group"), queryset=None)
    reason = forms.CharField(label=_("Reason for the move"), max_length=500, required=False)

    def __init__(self, *args, participants, groups, fixed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants
        self.fields["participant"].label_from_instance = lambda p: str(p.user)
        self.fields["group"].queryset = groups
        self.fixed = fixed
        if fixed:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _("The groups are fixed: give a reason for the move.")
            self.fields["reason"].help_text = _("The groups are fixed. The reason is kept in the log.")

    def clean_reason(self):
        return " ".join(self.cleaned_data.get("reason", "").split())


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    facilitator = forms.ModelChoiceField(label=_("Facilitator"), queryset=None, required=False)

    def __init__(self, *args, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators
        self.fields["facilitator"].label_from_instance = lambda f: str(f.user)


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET, initial="14:00")
    end_time = forms.TimeField(label=_("End time"), widget=TIME_WIDGET, initial="15:30")
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https", help_text=_("Give a place, a video link or both.")
    )
    record_attendance = forms.BooleanField(label=_("Record who came"), required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who came"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label=_("Short summary for the group"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Only the group and its facilitator see it. Do not write names of staff or service users."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda p: str(p.user)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        if not self.errors and not (cleaned.get("place") or cleaned.get("video_link")):
            self.add_error("place", _("Give a place or a video link."))
        if cleaned.get("attendees"):
            cleaned["record_attendance"] = True
        return cleaned


class CaseForm(forms.Form):
    brought_by = forms.ModelChoiceField(label=_("Brought by"), queryset=None, required=False)
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("A short description of the challenge, without names.")
    )
    situation = forms.CharField(label=_("The situation"), widget=forms.Textarea(attrs={"rows": 4}))
    challenge = forms.CharField(
        label=_("The challenge and the question to the group"), widget=forms.Textarea(attrs={"rows": 3})
    )
    tried = forms.CharField(label=_("What has been tried"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reflections = forms.CharField(
        label=_("The group's reflections and advice"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    action = forms.CharField(
        label=_("The action the leader chose"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    discussed_on = forms.DateField(label=_("Discussed on"), widget=DATE_WIDGET)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None, required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    values = forms.ModelMultipleChoiceField(
        label=_("The programme's values"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    ten_factors = forms.MultipleChoiceField(
        label=_("10-factor factors"), choices=TenFactor.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, meetings, themes, values, member_fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brought_by"].queryset = members
        self.fields["brought_by"].label_from_instance = lambda p: str(p.user)
        if member_fixed:
            # A leader logs their own case; only the facilitator logs one on a member's behalf.
            del self.fields["brought_by"]
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{numeric_date(m.date)} {clock(m.start_time)}"
        self.fields["themes"].queryset = themes
        self.fields["themes"].label_from_instance = lambda t: t.label
        self.fields["values"].queryset = values
        # Fields with nothing to choose from would show an empty heading.
        if not meetings.exists():
            del self.fields["meeting"]
        if not values.exists():
            del self.fields["values"]


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(
        label=_("Follow-up: what happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Taken up at the next meeting: what the leader did and how it went."),
    )
    follow_up_on = forms.DateField(label=_("Followed up on"), widget=DATE_WIDGET)


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("New theme"), max_length=100)
