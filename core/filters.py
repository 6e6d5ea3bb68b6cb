"""Search and a role filter for the people page (django-filter reads the query string)."""

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import PythonSelect
from core.models import MunicipalityRole, User


class PeopleFilter(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    role = df.ChoiceFilter(
        widget=PythonSelect,
        label=_("Role"),
        method="by_role",
        empty_label=_("All"),
        choices=[
            *MunicipalityRole.Role.choices,
            ("facilitator", _("Facilitator")),
            ("participant", _("Participant")),
        ],
    )

    class Meta:
        model = User
        fields = []

    def __init__(self, data=None, queryset=None, *, municipality, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.municipality = municipality
        self.form.fields["q"].widget.attrs["class"] = "form-control form-control-sm"
        self.form.fields["q"].widget.input_type = "search"
        self.form.fields["role"].widget.attrs["class"] = "form-select form-select-sm"

    def search(self, queryset, name, value):
        """Every word must match the name, the e-mail address or the unit of one of their participations."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(participations__unit__icontains=word, participations__programme__municipality=self.municipality)
            )
        return queryset.distinct()

    def by_role(self, queryset, name, value):
        here = self.municipality
        if value == "facilitator":
            return queryset.filter(facilitations__programme__municipality=here).distinct()
        if value == "participant":
            return queryset.filter(participations__programme__municipality=here).distinct()
        return queryset.filter(municipality_roles__municipality=here, municipality_roles__role=value).distinct()
