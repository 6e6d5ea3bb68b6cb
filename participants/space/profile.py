"""The personality profile (consent, the IPIP 50 items or an external instrument's result and report) and
the facilitator's feedback on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.mixins import ScopedObjectMixin
from participants import forms, ipip, services
from participants.models import Notice, ProfileFeedback
from participants.selectors import (
    profiles_visible_to,
)
from participants.space.common import SpaceMixin, _form_error


class ProfileView(SpaceMixin, TemplateView):
    permission_required = "participants.view_profile"
    template_name = "participants/profile.html"

    def get_context_data(self, **kwargs):
        participant = self.participant
        profiles = list(participant.profiles.all())
        for profile in profiles:
            if profile.is_ipip:
                profile.rows = ipip.interpret(profile.scores)
        services.leader_space_read(participant=participant, reader=self.request.user, what="profile")
        if self.is_owner:
            services.notices_mark_read(participant=participant, kind=Notice.Kind.FEEDBACK)
        feedback = ProfileFeedback.objects.filter(participant=participant).select_related("facilitator").first()
        return super().get_context_data(
            profiles=profiles,
            has_consent=hasattr(participant, "profile_consent"),
            feedback=feedback,
            comment_form=forms.FeedbackCommentForm(initial={"comment": feedback.participant_comment})
            if feedback
            else None,
            **kwargs,
        )


class ProfileConsentView(SpaceMixin, FormView):
    permission_required = "participants.record_profile"
    template_name = "participants/profile_consent.html"
    form_class = forms.ConsentForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(has_consent=hasattr(self.participant, "profile_consent"), **kwargs)

    def form_valid(self, form):
        services.profile_consent_give(participant=self.participant, given_by=self.request.user)
        messages.success(self.request, _("Thank you. You can now record your personality profile."))
        return redirect("profile", pk=self.participant.pk)


class ProfileConsentWithdrawView(SpaceMixin, View):
    permission_required = "participants.record_profile"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.profile_consent_withdraw(participant=self.participant, withdrawn_by=request.user)
        messages.success(request, _("Your consent is withdrawn and your personality profile is deleted."))
        return redirect("profile", pk=self.participant.pk)


class ConsentRequiredMixin:
    """Recording a profile starts with consent: without it, the consent page."""

    def handle_no_consent(self):
        messages.info(self.request, _("Read about the personality profile and give your consent first."))
        return redirect("profile_consent", pk=self.participant.pk)

    def get(self, request, *args, **kwargs):
        if not hasattr(self.participant, "profile_consent"):
            return self.handle_no_consent()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not hasattr(self.participant, "profile_consent"):
            return self.handle_no_consent()
        return super().post(request, *args, **kwargs)


class IpipView(SpaceMixin, ConsentRequiredMixin, FormView):
    permission_required = "participants.record_profile"
    template_name = "participants/profile_ipip.html"
    form_class = forms.IpipForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(scale=ipip.SCALE, **kwargs)

    def form_valid(self, form):
        try:
            services.profile_ipip_record(
                participant=self.participant, recorded_by=self.request.user, answers=form.answers
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your answers are scored. Here is your result."))
        return redirect("profile", pk=self.participant.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Some statements are not answered. They are marked below."))
        return super().form_invalid(form)


class ExternalProfileView(SpaceMixin, ConsentRequiredMixin, FormView):
    permission_required = "participants.record_profile"
    template_name = "participants/profile_external.html"
    form_class = forms.ExternalProfileForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.profile_external_record(
                participant=self.participant,
                recorded_by=self.request.user,
                instrument=data["instrument"],
                instrument_name=data["instrument_name"],
                type_label=data["type_label"],
                scores=data["scores"],
                taken_on=data["taken_on"],
                administered_by=data["administered_by"],
                report=data.get("report"),
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The profile is recorded."))
        return redirect("profile", pk=self.participant.pk)


class ProfileReportView(ScopedObjectMixin, View):
    """The uploaded report, only through this permission check; never a public media address."""

    permission_required = "participants.view_profile"
    scoped_attr = "profile"

    def get_scope(self):
        return profiles_visible_to(self.request.user).exclude(report="")

    def get(self, request, *args, **kwargs):
        profile = self.profile
        services.leader_space_read(
            participant=profile.participant, reader=request.user, what="profile_report", target=profile
        )
        name = f"{slugify(_('profile'))}-{slugify(profile.participant.user.get_full_name())}.pdf"
        response = FileResponse(profile.report.open("rb"), content_type="application/pdf", filename=name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class FeedbackView(SpaceMixin, FormView):
    permission_required = "participants.record_feedback"
    template_name = "participants/feedback_form.html"
    form_class = forms.FeedbackForm

    def get_initial(self):
        feedback = ProfileFeedback.objects.filter(participant=self.participant).first()
        if feedback is None:
            return {"held_on": timezone.localdate()}
        return {
            "held_on": feedback.held_on,
            "strengths": feedback.strengths,
            "development_areas": feedback.development_areas,
        }

    def form_valid(self, form):
        try:
            services.feedback_record(participant=self.participant, facilitator=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The feedback is saved. The leader is notified."))
        return redirect("profile", pk=self.participant.pk)


class FeedbackCommentView(SpaceMixin, View):
    permission_required = "participants.comment_feedback"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = forms.FeedbackCommentForm(request.POST)
        if not hasattr(self.participant, "feedback"):
            messages.error(request, _("There is no feedback to comment on yet."))
        elif form.is_valid():
            services.feedback_comment(
                participant=self.participant, author=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Your comment is saved."))
        else:
            messages.error(request, _("Write a comment before you save."))
        return redirect("profile", pk=self.participant.pk)


# --- Development plan -------------------------------------------------------------------------------
