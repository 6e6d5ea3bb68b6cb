import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from participants import importers, services
from participants.forms import ParticipantImportForm
from participants.models import Participant
from participants.selectors import account_status, participants_of
from programmes.views import ProgrammeObjectMixin

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How many row errors a page lists; a wholly wrong file would otherwise make a page of thousands.
ERRORS_SHOWN = 100
# How many rows the preview shows.
PREVIEW_ROWS = 10
LEVEL_LABELS = dict(Participant.LeaderLevel.choices)


class ParticipantListView(ProgrammeObjectMixin, TemplateView):
    """Search, filters (unit, sector, level, run, facilitator, status) and pages of 50: usable at 336.

    HR ticks rows and gives them a facilitator in one go; names link to the participant record."""

    permission_required = "programmes.view_participants"
    template_name = "participants/participant_list.html"

    def get_context_data(self, **kwargs):
        from core.paging import page_of
        from participants.filters import ParticipantFilter
        from participants.selectors import participants_to_invite

        facilitators = list(self.programme.facilitators.select_related("user").order_by("user__first_name"))
        filterset = ParticipantFilter(
            self.request.GET or None,
            queryset=participants_of(self.programme),
            programme=self.programme,
            facilitators=[f.user for f in facilitators],
        )
        page, query = page_of(self.request, filterset.qs)
        participants = list(page.object_list)  # evaluated once here; the template reuses the rows
        for participant in participants:
            participant.account_status = account_status(participant)
        user = self.request.user
        can_assign = user.has_perm("participants.assign_facilitator", self.programme)
        return super().get_context_data(
            participants=participants,
            page=page,
            query=query,
            filter=filterset,
            filtered=bool(self.request.GET.keys() - {"side"}),
            facilitators=facilitators,
            can_assign=can_assign,
            # HR opens every record; a facilitator only those of the leaders assigned to them.
            can_open_records=user.has_perm("participants.change_record", self.programme),
            not_invited_count=participants_to_invite(self.programme).count() if can_assign else 0,
            **kwargs,
        )


# The uploaded file's checked rows wait in the session between the preview and the confirmation,
# so HR does not upload it twice. One pending import per programme; a Sheet keeps only the columns
# we use, and at most 5,000 rows pass the checks, so the session stays bounded.
PENDING_KEY = "participant_imports"


def _remember_import(request, *, programme, sheet, filename):
    pending = {
        token: item for token, item in request.session.get(PENDING_KEY, {}).items() if item["programme"] != programme.pk
    }
    token = secrets.token_urlsafe(16)
    pending[token] = {"programme": programme.pk, "filename": filename, "sheet": sheet.to_dict()}
    request.session[PENDING_KEY] = pending
    return token


def _pending_import(request, *, programme, token):
    item = request.session.get(PENDING_KEY, {}).get(token)
    if item is None or item["programme"] != programme.pk:
        return None
    return item


def _forget_import(request, *, token):
    pending = request.session.get(PENDING_KEY, {})
    pending.pop(token, None)
    request.session[PENDING_KEY] = pending


def report_imported(request, count):
    """The message after an import (a programme's own, or a network's from a member municipality)."""
    messages.success(
        request,
        ngettext(
            "%(count)s participant was imported. Send the invitation when you are ready.",
            "%(count)s participants were imported. Send the invitations when you are ready.",
            count,
        )
        % {"count": count},
    )


def report_invited(request, count):
    """The message after "invite everyone not yet invited" (a programme's, or a network's)."""
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s participant was invited. The e-mail is on its way.",
                "%(count)s participants were invited. The e-mails are on their way.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Everyone already has an account or an open invitation. Nobody new was invited."))


def _error_context(messages_):
    return {"errors": messages_[:ERRORS_SHOWN], "more_errors": max(0, len(messages_) - ERRORS_SHOWN)}


class ParticipantImportView(ProgrammeObjectMixin, FormView):
    permission_required = "participants.import_participants"
    template_name = "participants/participant_import.html"
    form_class = ParticipantImportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.is_bound:
            context.update(_error_context(list(form.errors.get("file", []))))
        return context

    def form_valid(self, form):
        token = _remember_import(
            self.request, programme=self.programme, sheet=form.sheet, filename=form.cleaned_data["file"].name
        )
        return redirect("participant_import_preview", pk=self.programme.pk, token=token)


class ParticipantImportPreviewView(ProgrammeObjectMixin, TemplateView):
    """What the file will create, and the button that creates it; the rows are checked again on each step."""

    permission_required = "participants.import_participants"
    template_name = "participants/participant_import_preview.html"

    def _expired(self):
        messages.error(self.request, _("The preview is no longer available. Upload the file again."))
        return redirect("participant_import", pk=self.programme.pk)

    def _render_errors(self, pending, error):
        return self.render_to_response(self.get_context_data(pending=pending, **_error_context(error.messages)))

    def get(self, request, *args, **kwargs):
        pending = _pending_import(request, programme=self.programme, token=kwargs["token"])
        if pending is None:
            return self._expired()
        sheet = importers.Sheet.from_dict(pending["sheet"])
        try:
            rows = importers.validate(sheet=sheet, programme=self.programme)
        except ValidationError as error:
            return self._render_errors(pending, error)
        return self.render_to_response(
            self.get_context_data(
                pending=pending,
                sheet=sheet,
                summary=importers.summarise(rows),
                first_rows=[(row, LEVEL_LABELS.get(row.leader_level, "")) for row in rows[:PREVIEW_ROWS]],
            )
        )

    def post(self, request, *args, **kwargs):
        pending = _pending_import(request, programme=self.programme, token=kwargs["token"])
        if pending is None:
            return self._expired()
        try:
            participants = services.participants_import(
                programme=self.programme,
                imported_by=request.user,
                sheet=importers.Sheet.from_dict(pending["sheet"]),
            )
        except ValidationError as error:
            return self._render_errors(pending, error)
        _forget_import(request, token=kwargs["token"])
        report_imported(request, len(participants))
        return redirect("programme_participants", pk=self.programme.pk)


class ParticipantExportView(ProgrammeObjectMixin, View):
    permission_required = "participants.export_participants"

    def get(self, request, *args, **kwargs):
        content = services.participants_export(programme=self.programme, exported_by=request.user)
        filename = f"{slugify(_('participants'))}-{slugify(self.programme.name)}-{timezone.localdate():%Y-%m-%d}.xlsx"
        return HttpResponse(
            content,
            content_type=XLSX_CONTENT_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


class ParticipantInviteAllView(ProgrammeObjectMixin, View):
    permission_required = "participants.invite_participants"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from core.services import site_url

        invitations = services.participants_invite_all(
            programme=self.programme, invited_by=request.user, base_url=site_url(request)
        )
        report_invited(request, len(invitations))
        return redirect("programme_participants", pk=self.programme.pk)
