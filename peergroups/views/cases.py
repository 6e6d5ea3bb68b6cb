"""The "lederutfordringer siden sist" cases of a group: the log, one case, its follow-up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.mixins import ScopedObjectMixin
from peergroups import selectors, services
from peergroups.forms import CaseForm, FollowUpForm
from peergroups.views.common import _add_errors
from peergroups.views.groups import GroupContentMixin


class CaseListView(GroupContentMixin, TemplateView):
    permission_required = "peergroups.view_group_content"
    template_name = "peergroups/case_list.html"

    def get_context_data(self, **kwargs):
        cases = list(selectors.cases_of(self.group))
        services.case_reads_record(reader=self.request.user, cases=cases, via="list")
        return super().get_context_data(
            cases=cases, can_add=self.request.user.has_perm("peergroups.add_case", self.group), **kwargs
        )


class CaseFormMixin:
    template_name = "peergroups/case_form.html"
    form_class = CaseForm
    case = None

    def own_participant(self):
        member = self.group.members.filter(participant__user=self.request.user).select_related("participant").first()
        return member.participant if member else None

    def is_facilitator(self):
        return self.group.facilitator_id is not None and self.group.facilitator.user_id == self.request.user.pk

    def get_form_kwargs(self):
        from participants.models import Participant

        programme = self.group.programme
        return {
            **super().get_form_kwargs(),
            "members": Participant.objects.filter(peer_membership__group=self.group)
            .select_related("user")
            .order_by("user__first_name"),
            "meetings": self.group.meetings.order_by("-date"),
            "themes": programme.case_themes.order_by("position", "pk"),
            "values": programme.values.all(),
            "member_fixed": not self.is_facilitator(),
        }

    def case_fields(self, form):
        data = dict(form.cleaned_data)
        themes, values = data.pop("themes"), data.pop("values", [])
        if "brought_by" not in form.fields:
            data["brought_by"] = self.case.brought_by if self.case else self.own_participant()
        return data, list(themes), list(values)

    def form_valid(self, form):
        data, themes, values = self.case_fields(form)
        try:
            case = services.case_save(
                group=self.group, saved_by=self.request.user, case=self.case, themes=themes, values=values, **data
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The case was saved. Only the group and its facilitator can read it."))
        return redirect("case_detail", pk=case.pk)


class CaseCreateView(CaseFormMixin, GroupContentMixin, FormView):
    permission_required = "peergroups.add_case"

    def get_initial(self):
        return {"discussed_on": timezone.localdate()}


class CaseObjectMixin(ScopedObjectMixin):
    scoped_attr = "case"

    def get_scope(self):
        return selectors.cases_visible_to(self.request.user)

    @property
    def group(self):
        return self.case.group

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, group=self.group, programme=self.group.programme, **kwargs)

    def get(self, request, *args, **kwargs):
        # The edit forms show the case's text too: a facilitator opening them has read it.
        services.case_reads_record(reader=request.user, cases=[self.case], via=self.read_via)
        return super().get(request, *args, **kwargs)


class CaseDetailView(CaseObjectMixin, TemplateView):
    permission_required = "peergroups.view_case"
    template_name = "peergroups/case_detail.html"
    read_via = "page"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=list(self.case.themes.all()),
            values=list(self.case.values.all()),
            can_change=self.request.user.has_perm("peergroups.change_case", self.case),
            **kwargs,
        )


class CaseUpdateView(CaseFormMixin, CaseObjectMixin, FormView):
    permission_required = "peergroups.change_case"
    read_via = "edit"

    def get_initial(self):
        c = self.case
        return {
            "brought_by": c.brought_by,
            "title": c.title,
            "situation": c.situation,
            "challenge": c.challenge,
            "tried": c.tried,
            "reflections": c.reflections,
            "action": c.action,
            "discussed_on": c.discussed_on,
            "meeting": c.meeting,
            "themes": list(c.themes.all()),
            "values": list(c.values.all()),
            "ten_factors": c.ten_factors,
        }


class CaseFollowUpView(CaseObjectMixin, FormView):
    permission_required = "peergroups.change_case"
    read_via = "follow_up"
    template_name = "peergroups/case_follow_up.html"
    form_class = FollowUpForm

    def get_initial(self):
        return {"follow_up": self.case.follow_up, "follow_up_on": self.case.follow_up_on or timezone.localdate()}

    def form_valid(self, form):
        try:
            services.case_follow_up(case=self.case, saved_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The follow-up was saved."))
        return redirect("case_detail", pk=self.case.pk)
