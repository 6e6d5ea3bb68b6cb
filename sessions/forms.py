from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LinesField
from programmes.forms import DATE_WIDGET


class GatheringForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_date = forms.DateField(label=_("Date"), widget=DATE_WIDGET, required=False)
    days = forms.TypedChoiceField(
        label=_("Length"), choices=[(1, _("One day")), (2, _("Two days"))], coerce=int, initial=1
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    goals = LinesField(label=_("Goals"), required=False)
    topics = LinesField(label=_("Central topics"), required=False)
