from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from core.language import SESSION_LANGUAGE
from core.models import Reminder
from core.reminders import services
from core.reminders.base import get_kind, ready_kinds
from core.reminders.forms import ReminderPreferencesForm
from core.reminders.selectors import reminder_log_of, reminder_log_summary
from core.views import MunicipalityMixin


class ReminderPreferencesView(FormView):
    """A person's own choice of the optional reminders, and the language of their e-mails."""

    template_name = "core/reminder_preferences.html"
    form_class = ReminderPreferencesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        enabled, language = services.reminder_preferences_of(self.request.user)
        return {"kinds": enabled, "language": language}

    def form_valid(self, form):
        services.reminder_preferences_set(
            user=self.request.user, enabled=form.cleaned_data.get("kinds", []), language=form.cleaned_data["language"]
        )
        # The person's own choice: their pages follow it from the next one on (core.language).
        self.request.session[SESSION_LANGUAGE] = form.cleaned_data["language"]
        messages.success(self.request, _("Your choices are saved."))
        return redirect("reminder_preferences")


class ReminderLogView(MunicipalityMixin, ListView):
    """HR's view of the municipality's reminders: per kind, what went to whom and when, what failed and why."""

    permission_required = "core.view_reminder_log"
    template_name = "core/reminder_log.html"
    context_object_name = "reminders"
    paginate_by = 50

    def get_queryset(self):
        kinds = {kind.key for kind in ready_kinds()}
        self.kind = self.request.GET.get("kind") if self.request.GET.get("kind") in kinds else ""
        states = set(Reminder.State.values)
        self.state = self.request.GET.get("state") if self.request.GET.get("state") in states else ""
        return reminder_log_of(self.municipality, kind=self.kind, state=self.state)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = {kind.key: kind.label for kind in ready_kinds()}
        for reminder in context["reminders"]:
            kind = get_kind(reminder.kind)
            reminder.kind_label = kind.label if kind else reminder.kind
            # Our own reasons are translated; a mail server's answer is shown as it came.
            reminder.why = gettext(reminder.last_error) if reminder.last_error else ""
        return {
            **context,
            "summary": reminder_log_summary(self.municipality),
            "kind": self.kind,
            "kind_label": labels.get(self.kind, ""),
            "state": self.state,
            "kinds": labels.items(),
            "states": [(value, label) for value, label in Reminder.State.choices if value != Reminder.State.SENDING],
        }
