from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core import services
from core.forms import InvitationAcceptForm, MunicipalityLanguageForm
from core.home import START_PAGE
from core.mixins import ScopedObjectMixin
from core.models import Invitation, User
from core.selectors import invitations_visible_to, municipalities_administered_by


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        # Each app adds its sections from its home.py (core/home.py).
        context = super().get_context_data(**kwargs)
        for section in START_PAGE:
            context.update(section(self.request.user, context))
        return context


class MunicipalityMixin(ScopedObjectMixin):
    """Views under /kommuner/<pk>/: the municipality must be one the user administers, else 404."""

    permission_required = "core.view_people"
    scoped_attr = "municipality"

    def get_scope(self):
        return municipalities_administered_by(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(municipality=self.municipality, **kwargs)


class MunicipalityLanguageView(MunicipalityMixin, FormView):
    """HR sets the municipality's målform (a form on the people page; POST only)."""

    permission_required = "core.set_municipality_language"
    form_class = MunicipalityLanguageForm
    http_method_names = ["post"]

    def form_valid(self, form):
        from django.utils import translation

        from core.language import SESSION_LANGUAGE, remember_for_session

        services.municipality_language_set(
            municipality=self.municipality, language=form.cleaned_data["language"], actor=self.request.user
        )
        # HR is one of the municipality's people: their own pages follow at once, unless they chose a language,
        # and so does the message the next page shows.
        remember_for_session(self.request, self.request.user)
        with translation.override(self.request.session[SESSION_LANGUAGE]):
            messages.success(self.request, _("The written standard is saved."))
        return redirect("people", pk=self.municipality.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Choose bokmål or nynorsk."))
        return redirect("people", pk=self.municipality.pk)


class InvitationResendView(View):
    def post(self, request, pk):
        invitation = get_object_or_404(invitations_visible_to(request.user), pk=pk)
        if not request.user.has_perm("core.invite_person", invitation.municipality):
            raise PermissionDenied
        try:
            services.invitation_resend(
                invitation=invitation, resent_by=request.user, base_url=services.site_url(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("A new invitation has been sent to %(email)s.") % {"email": invitation.email})
        return redirect("people", pk=invitation.municipality_id)


@method_decorator(login_not_required, name="dispatch")
class InvitationAcceptView(FormView):
    """The link in the invitation e-mail: a new person chooses a password and is logged in."""

    template_name = "core/invitation_accept.html"
    form_class = InvitationAcceptForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = Invitation.objects.select_related("municipality", "programme").filter(pk=kwargs["pk"]).first()
        if self.invitation is None or not self.invitation.token_matches(kwargs["token"]):
            raise Http404
        self.invitee = User.objects.filter(email=self.invitation.email).first()
        if self.invitee is None:
            raise Http404
        if not self.invitation.is_open:
            return self.render_to_response(self.get_context_data(closed=True), status=410)
        if self.invitee.has_usable_password():
            # Someone who already has an account (a facilitator in several municipalities) just logs in.
            services.invitation_accept(invitation=self.invitation)
            messages.info(request, _("Your new role has been added to your account. Log in as usual."))
            return redirect("home" if request.user == self.invitee else "account_login")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.invitee}

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, invitee=self.invitee, **kwargs)

    def form_valid(self, form):
        user = services.invitation_accept(invitation=self.invitation, password=form.cleaned_data["password1"])
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Welcome! Your password is set and you are logged in."))
        return redirect(reverse("home"))


class AuditLogView(MunicipalityMixin, TemplateView):
    """HR reads the audit log of their municipality: who did what, when and from where; never content."""

    template_name = "core/audit_log.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from core.audit import action_label, events_of_municipality
        from core.forms import AuditFilterForm

        form = AuditFilterForm(self.request.GET or None)
        events = form.filter(events_of_municipality(self.municipality)).order_by("-created_at", "-pk")
        page = Paginator(events, self.page_size).get_page(self.request.GET.get("side"))
        for event in page.object_list:
            event.label = action_label(event.action)
        query = self.request.GET.copy()
        query.pop("side", None)
        return super().get_context_data(form=form, page=page, query=query.urlencode(), **kwargs)


@method_decorator(login_not_required, name="dispatch")
class PrivacyView(TemplateView):
    """What is stored about whom, why, who sees it and for how long (GDPR art. 13), readable without logging in."""

    template_name = "core/privacy.html"

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(
            idle_minutes=settings.SESSION_IDLE_SECONDS // 60,
            threshold=settings.ANONYMITY_THRESHOLD,
            retention_days=settings.RETENTION_DAYS_AFTER_PROGRAMME_END,
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class AccessibilityView(TemplateView):
    """The accessibility statement that uu-forskriften expects of a public body's web solution."""

    template_name = "core/accessibility.html"


# --- GDPR: the person's own data, HR's erasure (core/gdpr.py) ---------------------------------------


class MyDataView(TemplateView):
    """'Mine data': what the download holds, and the button. Every logged-in person has one, their own."""

    template_name = "core/my_data.html"

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(retention_days=settings.RETENTION_DAYS_AFTER_PROGRAMME_END, **kwargs)


class MyDataDownloadView(View):
    def get(self, request):
        from django.http import HttpResponse
        from django.utils import timezone

        from core.gdpr import personal_data_export

        response = HttpResponse(personal_data_export(user=request.user), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="mine-data-{timezone.localdate():%Y-%m-%d}.zip"'
        response["Cache-Control"] = "no-store"
        return response
