from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.mixins import ScopedObjectMixin
from peergroups import selectors, services
from peergroups.forms import CaseForm, ComposeForm, FollowUpForm, GroupForm, MeetingForm, MoveForm, ThemeForm
from peergroups.models import PeerGroup
from programmes.views import ProgrammeObjectMixin
from sessions.selectors import gatherings_visible_to


def _add_errors(form, error):
    """A service's ValidationError onto the form: field errors where the form has the field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Programme-wide: composing, moving, confirming ---------------------------------------------


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


# --- One group -----------------------------------------------------------------------------------


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


# --- Meetings ------------------------------------------------------------------------------------


class MeetingFormMixin:
    permission_required = "peergroups.manage_meetings"
    template_name = "peergroups/meeting_form.html"
    form_class = MeetingForm
    meeting = None

    def get_form_kwargs(self):
        from participants.models import Participant

        members = Participant.objects.filter(peer_membership__group=self.group).select_related("user")
        return {**super().get_form_kwargs(), "members": members.order_by("user__first_name")}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        record = data.pop("record_attendance")
        attendees = data.pop("attendees")
        try:
            services.meeting_save(
                group=self.group,
                saved_by=self.request.user,
                meeting=self.meeting,
                attendees=list(attendees) if record else None,
                **data,
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was saved."))
        return redirect("peergroup_detail", pk=self.group.pk)


class MeetingCreateView(MeetingFormMixin, GroupContentMixin, FormView):
    permission_required = "peergroups.manage_meetings"

    def get_initial(self):
        return {"date": timezone.localdate()}


class MeetingUpdateView(MeetingFormMixin, ScopedObjectMixin, FormView):
    permission_required = "peergroups.manage_meetings"
    scoped_attr = "meeting"

    def get_scope(self):
        return selectors.meetings_editable_by(self.request.user)

    @property
    def group(self):
        return self.meeting.group

    def get_initial(self):
        m = self.meeting
        return {
            "date": m.date,
            "start_time": m.start_time,
            "end_time": m.end_time,
            "place": m.place,
            "video_link": m.video_link,
            "record_attendance": m.attendance_recorded,
            "attendees": list(m.attendees.all()),
            "summary": m.summary,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, group=self.group, programme=self.group.programme, **kwargs
        )


# --- Cases ---------------------------------------------------------------------------------------


class MeetingDeleteView(ScopedObjectMixin, TemplateView):
    """Delete a meeting that is not going to happen: it leaves the group's page and, at the next poll,
    the calendars of its members and facilitator. A meeting that cases are linked to stays."""

    permission_required = "peergroups.manage_meetings"
    scoped_attr = "meeting"
    template_name = "peergroups/meeting_delete.html"

    def get_scope(self):
        return selectors.meetings_editable_by(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            group=self.meeting.group,
            programme=self.meeting.group.programme,
            linked_cases=self.meeting.cases.count(),
            **kwargs,
        )

    def post(self, request, pk):
        group = self.meeting.group
        try:
            services.meeting_delete(meeting=self.meeting, deleted_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("meeting_delete", pk=pk)
        messages.success(request, _("The meeting was deleted. It is gone from the calendars of the group."))
        return redirect("peergroup_detail", pk=group.pk)


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


# --- At the gathering ----------------------------------------------------------------------------


class CaseRoundView(ScopedObjectMixin, TemplateView):
    """ "Lederutfordringer siden sist": the facilitator's groups' cases since the previous gathering."""

    permission_required = "peergroups.view_case_round"
    template_name = "peergroups/case_round.html"
    scoped_attr = "gathering"

    def get_scope(self):
        return gatherings_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        from django.conf import settings

        from participants.way_on import home_commitments_for_round
        from peergroups.models import PeerGroupMember

        round_ = selectors.case_round(self.gathering, self.request.user)
        services.case_reads_record(reader=self.request.user, cases=round_["cases"], via="case_round")
        # What the facilitator's groups said they would do first at home after the gathering before.
        members = PeerGroupMember.objects.filter(
            group__programme=self.gathering.programme_id, group__facilitator__user=self.request.user
        ).values("participant_id")
        return super().get_context_data(
            commitments=home_commitments_for_round(members, self.gathering),
            gathering=self.gathering,
            programme=self.gathering.programme,
            threshold=settings.ANONYMITY_THRESHOLD,
            **round_,
            **kwargs,
        )
