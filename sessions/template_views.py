"""Programme templates: the list, one template, saving a programme as one, and starting a programme
from a template or as the next cohort of an existing one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from core.mixins import ScopedObjectMixin
from core.models import Municipality
from core.selectors import municipalities_administered_by
from programmes.forms import StartFromShapeForm, TemplateSaveForm
from programmes.selectors import templates_visible_to
from programmes.views import ProgrammeObjectMixin
from sessions import programme_templates as templates
from sessions.forms import TemplateEditForm


class TemplateObjectMixin(ScopedObjectMixin):
    scoped_attr = "template"

    def get_scope(self):
        return templates_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(template=self.template, **kwargs)


class TemplateListView(PermissionRequiredMixin, ListView):
    permission_required = "programmes.view_templates"
    raise_exception = True
    template_name = "programmes/template_list.html"
    context_object_name = "templates"

    def get_queryset(self):
        return templates_visible_to(self.request.user).order_by("municipality__name", "name", "pk")


class TemplateDetailView(TemplateObjectMixin, TemplateView):
    permission_required = "programmes.use_template"
    template_name = "programmes/template_detail.html"


class TemplateDeleteView(TemplateObjectMixin, View):
    permission_required = "programmes.delete_template"

    def post(self, request, pk):
        templates.template_delete(template=self.template, deleted_by=request.user)
        messages.success(request, _("The template was deleted."))
        return redirect("template_list")


class TemplateEditView(TemplateObjectMixin, FormView):
    """HR changes their municipality's own template; a built-in one is changed by nobody."""

    permission_required = "programmes.change_template"
    template_name = "programmes/template_edit.html"
    form_class = TemplateEditForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gatherings": self.template.gatherings}

    def get_initial(self):
        template = self.template
        return {
            "name": template.name,
            "description": template.description,
            "main_goal": template.main_goal,
            "target_group": template.target_group,
            "goals": template.goals,
            "values": template.values,
            "needs": (template.evaluation or {}).get("needs", []),
            "length_days": template.length_days,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            templates.template_update(
                template=self.template,
                updated_by=self.request.user,
                gatherings=form.gatherings(),
                needs=data["needs"],
                **{
                    name: data[name]
                    for name in ("name", "description", "main_goal", "target_group", "goals", "values", "length_days")
                },
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The template was saved."))
        return redirect("template_detail", pk=self.template.pk)


class TemplateSaveView(ProgrammeObjectMixin, FormView):
    permission_required = "programmes.save_template"
    template_name = "programmes/template_save.html"
    form_class = TemplateSaveForm

    def get_initial(self):
        return {"name": self.programme.name}

    def form_valid(self, form):
        template = templates.template_save(programme=self.programme, saved_by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The programme was saved as a template."))
        return redirect("template_detail", pk=template.pk)


class StartFromShapeMixin:
    """The form and its two buttons: "Propose dates" shows working-day dates to adjust; "Create" makes it."""

    form_class = StartFromShapeForm
    template_name = "programmes/start_from_shape.html"

    def template_data(self):
        raise NotImplementedError

    def municipalities(self):
        raise NotImplementedError

    @cached_property
    def data_(self):
        return self.template_data()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "POST" and self.request.POST.get("action") == "propose":
            kwargs["data"] = self._with_proposals(self.request.POST.copy())
        return {**kwargs, "municipalities": self.municipalities(), "gatherings": self.data_["gatherings"]}

    def _with_proposals(self, data):
        try:
            start = forms.DateField().clean(data.get("start_date"))
        except ValidationError:
            return data  # the form says what is wrong with the start date
        if start is not None:
            for index, day in enumerate(templates.propose_dates(self.data_["gatherings"], start)):
                data[f"date_{index}"] = day.isoformat()
        return data

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if request.POST.get("action") == "propose":
            # Show the proposal without errors on the dates HR has not seen yet.
            form.is_valid()
            return self.render_to_response(self.get_context_data(form=form, proposed=True))
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        municipality = data["municipality"]
        if not self.request.user.has_perm("programmes.add_programme", municipality):
            raise PermissionDenied
        dates = form.dates()
        proposals = templates.propose_dates(self.data_["gatherings"], data["start_date"])
        dates = [given or proposed for given, proposed in zip(dates, proposals, strict=True)]
        try:
            programme = templates.create_programme_from_template(
                template_data=self.data_,
                municipality=municipality,
                created_by=self.request.user,
                name=data["name"],
                start_date=data["start_date"],
                dates=dates,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The programme was created. Add its participants and check the gatherings."))
        return redirect("programme_detail", pk=programme.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(gatherings=self.data_["gatherings"], **kwargs)


class TemplateUseView(TemplateObjectMixin, StartFromShapeMixin, FormView):
    permission_required = "programmes.use_template"

    def template_data(self):
        return templates.template_fields(self.template)

    def municipalities(self):
        return municipalities_administered_by(self.request.user)

    def get_initial(self):
        return {"name": self.template.name}


class ProgrammeCopyView(ProgrammeObjectMixin, StartFromShapeMixin, FormView):
    """Copy as next cohort: the same programme, new dates, nobody in it yet."""

    permission_required = "programmes.copy_programme"

    def template_data(self):
        return templates.template_data_of(self.programme)

    def municipalities(self):
        return Municipality.objects.filter(pk=self.programme.municipality_id)

    def get_initial(self):
        return {"name": _("%(name)s, next cohort") % {"name": self.programme.name}}

    def get_context_data(self, **kwargs):
        return super().get_context_data(copying=True, **kwargs)
