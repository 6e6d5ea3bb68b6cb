"""The development plan: goals, actions, check-ins, comments, versions and the PDF."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.frameworks import CompetenceDimension, TenFactor
from core.mixins import ScopedObjectMixin
from participants import forms, services
from participants.models import Notice, PlanAction, PlanGoal, ProfileFeedback
from participants.selectors import (
    plan_actions_visible_to,
    plan_goals_visible_to,
    plan_page,
    plan_versions_visible_to,
)
from participants.space.common import SpaceMixin, _form_error


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
