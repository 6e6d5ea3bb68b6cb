"""The forms of HR's people pages (participants/people/views.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Invitation
from participants.models import Participant


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Invitation.Role.choices)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=None,
        required=False,
        help_text=_("Required for participants and facilitators."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    leader_level = forms.ChoiceField(
        label=_("Leader level"), choices=[("", "—")] + list(Participant.LeaderLevel.choices), required=False
    )
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False)
    sector = forms.CharField(label=_("Sector"), max_length=200, required=False)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in Invitation.PROGRAMME_ROLES and not cleaned.get("programme"):
            self.add_error("programme", _("Choose the programme for this role."))
        return cleaned
