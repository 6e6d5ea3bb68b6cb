from django import forms
from django.utils.translation import gettext_lazy as _

from networks.models import Composition, ThemeDay
from programmes.forms import ProgrammeCreateForm


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


class NetworkProgrammeForm(ProgrammeCreateForm):
    """A programme the network's organiser owns: the municipality's form, with the network in the
    municipality's place (only the organiser's own networks to choose from)."""

    field_order = ["network"]

    def __init__(self, *args, networks, **kwargs):
        from core.models import Municipality

        super().__init__(*args, municipalities=Municipality.objects.none(), **kwargs)
        del self.fields["municipality"]
        self.fields["network"] = forms.ModelChoiceField(label=_("Network"), queryset=networks)
        self.fields["values"].label = _("Values")
        self.order_fields(["network", *[name for name in self.fields if name != "network"]])
        if len(networks[:2]) == 1:
            self.fields["network"].initial = networks[0].pk
