"""Programme-wide peer-group pages: composing the groups, moving members, confirming, case themes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from peergroups import selectors, services
from peergroups.forms import ComposeForm, MoveForm, ThemeForm
from peergroups.models import PeerGroup
from peergroups.views.common import _add_errors
from programmes.views import ProgrammeObjectMixin


class ProgrammeGroupsMixin(ProgrammeObjectMixin):
    @cached_property
    def group_setup(self):
        return selectors.setup_of(self.programme)

    def groups_context(self):
        setup = self.group_setup
        groups = selectors.programme_groups(self.programme, setup)
        return {
            "setup": setup,
            "groups": groups,
            "unplaced": list(selectors.unplaced_participants(self.programme)),
            "fixed": services.groups_are_fixed(self.programme, setup),
        }


class GroupListView(ProgrammeGroupsMixin, TemplateView):
    """HR's and the facilitators' overview: who is in which group, and how often each has met."""

    permission_required = "peergroups.view_groups"
    template_name = "peergroups/group_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.groups_context(), **kwargs)


class ComposeView(ProgrammeGroupsMixin, FormView):
    """Propose groups in one click, see each group's mix and rule violations, move people, confirm."""

    permission_required = "peergroups.compose_groups"
    template_name = "peergroups/compose.html"
    form_class = ComposeForm

    def get_initial(self):
        return {"min_size": self.group_setup.min_size, "max_size": self.group_setup.max_size}

    def get_context_data(self, **kwargs):
        context = self.groups_context()
        groups = context["groups"]
        if groups:
            context["totals"] = selectors.proposal_totals(groups, self.programme)
        context["move_form"] = kwargs.pop("move_form", None) or MoveForm(
            participants=self.programme.participants.select_related("user").order_by("user__first_name"),
            groups=PeerGroup.objects.filter(programme=self.programme).order_by("number"),
            fixed=context["fixed"],
        )
        context["can_confirm"] = bool(groups) and not context["setup"].confirmed_at
        return super().get_context_data(**context, **kwargs)

    def form_valid(self, form):
        setup = self.group_setup
        # Each click on "compose" tries the next seed, so HR can ask for another proposal.
        seed = (setup.seed or 0) + 1 if self.request.POST.get("again") else setup.seed or 1
        try:
            groups = services.groups_compose(
                programme=self.programme,
                composed_by=self.request.user,
                min_size=form.cleaned_data["min_size"],
                max_size=form.cleaned_data["max_size"],
                seed=seed,
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s groups were proposed. Check the mix, move people if needed, and confirm.")
            % {"count": len(groups)},
        )
        return redirect("peergroup_compose", pk=self.programme.pk)


class ConfirmView(ProgrammeObjectMixin, View):
    permission_required = "peergroups.compose_groups"

    def post(self, request, pk):
        try:
            services.groups_confirm(programme=self.programme, confirmed_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("peergroup_compose", pk=self.programme.pk)
        messages.success(request, _("The groups are confirmed. From now on a move needs a reason."))
        return redirect("peergroup_list", pk=self.programme.pk)


class MoveView(ProgrammeObjectMixin, View):
    permission_required = "peergroups.compose_groups"

    def post(self, request, pk):
        form = MoveForm(
            request.POST,
            participants=self.programme.participants.select_related("user"),
            groups=PeerGroup.objects.filter(programme=self.programme),
            fixed=services.groups_are_fixed(self.programme),
        )
        if form.is_valid():
            try:
                services.group_move_member(
                    participant=form.cleaned_data["participant"],
                    group=form.cleaned_data["group"],
                    moved_by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _add_errors(form, error)
        if form.errors:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            messages.success(
                request,
                _("%(name)s is now in %(group)s.")
                % {"name": form.cleaned_data["participant"].user, "group": form.cleaned_data["group"]},
            )
        return redirect("peergroup_compose", pk=self.programme.pk)


class ThemesView(ProgrammeObjectMixin, FormView):
    """Case counts per theme (only themes at or above the anonymity threshold) and HR's theme list."""

    permission_required = "peergroups.view_theme_counts"
    template_name = "peergroups/themes.html"
    form_class = ThemeForm

    def get_context_data(self, **kwargs):
        from django.conf import settings

        facts = selectors.peer_facts(self.programme)
        return super().get_context_data(
            theme_counts=selectors.case_theme_counts(self.programme),
            threshold=settings.ANONYMITY_THRESHOLD,
            case_total=facts["cases"],
            themes=selectors.themes_of(self.programme),
            can_manage=self.request.user.has_perm("peergroups.manage_themes", self.programme),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("peergroups.manage_themes", self.programme):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            theme = services.theme_add(programme=self.programme, added_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The theme %(theme)s was added.") % {"theme": theme.label})
        return redirect("peergroup_themes", pk=self.programme.pk)
