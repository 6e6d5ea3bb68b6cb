from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Municipality
from networks.models import Composition, ThemeDay
from participants.forms import ParticipantImportForm
from participants.models import Participant
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
        super().__init__(*args, municipalities=Municipality.objects.none(), **kwargs)
        del self.fields["municipality"]
        self.fields["network"] = forms.ModelChoiceField(label=_("Network"), queryset=networks)
        self.fields["values"].label = _("Values")
        self.order_fields(["network", *[name for name in self.fields if name != "network"]])
        if len(networks[:2]) == 1:
            self.fields["network"].initial = networks[0].pk


class NetworkImportForm(ParticipantImportForm):
    """A member municipality's HR imports its own leaders into a network programme: the ordinary
    participant file (ParticipantImportForm parses and checks it), for the municipality chosen (only
    the user's own member municipalities), with no facilitators (they are the organiser's) and
    managers only among the municipality's own."""

    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    field_order = ["municipality", "file"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if len(municipalities[:2]) == 1:
            self.fields["municipality"].initial = municipalities[0].pk
            self.fields["municipality"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality is None or "file" not in cleaned:  # the file did not parse: its errors stand
            return cleaned
        own = set(
            Participant.objects.filter(programme=self.programme, home_municipality=municipality).values_list(
                "user__email", flat=True
            )
        )
        in_file = {row.email for row in self.rows}
        for row in self.rows:
            if row.facilitator_email:
                self.add_error(
                    "file",
                    _("Row %(row)s: facilitators are set by the network's organiser; leave the column empty.")
                    % {"row": row.row},
                )
            if row.manager_email and row.manager_email not in in_file and row.manager_email not in own:
                self.add_error(
                    "file",
                    _("Row %(row)s: the manager must be one of %(municipality)s's own leaders.")
                    % {"row": row.row, "municipality": municipality},
                )
        return cleaned
