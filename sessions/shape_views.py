"""HR's page for a programme's shape: its gatherings in order, with add, remove and move."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from programmes.views import ProgrammeObjectMixin
from sessions import shape
from sessions.models import Gathering
from sessions.views import GatheringObjectMixin


class ProgrammeShapeView(ProgrammeObjectMixin, TemplateView):
    permission_required = "gatherings.reshape"
    template_name = "sessions/programme_shape.html"

    def get_context_data(self, **kwargs):
        gatherings = list(self.programme.gatherings.all())
        records = shape.gatherings_with_records(self.programme)
        core = [g for g in gatherings if g.kind == Gathering.Kind.CORE]
        extension = [g for g in gatherings if g.kind == Gathering.Kind.EXTENSION]
        for group in (core, extension):
            for index, gathering in enumerate(group):
                gathering.records = records.get(gathering.pk, [])
                gathering.first_of_kind = index == 0
                gathering.last_of_kind = index == len(group) - 1
        return super().get_context_data(
            core=core,
            extension=extension,
            can_remove_core=len(core) > 1,
            can_add_extension=len(extension) < Gathering.EXTENSION_MAX,
            **kwargs,
        )


class GatheringAddView(ProgrammeObjectMixin, View):
    """POST: a new core gathering at the end of the core ones; HR fills it in next."""

    permission_required = "gatherings.reshape"

    def post(self, request, pk):
        try:
            gathering = shape.gathering_add(programme=self.programme, added_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("programme_shape", pk=self.programme.pk)
        messages.success(request, _("The gathering was added. Fill in its date, goals and topics."))
        return redirect("gathering_update", pk=gathering.pk)


class GatheringRemoveView(GatheringObjectMixin, View):
    permission_required = "gatherings.reshape"

    def post(self, request, pk):
        programme = self.gathering.programme
        try:
            shape.gathering_remove(gathering=self.gathering, removed_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The gathering was removed and the others renumbered."))
        return redirect("programme_shape", pk=programme.pk)


class GatheringMoveView(GatheringObjectMixin, View):
    permission_required = "gatherings.reshape"

    def post(self, request, pk):
        step = -1 if request.POST.get("direction") == "up" else 1
        try:
            shape.gathering_move(gathering=self.gathering, moved_by=request.user, step=step)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The gatherings were renumbered in their new order."))
        return redirect("programme_shape", pk=self.gathering.programme.pk)
