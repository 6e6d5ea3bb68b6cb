from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core.mixins import ScopedObjectMixin
from core.models import Network
from core.roles import roles_of
from core.services import site_url
from evaluation.anonymity import AUDIENCE_EXECUTIVE, release_plan, threshold
from evaluation.attendance import released_by_home
from evaluation.results import programme_results, shared_reads
from networks import selectors, services
from networks.forms import CompositionForm, NetworkImportForm, NetworkProgrammeForm, ThemeDayForm
from networks.models import ThemeDay
from networks.pooling import pooled
from participants import services as participant_services
from participants.views import report_imported, report_invited
from programmes.services import programme_create
from sessions import services as gathering_services
from sessions.models import Attendance, RunAssignment


class NetworkProgrammeMixin(ScopedObjectMixin):
    """A network programme among those the user reaches (else 404), then the view's rule (else 403)."""

    scoped_attr = "programme"

    def get_scope(self):
        return selectors.network_programmes_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(programme=self.programme, **kwargs)


class NetworkListView(ListView):
    template_name = "networks/network_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return selectors.network_programmes_visible_to(self.request.user).order_by("network__name", "-start_date")


class NetworkProgrammeCreateView(PermissionRequiredMixin, FormView):
    """The organiser sets up a network programme: it belongs to the network, not to a municipality,
    and gets its core gatherings at once, as a municipality's programme does."""

    permission_required = "networks.add_programme"
    raise_exception = True
    template_name = "programmes/programme_form.html"
    form_class = NetworkProgrammeForm

    def get_form_kwargs(self):
        networks = Network.objects.filter(pk__in=sorted(roles_of(self.request.user).organiser)).order_by("name")
        return {**super().get_form_kwargs(), "networks": networks}

    def get_context_data(self, **kwargs):
        return super().get_context_data(network_form=True, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        network = data.pop("network")
        programme = programme_create(created_by=self.request.user, municipality=None, network=network, **data)
        messages.success(
            self.request, _("The network programme was created. Fill in the gatherings' dates and agenda.")
        )
        return redirect("programme_detail", pk=programme.pk)


class NetworkProgrammeView(NetworkProgrammeMixin, DetailView):
    """The shared content and the network's cockpit: gatherings with their agenda, each municipality's
    theme days held or not, the panels and pairs (name and municipality only)."""

    permission_required = "networks.view_programme"
    template_name = "networks/programme.html"

    def get_object(self, queryset=None):
        return self.programme

    def get_context_data(self, **kwargs):
        gatherings = self.programme.gatherings.prefetch_related("agenda")
        return super().get_context_data(
            gatherings=gatherings,
            theme_days=selectors.theme_day_overview(self.programme),
            compositions=selectors.composition_people(self.programme),
            **kwargs,
        )


class NetworkPeopleView(NetworkProgrammeMixin, ListView):
    permission_required = "networks.view_people"
    template_name = "networks/people.html"
    context_object_name = "people"

    def get_queryset(self):
        return selectors.people_managed_by(self.request.user, self.programme).order_by(
            "home_municipality__name", "user__first_name", "user__last_name"
        )


class NetworkFiguresView(NetworkProgrammeMixin, DetailView):
    """Leaders and attendance per municipality and the evaluation results, pooled through the anonymity
    engine. The executive sees the network's figures and their own municipality's (where it alone meets the
    threshold and the network's figure minus the others' reveals no small municipality); the organiser
    the network's and every share of leaders that may be shown, and each municipality's results on
    the ordinary results page (its filter)."""

    permission_required = "networks.view_figures"
    template_name = "networks/figures.html"

    def get_object(self, queryset=None):
        return self.programme

    def get_context_data(self, **kwargs):
        # One read of the gatherings for the attendance and every share's results.
        prefetch_related_objects([self.programme], "gatherings")
        total, shares = pooled(selectors.participants_per_municipality(self.programme))
        attendance = self._attendance(shares)
        # One read of the surveys, answer counts and questions, and one plan, for the network's results
        # and each own municipality's.
        inputs = shared_reads(self.programme)
        plan = release_plan(self.programme, surveys=inputs[0], atoms=inputs[1])
        results = programme_results(self.programme, audience=AUDIENCE_EXECUTIVE, plan=plan, inputs=inputs, summary=True)
        organiser = self.programme.network_id in roles_of(self.request.user).organiser
        own_results = []
        if not organiser:
            own = selectors.member_municipalities(self.request.user, self.programme.network_id, roles=("executive",))
            shares = [s for s in shares if s.municipality.pk in own]
            for share in shares:
                chosen = ("municipality", str(share.municipality.pk))
                shown = chosen in plan.filters
                own_results.append(
                    (
                        share.municipality,
                        programme_results(self.programme, filter=chosen, plan=plan, inputs=inputs, summary=True)
                        if shown
                        else None,
                    )
                )
        return super().get_context_data(
            total=total,
            shares=shares,
            attendance=attendance,
            results=results,
            own_results=own_results,
            organiser=organiser,
            threshold=threshold(),
            **kwargs,
        )

    def _attendance(self, shares):
        """The network's attendance per gathering and overall, and each municipality's (set on its
        share as `attendance`: (came, assigned, percent) or None), from one release decision."""
        figures, _taken = released_by_home(self.programme)
        names = {g.pk: g for g in self.programme.gatherings.all()}

        def row(assigned, came):
            return (came, assigned, round(100 * came / assigned)) if assigned else None

        homes = {home: row(assigned, came) for home, assigned, came in figures["homes"]}
        for share in shares:
            share.attendance = homes.get(share.municipality.pk)
        return {
            "recorded": bool(figures["gatherings"]),
            "overall": row(*figures["overall"]),
            "gatherings": [(names.get(g), row(assigned, came)) for g, assigned, came in figures["gatherings"]],
        }


class ThemeDayCreateView(NetworkProgrammeMixin, FormView):
    permission_required = "networks.plan_theme_day"
    template_name = "networks/theme_day_form.html"
    form_class = ThemeDayForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipalities": selectors.member_municipality_list(self.request.user, self.programme.network_id),
            "gatherings": self.programme.gatherings.all(),
        }

    def form_valid(self, form):
        services.theme_day_plan(programme=self.programme, created_by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The theme day is planned."))
        return redirect("network_programme", self.programme.pk)


class ThemeDayHeldView(ScopedObjectMixin, View):
    """A member municipality's HR marks its own theme day held; another municipality's is 404."""

    permission_required = "networks.plan_theme_day"
    scoped_attr = "day"
    http_method_names = ["post"]

    def get_scope(self):
        return ThemeDay.objects.filter(municipality_id__in=sorted(roles_of(self.request.user).hr)).select_related(
            "programme", "municipality"
        )

    def get_permission_object(self):
        return self.day.programme

    def post(self, request, pk):
        services.theme_day_mark_held(day=self.day, by=request.user)
        messages.success(request, _("The theme day is marked as held."))
        return redirect("network_programme", self.day.programme_id)


class CompositionCreateView(NetworkProgrammeMixin, FormView):
    permission_required = "networks.compose"
    template_name = "networks/composition_form.html"
    form_class = CompositionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gatherings": self.programme.gatherings.all()}

    def form_valid(self, form):
        try:
            services.composition_create(programme=self.programme, created_by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Set up: everyone in it is shown by name and municipality."))
        return redirect("network_programme", self.programme.pk)


class NetworkAttendanceView(NetworkProgrammeMixin, TemplateView):
    """A member municipality's HR marks its own leaders' attendance at the network's runs (issue 19):
    only the leaders it sent, only runs they are assigned to, only days that have begun. Another
    municipality's leader, or a run they are not in, is 404."""

    permission_required = "networks.mark_attendance"
    template_name = "networks/attendance.html"

    def _own(self):
        return selectors.people_managed_by(self.request.user, self.programme)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        assignments = list(
            RunAssignment.objects.filter(participant__in=self._own(), run__date__lte=today)
            .select_related("participant__user", "participant__home_municipality", "run__gathering")
            .order_by("run__date", "run__number", "participant__user__first_name", "participant__user__last_name")
        )
        marks = {
            (a.participant_id, a.run_id, a.day): a.status
            for a in Attendance.objects.filter(
                participant__in=[a.participant_id for a in assignments], run__in={a.run_id for a in assignments}
            )
        }
        rows = [
            (a, day, marks.get((a.participant_id, a.run_id, day), ""))
            for a in assignments
            for day in range(1, a.run.gathering.days + 1)
            if a.run.day_date(day) <= today
        ]
        return super().get_context_data(rows=rows, statuses=Attendance.Status.choices, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            assignment = RunAssignment.objects.select_related("run__gathering", "participant").get(
                participant__in=self._own(),
                run__gathering__programme=self.programme,
                participant_id=int(request.POST.get("participant", "")),
                run_id=int(request.POST.get("run", "")),
            )
            day = int(request.POST.get("day", "1"))
        except (ValueError, RunAssignment.DoesNotExist) as error:
            raise Http404 from error
        try:
            gathering_services.attendance_mark(
                run=assignment.run,
                participant=assignment.participant,
                status=request.POST.get("status", ""),
                marked_by=request.user,
                day=day,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Attendance saved for %(name)s.") % {"name": assignment.participant.user.get_full_name()}
            )
        return redirect("network_attendance", self.programme.pk)


class NetworkImportView(NetworkProgrammeMixin, FormView):
    """A member municipality's HR imports its own leaders from a file (issue 19): each gets the
    municipality as their home municipality, so they are that HR's to manage and no one else's."""

    permission_required = "networks.import_people"
    template_name = "networks/import.html"
    form_class = NetworkImportForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "programme": self.programme,
            "municipalities": selectors.member_municipality_list(self.request.user, self.programme.network_id),
        }

    def form_valid(self, form):
        try:
            people = participant_services.participants_import(
                programme=self.programme,
                imported_by=self.request.user,
                sheet=form.sheet,
                home_municipality=form.cleaned_data["municipality"],
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        report_imported(self.request, len(people))
        return redirect("network_people", self.programme.pk)


class NetworkInviteAllView(NetworkProgrammeMixin, View):
    """A member municipality's HR invites, in one go, the leaders it sent who have no account and no
    open invitation (after an import): only its own municipality's."""

    permission_required = "networks.import_people"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = sum(
            len(
                participant_services.participants_invite_all(
                    programme=self.programme,
                    invited_by=request.user,
                    base_url=site_url(request),
                    home_municipality=municipality,
                )
            )
            for municipality in selectors.member_municipality_list(request.user, self.programme.network_id)
        )
        report_invited(request, count)
        return redirect("network_people", self.programme.pk)
