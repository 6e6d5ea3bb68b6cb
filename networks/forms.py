from django import forms
from django.utils.translation import gettext_lazy as _

from networks.models import Composition, ThemeDay


class ThemeDayForm(forms.ModelForm):
    class Meta:
        model = ThemeDay
        fields = ["municipality", "title", "date", "place", "after_gathering"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, municipalities, gatherings, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the user's own member municipalities: a theme day is held with one's own people.
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].label = _("municipality")
        self.fields["after_gathering"].queryset = gatherings


class CompositionForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Composition.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    gathering = forms.ModelChoiceField(label=_("gathering"), queryset=None, required=False)

    def __init__(self, *args, gatherings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gathering"].queryset = gatherings
