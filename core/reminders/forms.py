from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.reminders.base import optional_kinds_for


class ReminderPreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Send me these reminders"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Invitations and password e-mails always come."),
    )
    language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=settings.LANGUAGES,
        help_text=_(
            "Your pages and printouts follow it too. Until you choose, your municipality's written standard is used."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(kind.key, kind.label) for kind in optional_kinds_for(user)]
        if choices:
            self.fields["kinds"].choices = choices
        else:  # HR and executives only: nothing optional reaches them
            del self.fields["kinds"]
