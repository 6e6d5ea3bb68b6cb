"""A gathering's page, its edit form and the extension's gatherings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView

from core.calendar_sense import warn_if_off_work
from core.mixins import ScopedObjectMixin
from programmes.views import ProgrammeObjectMixin
from sessions import services
from sessions.forms import GatheringForm
from sessions.selectors import (
    gatherings_visible_to,
)


class GatheringObjectMixin(ScopedObjectMixin):
    scoped_attr = "gathering"

    def get_scope(self):
        return gatherings_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(gathering=self.gathering, programme=self.gathering.programme, **kwargs)


class GatheringDetailView(GatheringObjectMixin, DetailView):
    permission_required = "gatherings.view_gathering"
    template_name = "sessions/gathering_detail.html"
    context_object_name = "gathering"

    def get_object(self, queryset=None):
        return self.gathering

    def get_context_data(self, **kwargs):
        from sessions.models import RunAssignment

        own_runs = RunAssignment.objects.filter(
            gathering=self.gathering, participant__user=self.request.user
        ).select_related("run__gathering")
        return super().get_context_data(items=self.gathering.agenda.all(), own_runs=[a.run for a in own_runs], **kwargs)


class GatheringUpdateView(GatheringObjectMixin, FormView):
    permission_required = "gatherings.change_gathering"
    template_name = "sessions/gathering_form.html"
    form_class = GatheringForm

    def get_initial(self):
        g = self.gathering
        return {
            "title": g.title,
            "start_date": g.start_date,
            "days": g.days,
            "venue": g.venue,
            "goals": g.goals,
            "topics": g.topics,
        }

    def form_valid(self, form):
        try:
            services.gathering_update(gathering=self.gathering, updated_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The gathering was saved."))
        warn_if_off_work(self.request, self.gathering.start_date, self.gathering.days)
        return redirect("gathering_detail", pk=self.gathering.pk)


class ExtensionGatheringCreateView(ProgrammeObjectMixin, FormView):
    permission_required = "gatherings.add_gathering"
    template_name = "sessions/gathering_form.html"
    form_class = GatheringForm

    def form_valid(self, form):
        try:
            gathering = services.extension_gathering_add(
                programme=self.programme, added_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The extension gathering was added."))
        warn_if_off_work(self.request, gathering.start_date, gathering.days)
        return redirect("gathering_detail", pk=gathering.pk)
