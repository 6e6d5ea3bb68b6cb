"""Search and filters for the lists of a programme's participants (django-filter reads the query string).

The participant list, the attendance overview and the facilitator's leaders share them. Choices
come from the programme in a fixed number of queries (units and sectors in one, runs in one), so a
list costs the same at 30 and at 336 leaders.
"""

import django_filters as df
from django import forms
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Exists, Q
from django.utils.translation import gettext_lazy as _

from core.forms import PythonSelect
from participants.models import Participant
from participants.selectors import open_invitations_for

NO_FACILITATOR = "none"
# `?run=` takes a run's id, or "none-<gathering id>" for those without a run of that gathering.
NO_RUN_PREFIX = "none-"


class Status:
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    ACTIVE = "active"

    choices = [
        (NOT_INVITED, _("Not invited")),
        (INVITED, _("Invited, not accepted")),
        (ACTIVE, _("Active")),
    ]


class ParticipantFilter(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    unit = df.ChoiceFilter(widget=PythonSelect, label=_("Unit"), empty_label=_("All"))
    sector = df.ChoiceFilter(widget=PythonSelect, label=_("Sector"), empty_label=_("All"))
    leader_level = df.ChoiceFilter(
        widget=PythonSelect, label=_("Leader level"), choices=Participant.LeaderLevel.choices, empty_label=_("All")
    )
    run = df.ChoiceFilter(widget=PythonSelect, label=_("Run"), method="by_run", empty_label=_("All"))
    facilitator = df.ChoiceFilter(
        widget=PythonSelect, label=_("Facilitator"), method="by_facilitator", empty_label=_("All")
    )
    status = df.ChoiceFilter(
        widget=PythonSelect, label=_("Status"), method="by_status", choices=Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Participant
        fields = []

    def __init__(self, data=None, queryset=None, *, programme, facilitators, runs=None, **kwargs):
        """`facilitators`: the programme's facilitator users; `runs`: its runs with their gathering
        (loaded here when not given)."""
        super().__init__(data, queryset, **kwargs)
        self.programme = programme
        pairs = list(
            Participant.objects.filter(programme=programme).values_list("unit", "sector").distinct().order_by()
        )
        self.filters["unit"].extra["choices"] = [(u, u) for u in sorted({u for u, _s in pairs if u})]
        self.filters["sector"].extra["choices"] = [(s, s) for s in sorted({s for _u, s in pairs if s})]
        if runs is None:
            # The run model through the programme's own relations: participants sits below sessions and
            # never imports it. One query, the gathering joined.
            run_model = programme.gatherings.model._meta.get_field("runs").related_model
            runs = list(run_model.objects.filter(gathering__programme=programme).select_related("gathering"))
        self.filters["run"].extra["choices"] = run_choices(runs)
        self.filters["facilitator"].extra["choices"] = [
            (str(user.pk), user.get_full_name() or user.email) for user in facilitators
        ] + [(NO_FACILITATOR, _("Without a facilitator"))]
        for field in self.form.fields.values():
            css = "form-control form-control-sm" if isinstance(field.widget, forms.TextInput) else ""
            field.widget.attrs["class"] = css or "form-select form-select-sm"
        self.form.fields["q"].widget.input_type = "search"

    def search(self, queryset, name, value):
        """Every word must match the name, e-mail, unit or job title: "anna sandviken" finds the right Anna."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(user__email__icontains=word)
                | Q(unit__icontains=word)
                | Q(job_title__icontains=word)
            )
        return queryset

    def by_run(self, queryset, name, value):
        if value.startswith(NO_RUN_PREFIX):
            return queryset.exclude(runs__gathering_id=int(value.removeprefix(NO_RUN_PREFIX)))
        return queryset.filter(runs__run_id=int(value))

    def by_facilitator(self, queryset, name, value):
        if value == NO_FACILITATOR:
            return queryset.filter(facilitator__isnull=True)
        return queryset.filter(facilitator_id=int(value))

    def by_status(self, queryset, name, value):
        active = Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        if value == Status.ACTIVE:
            return queryset.exclude(active)
        invited = Exists(open_invitations_for(self.programme))
        if value == Status.INVITED:
            return queryset.filter(active).filter(invited)
        return queryset.filter(active).exclude(invited)


def run_choices(runs):
    """Grouped by gathering: each run, then "without a run" for that gathering."""
    from django.utils.translation import gettext as _

    groups = {}
    for run in sorted(runs, key=lambda r: (r.gathering.number, r.number)):
        label = _("Run %(number)s, %(date)s") % {"number": run.number, "date": run.date.strftime("%d.%m.%Y")}
        groups.setdefault(run.gathering, []).append((str(run.pk), label))
    choices = []
    for gathering, options in groups.items():
        options.append((f"{NO_RUN_PREFIX}{gathering.pk}", _("Without a run")))
        choices.append((str(gathering), options))
    return choices
