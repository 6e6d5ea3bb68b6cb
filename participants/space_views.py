"""The leader's own space: baseline, personality profile, feedback, development plan, train the trainers.

Every page is looked up among the participations the user may open (their own, or those assigned to
them as facilitator); anyone else gets 404. Reads of a profile or a plan by someone other than its
owner are written to the audit log (who, when, which; never the content).
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.frameworks import CompetenceDimension, TenFactor
from core.mixins import ScopedObjectMixin
from participants import forms, ipip, services
from participants.models import Baseline, Notice, PlanAction, PlanGoal, ProfileFeedback
from participants.selectors import (
    baseline_of,
    baseline_summary,
    cascade_sessions_visible_to,
    cascade_totals,
    leader_spaces_visible_to,
    leader_status,
    needs_summary,
    plan_actions_visible_to,
    plan_goals_visible_to,
    plan_page,
    plan_versions_visible_to,
    profiles_visible_to,
)
from programmes.views import ProgrammeObjectMixin


def _form_error(form, error):
    """A service's ValidationError onto the form: by field where it names one the form has."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SpaceMixin(ScopedObjectMixin):
    """Pages under /deltakere/<pk>/: one participation's own space."""

    scoped_attr = "participant"

    def get_scope(self):
        return leader_spaces_visible_to(self.request.user)

    @property
    def is_owner(self):
        return self.participant.user_id == self.request.user.pk

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participant=self.participant,
            programme=self.participant.programme,
            is_owner=self.is_owner,
            **kwargs,
        )


class MyLeaderSpaceView(TemplateView):
    """The nav's "My development": straight to the space when the user is in one programme."""

    template_name = "participants/my_spaces.html"

    def get(self, request, *args, **kwargs):
        spaces = list(leader_spaces_visible_to(request.user).filter(user=request.user))
        if not spaces:
            raise Http404
        if len(spaces) == 1:
            return redirect("leader_space", pk=spaces[0].pk)
        return self.render_to_response(self.get_context_data(spaces=spaces))


class LeaderSpaceView(SpaceMixin, TemplateView):
    permission_required = "participants.view_leader_space"
    template_name = "participants/leader_space.html"

    def get_context_data(self, **kwargs):
        participant = self.participant
        baseline, _ratings = baseline_of(participant, Baseline.Phase.BASELINE)
        end = Baseline.objects.filter(participant=participant, phase=Baseline.Phase.END).first()
        if baseline is not None:
            # What the leader wrote about their background and wishes is theirs; the facilitator's read is logged.
            services.leader_space_read(
                participant=participant, reader=self.request.user, what="baseline", target=baseline
            )
        plan = getattr(participant, "plan", None)
        latest = plan.checkins.first() if plan else None
        return super().get_context_data(
            baseline=baseline,
            end_assessment=end,
            has_consent=hasattr(participant, "profile_consent"),
            profile_count=participant.profiles.count(),
            feedback=ProfileFeedback.objects.filter(participant=participant).first(),
            plan=plan,
            goal_count=plan.goals.filter(is_draft=False).count() if plan else 0,
            latest_checkin=latest,
            cascade_count=participant.cascade_sessions.count(),
            **kwargs,
        )


# --- Baseline ---------------------------------------------------------------------------------------


class BaselineView(SpaceMixin, FormView):
    permission_required = "participants.fill_in_baseline"
    template_name = "participants/baseline_form.html"
    form_class = forms.BaselineForm
    phase = Baseline.Phase.BASELINE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goals": self.participant.programme.goals.all(), "phase": self.phase}

    def get_initial(self):
        baseline, ratings = baseline_of(self.participant, self.phase)
        if baseline is None:
            return {}
        initial = {f"r_{goal_id}_{dimension}": score for (goal_id, dimension), score in ratings.items()}
        initial.update(
            leadership_education=baseline.leadership_education,
            years_as_leader=baseline.years_as_leader,
            expectations=baseline.expectations,
        )
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(phase=self.phase, dimensions=CompetenceDimension.choices, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.baseline_submit(
                participant=self.participant,
                submitted_by=self.request.user,
                phase=self.phase,
                ratings=form.ratings,
                leadership_education=data.get("leadership_education", ""),
                years_as_leader=data.get("years_as_leader"),
                expectations=data.get("expectations", ""),
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. Your answers are saved."))
        return redirect("leader_space", pk=self.participant.pk)


class BaselineEndView(BaselineView):
    phase = Baseline.Phase.END


# --- Personality profile and feedback --------------------------------------------------------------


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


def _plan_context(participant):
    plan = getattr(participant, "plan", None)
    if plan is None:
        return {"plan": None, "goals": [], "checkins": [], "versions": [], "comments": []}
    return {"plan": plan, **plan_page(plan)}


def _progress(goals):
    actions = [a for goal in goals if not goal.is_draft for a in goal.actions.all()]
    done = sum(1 for a in actions if a.status == PlanAction.Status.DONE)
    return {"actions": len(actions), "actions_done": done}


class PlanView(SpaceMixin, TemplateView):
    permission_required = "participants.view_plan"
    template_name = "participants/plan.html"

    def get_context_data(self, **kwargs):
        participant = self.participant
        context = _plan_context(participant)
        services.leader_space_read(participant=participant, reader=self.request.user, what="plan")
        if self.is_owner:
            services.notices_mark_read(participant=participant, kind=Notice.Kind.PLAN_COMMENT)
        return super().get_context_data(
            **context,
            **_progress(context["goals"]),
            has_feedback=ProfileFeedback.objects.filter(participant=participant).exists(),
            latest_checkin=context["checkins"][0] if context["checkins"] else None,
            checkin_form=forms.CheckInForm(),
            comment_form=forms.PlanCommentForm(),
            can_comment=self.request.user.has_perm("participants.comment_plan", participant),
            **kwargs,
        )


class PlanFromFeedbackView(SpaceMixin, View):
    permission_required = "participants.edit_plan"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            drafts = services.plan_from_feedback(participant=self.participant, created_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if drafts:
                messages.success(
                    request,
                    _("%(count)s goal drafts were made from the feedback. Fill in each one and save it.")
                    % {"count": len(drafts)},
                )
            else:
                messages.info(request, _("Every point in the feedback already has a goal in your plan."))
        return redirect("plan", pk=self.participant.pk)


class PlanGoalFormMixin:
    permission_required = "participants.edit_plan"
    template_name = "participants/plan_goal_form.html"
    form_class = forms.PlanGoalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.participant.programme}


class PlanGoalCreateView(PlanGoalFormMixin, SpaceMixin, FormView):
    def form_valid(self, form):
        try:
            services.plan_goal_add(participant=self.participant, added_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The goal is added to your plan."))
        return redirect("plan", pk=self.participant.pk)


class GoalObjectMixin(ScopedObjectMixin):
    scoped_attr = "goal"

    def get_scope(self):
        return plan_goals_visible_to(self.request.user)

    @property
    def participant(self):
        return self.goal.plan.participant

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            goal=self.goal, participant=self.participant, programme=self.participant.programme, **kwargs
        )


class PlanGoalUpdateView(PlanGoalFormMixin, GoalObjectMixin, FormView):
    def get_initial(self):
        goal = self.goal
        return {
            "title": goal.title,
            "success_criteria": goal.success_criteria,
            "deadline": goal.deadline,
            "programme_goal": goal.programme_goal_id,
            "value": goal.value_id,
            "ten_factors": goal.ten_factors,
            "competence_dimension": goal.competence_dimension,
            "status": goal.status,
        }

    def form_valid(self, form):
        try:
            services.plan_goal_update(goal=self.goal, updated_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The goal is saved."))
        return redirect("plan", pk=self.participant.pk)


class PlanGoalDeleteView(GoalObjectMixin, View):
    permission_required = "participants.edit_plan"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        participant = self.participant
        services.plan_goal_delete(goal=self.goal, deleted_by=request.user)
        messages.success(request, _("The goal is removed from your plan. Earlier versions still show it."))
        return redirect("plan", pk=participant.pk)


class PlanActionCreateView(GoalObjectMixin, FormView):
    permission_required = "participants.edit_plan"
    template_name = "participants/plan_action_form.html"
    form_class = forms.PlanActionForm

    def form_valid(self, form):
        try:
            services.plan_action_add(goal=self.goal, added_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The action is added."))
        return redirect("plan", pk=self.participant.pk)


class PlanActionDeleteView(ScopedObjectMixin, View):
    permission_required = "participants.edit_plan"
    http_method_names = ["post"]
    scoped_attr = "action"

    def get_scope(self):
        return plan_actions_visible_to(self.request.user)

    def post(self, request, *args, **kwargs):
        participant = self.action.goal.plan.participant
        services.plan_action_delete(action=self.action, deleted_by=request.user)
        messages.success(request, _("The action is removed from your plan. Earlier versions still show it."))
        return redirect("plan", pk=participant.pk)


class PlanActionUpdateView(ScopedObjectMixin, FormView):
    permission_required = "participants.edit_plan"
    template_name = "participants/plan_action_form.html"
    form_class = forms.PlanActionForm
    scoped_attr = "action"

    def get_scope(self):
        return plan_actions_visible_to(self.request.user)

    def get_initial(self):
        return {"text": self.action.text, "due_date": self.action.due_date, "status": self.action.status}

    def get_context_data(self, **kwargs):
        participant = self.action.goal.plan.participant
        return super().get_context_data(
            action=self.action,
            goal=self.action.goal,
            participant=participant,
            programme=participant.programme,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.plan_action_update(action=self.action, updated_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The action is saved."))
        return redirect("plan", pk=self.action.goal.plan.participant_id)


class PlanCheckInView(SpaceMixin, FormView):
    permission_required = "participants.edit_plan"
    template_name = "participants/plan_checkin.html"
    form_class = forms.CheckInForm

    def form_valid(self, form):
        try:
            services.plan_checkin_record(
                participant=self.participant, recorded_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your check-in is saved."))
        return redirect("plan", pk=self.participant.pk)


class PlanCommentView(SpaceMixin, View):
    permission_required = "participants.comment_plan"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = forms.PlanCommentForm(request.POST)
        if form.is_valid():
            services.plan_comment_add(participant=self.participant, author=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Your comment is saved. The leader is notified."))
        else:
            messages.error(request, _("Write a comment before you save."))
        return redirect("plan", pk=self.participant.pk)


class PlanVersionView(ScopedObjectMixin, TemplateView):
    permission_required = "participants.view_plan"
    template_name = "participants/plan_version.html"
    scoped_attr = "version"

    def get_scope(self):
        return plan_versions_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        version = self.version
        participant = version.plan.participant
        services.leader_space_read(participant=participant, reader=self.request.user, what="plan", target=version)
        return super().get_context_data(
            version=version,
            snapshot=readable_snapshot(version.snapshot),
            participant=participant,
            programme=participant.programme,
            is_owner=participant.user_id == self.request.user.pk,
            **kwargs,
        )


def readable_snapshot(snapshot):
    """A stored snapshot with the codes turned into today's labels, for the version page."""
    goal_status = dict(PlanGoal.Status.choices)
    action_status = dict(PlanAction.Status.choices)
    factors = dict(TenFactor.choices)
    dimensions = dict(CompetenceDimension.choices)

    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    goals = []
    for goal in snapshot.get("goals", []):
        goals.append(
            {
                **goal,
                "deadline": day(goal.get("deadline")),
                "status_label": goal_status.get(goal["status"], goal["status"]),
                "ten_factor_labels": [factors.get(code, code) for code in goal.get("ten_factors", [])],
                "dimension_label": dimensions.get(goal.get("competence_dimension"), ""),
                "actions": [
                    {
                        **action,
                        "due_date": day(action.get("due_date")),
                        "status_label": action_status.get(action["status"], action["status"]),
                    }
                    for action in goal.get("actions", [])
                ],
            }
        )
    return {"goals": goals, "checkin": snapshot.get("checkin")}


class PlanPdfView(SpaceMixin, View):
    """The plan as a PDF, made in the request and not stored: no copy of the plan lies about afterwards."""

    permission_required = "participants.view_plan"

    def get(self, request, *args, **kwargs):
        from core.pdf import render_pdf

        participant = self.participant
        context = _plan_context(participant)
        services.leader_space_read(participant=participant, reader=request.user, what="plan_pdf")
        pdf = render_pdf(
            "participants/pdf/plan.html",
            {
                **context,
                **_progress(context["goals"]),
                "participant": participant,
                "programme": participant.programme,
                "latest_checkin": context["checkins"][0] if context["checkins"] else None,
                "feedback": ProfileFeedback.objects.filter(participant=participant).first(),
                "printed_on": timezone.localdate(),
            },
        )
        name = f"{slugify(_('development plan'))}-{slugify(participant.user.get_full_name())}.pdf"
        return HttpResponse(
            pdf,
            content_type="application/pdf",
            headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "private, no-store"},
        )


# --- Train the trainers -----------------------------------------------------------------------------


class CascadeView(SpaceMixin, FormView):
    permission_required = "participants.log_cascade"
    template_name = "participants/cascade.html"
    form_class = forms.CascadeSessionForm

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        sessions = list(self.participant.cascade_sessions.all())
        return super().get_context_data(sessions=sessions, staff_total=sum(s.staff_count for s in sessions), **kwargs)

    def form_valid(self, form):
        try:
            services.cascade_session_log(participant=self.participant, logged_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Logged. Thank you for passing it on."))
        return redirect("cascade", pk=self.participant.pk)


class CascadeDeleteView(ScopedObjectMixin, View):
    permission_required = "participants.log_cascade"
    http_method_names = ["post"]
    scoped_attr = "session"

    def get_scope(self):
        return cascade_sessions_visible_to(self.request.user)

    def post(self, request, *args, **kwargs):
        participant_id = self.session.participant_id
        services.cascade_session_delete(session=self.session, deleted_by=request.user)
        messages.success(request, _("The entry is deleted."))
        return redirect("cascade", pk=participant_id)


# --- HR: status and aggregates ----------------------------------------------------------------------


class LeaderStatusView(ProgrammeObjectMixin, TemplateView):
    """Per participant only done / not done; never a profile, a plan or an answer."""

    permission_required = "participants.view_leader_status"
    template_name = "participants/leader_status.html"

    def get_context_data(self, **kwargs):
        rows = list(leader_status(self.programme))
        totals = {
            key: sum(1 for row in rows if getattr(row, key))
            for key in ("has_baseline", "has_profile", "has_feedback", "has_plan", "has_end_assessment")
        }
        return super().get_context_data(rows=rows, totals=totals, **kwargs)


class NeedsView(ProgrammeObjectMixin, TemplateView):
    """The cohort's needs at the start (and the self-assessment at the end), never one person's answers."""

    permission_required = "participants.view_needs"
    template_name = "participants/needs.html"

    def get_context_data(self, **kwargs):
        labels = dict(CompetenceDimension.choices)
        summaries = []
        for phase, title in Baseline.Phase.choices:
            summary = baseline_summary(self.programme, phase=phase)
            for goal in summary["goals"]:
                goal["rows"] = [
                    {"label": labels[dimension], **values, "bars": _bars(values)}
                    for dimension, values in goal["dimensions"].items()
                ]
            summaries.append({"phase": phase, "title": title, **summary})
        return super().get_context_data(
            summaries=summaries,
            background=needs_summary(self.programme),
            threshold=settings.ANONYMITY_THRESHOLD,
            **kwargs,
        )


def _bars(values):
    distribution = values["distribution"]
    if not distribution:
        return None
    return [
        {"score": score, "n": n, "percent": round(100 * n / values["n"]) if values["n"] else 0}
        for score, n in distribution.items()
    ]


class CascadeTotalsView(ProgrammeObjectMixin, TemplateView):
    permission_required = "participants.view_cascade_totals"
    template_name = "participants/cascade_totals.html"

    def get_context_data(self, **kwargs):
        rows = cascade_totals(self.programme)
        return super().get_context_data(
            rows=rows,
            sessions_total=sum(r["sessions"] for r in rows),
            staff_total=sum(r["staff"] for r in rows),
            **kwargs,
        )
