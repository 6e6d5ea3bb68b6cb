"""One peer group: a leader's or facilitator's own groups, a group's page and its settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.mixins import ScopedObjectMixin
from peergroups import selectors, services
from peergroups.forms import GroupForm
from peergroups.views.common import _add_errors


class MyGroupsView(TemplateView):
    """The groups the user is in or facilitates, and the programmes whose groups they administer."""

    template_name = "peergroups/my_groups.html"

    def get_context_data(self, **kwargs):
        from programmes.selectors import programmes_visible_to

        user = self.request.user
        programmes = list(programmes_visible_to(user))
        return super().get_context_data(
            groups=list(selectors.groups_of_user(user).order_by("programme__name", "number")),
            staff_programmes=[p for p in programmes if user.has_perm("peergroups.view_groups", p)],
            # The executive sees no groups, only the case counts per theme.
            theme_programmes=[p for p in programmes if user.has_perm("peergroups.view_theme_counts", p)],
            **kwargs,
        )


class GroupObjectMixin(ScopedObjectMixin):
    scoped_attr = "group"

    def get_scope(self):
        return selectors.groups_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            group=self.group,
            programme=self.group.programme,
            sees_content=user.has_perm("peergroups.view_group_content", self.group),
            can_manage_meetings=user.has_perm("peergroups.manage_meetings", self.group),
            **kwargs,
        )


class GroupContentMixin(GroupObjectMixin):
    """Pages with the group's own content: others get 404, not 403, as for the cases themselves."""

    def get_scope(self):
        return selectors.groups_with_content_for(self.request.user)


class GroupDetailView(GroupObjectMixin, TemplateView):
    permission_required = "peergroups.view_group"
    template_name = "peergroups/group_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            members=selectors.group_members(self.group), meetings=selectors.meetings_of(self.group), **kwargs
        )
        if context["sees_content"]:
            cases = list(selectors.cases_of(self.group)[:5])
            services.case_reads_record(reader=self.request.user, cases=cases, via="group")
            context["recent_cases"] = cases
        context["can_change"] = self.request.user.has_perm("peergroups.change_group", self.group)
        return context


class GroupUpdateView(GroupObjectMixin, FormView):
    permission_required = "peergroups.change_group"
    template_name = "peergroups/group_form.html"
    form_class = GroupForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "facilitators": self.group.programme.facilitators.select_related("user").order_by("user__first_name"),
        }

    def get_initial(self):
        return {"name": self.group.name, "facilitator": self.group.facilitator}

    def form_valid(self, form):
        try:
            services.group_update(group=self.group, updated_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The group was saved."))
        return redirect("peergroup_detail", pk=self.group.pk)
