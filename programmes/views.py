from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from core.mixins import ScopedObjectMixin
from core.models import Municipality
from core.selectors import municipalities_administered_by
from programmes import services
from programmes.forms import ProgrammeCreateForm, ProgrammeForm
from programmes.selectors import programme_with_details, programmes_visible_to


class ProgrammeObjectMixin(ScopedObjectMixin):
    scoped_attr = "programme"

    def get_scope(self):
        return programmes_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(programme=self.programme, **kwargs)


class ProgrammeListView(ListView):
    template_name = "programmes/programme_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return programmes_visible_to(self.request.user).order_by("municipality__name", "-start_date", "name")


class ProgrammeDetailView(ProgrammeObjectMixin, DetailView):
    permission_required = "programmes.view_programme"
    template_name = "programmes/programme_detail.html"
    context_object_name = "programme"

    def get_scope(self):
        return programme_with_details(super().get_scope())

    def get_object(self, queryset=None):
        return self.programme


class ProgrammeCreateView(PermissionRequiredMixin, FormView):
    permission_required = "programmes.add_programme"
    raise_exception = True
    template_name = "programmes/programme_form.html"
    form_class = ProgrammeCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipalities": municipalities_administered_by(self.request.user)}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        municipality = data.pop("municipality")
        if not self.request.user.has_perm("programmes.add_programme", municipality):
            raise PermissionDenied
        programme = services.programme_create(created_by=self.request.user, municipality=municipality, **data)
        messages.success(
            self.request,
            ngettext(
                "The programme was created with %(count)s core gathering. Fill in its date, goals and topics.",
                "The programme was created with %(count)s core gatherings. Fill in their dates, goals and topics.",
                data["core_count"],
            )
            % {"count": data["core_count"]},
        )
        return redirect("programme_detail", pk=programme.pk)


class ProgrammeUpdateView(ProgrammeObjectMixin, FormView):
    permission_required = "programmes.change_programme"
    template_name = "programmes/programme_form.html"
    form_class = ProgrammeForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipalities": Municipality.objects.filter(pk=self.programme.municipality_id),
        }

    def get_initial(self):
        p = self.programme
        return {
            "municipality": p.municipality_id,
            "name": p.name,
            "start_date": p.start_date,
            "end_date": p.end_date,
            "main_goal": p.main_goal,
            "goals": [g.text for g in p.goals.all()],
            "values": [v.name for v in p.values.all()],
            "target_group": p.target_group,
            "status": p.status,
        }

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        data.pop("municipality")  # a programme never moves to another municipality
        services.programme_update(programme=self.programme, updated_by=self.request.user, **data)
        messages.success(self.request, _("The programme was saved."))
        return redirect("programme_detail", pk=self.programme.pk)


class ProgrammeCockpitView(ProgrammeObjectMixin, TemplateView):
    """HR's checklist for the programme: what is due now, each item linking to the page that does it."""

    permission_required = "programmes.view_cockpit"
    template_name = "programmes/cockpit.html"

    def get_scope(self):
        from django.utils import timezone

        from programmes.selectors import gatherings_with_next_run

        return super().get_scope().prefetch_related(gatherings_with_next_run(timezone.localdate()))

    def get_context_data(self, **kwargs):
        from programmes.cockpit import Severity, cockpit_items

        items = cockpit_items([self.programme])
        groups = [
            (Severity.labels[level], Severity.css[level], [i for i in items if i.severity == level])
            for level in (Severity.URGENT, Severity.WARNING, Severity.INFO)
        ]
        return super().get_context_data(items=items, groups=[g for g in groups if g[2]], **kwargs)
