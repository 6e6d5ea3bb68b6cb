"""A gathering's timed agenda: editing its items and printing it (also per run)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.mixins import ScopedObjectMixin
from sessions import services
from sessions.forms import AgendaItemForm
from sessions.models import AgendaItem
from sessions.selectors import (
    gatherings_visible_to,
)
from sessions.views.gatherings import GatheringObjectMixin
from sessions.views.runs import RunObjectMixin


class AgendaEditView(GatheringObjectMixin, FormView):
    permission_required = "gatherings.edit_agenda"
    template_name = "sessions/agenda_edit.html"
    form_class = AgendaItemForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gathering": self.gathering}

    def get_context_data(self, **kwargs):
        return super().get_context_data(items=self.gathering.agenda.all(), **kwargs)

    def form_valid(self, form):
        try:
            services.agenda_item_save(gathering=self.gathering, saved_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The agenda item was added."))
        return redirect("agenda_edit", pk=self.gathering.pk)


class AgendaItemObjectMixin(ScopedObjectMixin):
    permission_required = "gatherings.edit_agenda"
    scoped_attr = "item"

    def get_scope(self):
        return AgendaItem.objects.filter(gathering__in=gatherings_visible_to(self.request.user)).select_related(
            "gathering__programme"
        )

    @property
    def gathering(self):
        return self.item.gathering

    def get_permission_object(self):
        return self.gathering

    def get_context_data(self, **kwargs):
        return super().get_context_data(gathering=self.gathering, programme=self.gathering.programme, **kwargs)


class AgendaItemUpdateView(AgendaItemObjectMixin, FormView):
    template_name = "sessions/agenda_item_form.html"
    form_class = AgendaItemForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gathering": self.gathering}

    def get_initial(self):
        i = self.item
        return {
            "day": i.day,
            "start_time": i.start_time,
            "title": i.title,
            "learning_form": i.learning_form,
            "responsible": i.responsible,
        }

    def form_valid(self, form):
        try:
            services.agenda_item_save(
                gathering=self.gathering, saved_by=self.request.user, item=self.item, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The agenda item was saved."))
        return redirect("agenda_edit", pk=self.gathering.pk)


class AgendaItemDeleteView(AgendaItemObjectMixin, View):
    def post(self, request, pk):
        services.agenda_item_delete(item=self.item, deleted_by=request.user)
        messages.success(request, _("The agenda item was removed."))
        return redirect("agenda_edit", pk=self.gathering.pk)


class AgendaPrintView(GatheringObjectMixin, TemplateView):
    """The agenda on paper; for a run, with the run's own date, time and place."""

    permission_required = "gatherings.view_agenda"
    template_name = "sessions/agenda_print.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(items=self.gathering.agenda.all(), **kwargs)


class RunAgendaPrintView(RunObjectMixin, TemplateView):
    permission_required = "gatherings.view_agenda"
    template_name = "sessions/agenda_print.html"

    def get_context_data(self, **kwargs):
        # Back to the run for those who may see it (HR, facilitators); a participant goes back to the
        # gathering, which is theirs to read (the run's page would answer them 403).
        run = self.run
        if self.request.user.has_perm("gatherings.view_runs", run):
            back_url = reverse("run_detail", kwargs={"pk": run.pk})
        else:
            back_url = reverse("gathering_detail", kwargs={"pk": run.gathering_id})
        return super().get_context_data(items=run.gathering.agenda.all(), back_url=back_url, **kwargs)
