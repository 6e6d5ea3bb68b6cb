"""HR's pages about the people of a municipality: who holds which role, inviting a person, and erasing a
person's or a programme's working material (core/gdpr.py runs the erasure).

Here rather than in core because they show and make participations and facilitations.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core import services
from core.forms import MunicipalityLanguageForm
from core.gdpr import erasable_people
from core.mixins import ScopedObjectMixin
from core.models import Invitation
from core.selectors import invitations_visible_to, people_of_municipality
from core.views import MunicipalityMixin
from participants.people.forms import InvitationForm
from programmes.selectors import municipalities_of, programmes_open_to, programmes_visible_to


class PeopleView(MunicipalityMixin, TemplateView):
    template_name = "core/people.html"

    def get_context_data(self, **kwargs):
        from core.filters import PeopleFilter
        from core.paging import page_of

        filterset = PeopleFilter(
            self.request.GET or None, queryset=people_of_municipality(self.municipality), municipality=self.municipality
        )
        page, query = page_of(self.request, filterset.qs)
        # The programmes whose working material HR can erase: all of them, not only the page's.
        programmes = self.municipality.programmes.filter(participants__isnull=False).distinct()
        return super().get_context_data(
            people=list(page.object_list),
            page=page,
            query=query,
            filter=filterset,
            filtered=bool(self.request.GET.keys() - {"side"}),
            programmes_with_participants=programmes.order_by("start_date", "name"),
            language_form=MunicipalityLanguageForm(initial={"language": self.municipality.language}),
            invitations=invitations_visible_to(self.request.user).filter(
                municipality=self.municipality, accepted_at__isnull=True
            ),
            **kwargs,
        )


class InviteView(MunicipalityMixin, FormView):
    permission_required = "core.invite_person"
    template_name = "core/invite.html"
    form_class = InvitationForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # Its own programmes and its networks' (where it sends participants only: core/services.py).
        kwargs["programmes"] = programmes_open_to(self.request.user, self.municipality)
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("role") in Invitation.Role.values:
            initial["role"] = self.request.GET["role"]
        if self.request.GET.get("programme", "").isdigit():
            initial["programme"] = int(self.request.GET["programme"])
        return initial

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        participant_fields = {}
        if data["role"] == Invitation.Role.PARTICIPANT:
            participant_fields = {k: data[k] for k in ("job_title", "leader_level", "unit", "sector")}
        try:
            invitation = services.person_invite(
                invited_by=self.request.user,
                municipality=self.municipality,
                email=data["email"],
                role=data["role"],
                programme=data["programme"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                base_url=services.site_url(self.request),
                **participant_fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(email)s now has the role %(role)s. An invitation has been sent.")
            % {"email": invitation.email, "role": invitation.role_phrase},
        )
        if invitation.programme_id and self.request.POST.get("next") == "programme":
            return redirect("programme_participants", pk=invitation.programme_id)
        return redirect("people", pk=self.municipality.pk)


class ConfirmByNameForm(forms.Form):
    """Erasure cannot be undone: the person types the name of what goes, so a slip of the mouse erases nothing."""

    # Lazy: the class is made once, at import, before anyone's language is known.
    confirm = forms.CharField(label=gettext_lazy("Type the name to confirm"), max_length=300)

    def __init__(self, *args, expected, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected
        # crispy renders help text as safe: the name (typed by HR, or by the person) must be escaped here.
        self.fields["confirm"].help_text = format_html("{}", _("Type: %(name)s") % {"name": expected})

    def clean_confirm(self):
        typed = " ".join(self.cleaned_data["confirm"].split())
        if typed.casefold() != " ".join(self.expected.split()).casefold():
            raise ValidationError(_("Type the name exactly as it is shown: %(name)s") % {"name": self.expected})
        return typed


class AnyRoleMunicipalityMixin(ScopedObjectMixin):
    """The municipality in the URL must be one the user has a role in (else 404); the rule decides the rest (403)."""

    scoped_attr = "municipality"

    def get_scope(self):
        return municipalities_of(self.request.user)


class PersonEraseView(AnyRoleMunicipalityMixin, FormView):
    permission_required = "core.erase_person"
    template_name = "core/person_erase.html"
    form_class = ConfirmByNameForm

    def get_person(self):
        if not hasattr(self, "person"):
            self.person = get_object_or_404(erasable_people(self.municipality), pk=self.kwargs["user_pk"])
        return self.person

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "expected": str(self.get_person())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            municipality=self.municipality, person=self.get_person(), is_self=self.person == self.request.user, **kwargs
        )

    def form_valid(self, form):
        from core.gdpr import person_erase

        name = str(self.person)
        try:
            anonymised = person_erase(user=self.person, municipality=self.municipality, erased_by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if anonymised:
            message = _("%(name)s is erased: the working material is deleted and the account is anonymised.")
        else:
            message = _(
                "%(name)s's working material in this municipality is deleted. The account is kept, because the "
                "person has a role in another municipality."
            )
        messages.success(self.request, message % {"name": name})
        return redirect("people", pk=self.municipality.pk)


class ProgrammeMaterialEraseView(ScopedObjectMixin, FormView):
    permission_required = "core.erase_programme_material"
    template_name = "core/programme_material_erase.html"
    form_class = ConfirmByNameForm
    scoped_attr = "programme"

    def get_scope(self):
        return programmes_visible_to(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "expected": self.programme.name}

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return super().get_context_data(
            programme=self.programme, retention_days=settings.RETENTION_DAYS_AFTER_PROGRAMME_END, **kwargs
        )

    def form_valid(self, form):
        from core.gdpr import programme_material_erase

        programme_material_erase(programme=self.programme, erased_by=self.request.user)
        messages.success(
            self.request,
            _("The working material of %(programme)s is erased. Participation and attendance are kept.")
            % {"programme": self.programme.name},
        )
        return redirect("people", pk=self.programme.municipality_id)
