from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.reminders.base import optional_kinds


class ReminderPreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Send me these reminders"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Invitations and password e-mails always come."),
    )
    language = forms.ChoiceField(label=_("Language of e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(kind.key, kind.label) for kind in optional_kinds()]
