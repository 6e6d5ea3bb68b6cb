from django import forms
from django.contrib.auth import password_validation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.models import Municipality


class LinesField(forms.CharField):
    """A list edited as a text area, one item a line; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *args, max_items=30, max_length_item=500, **kwargs):
        self.max_items = max_items
        self.max_length_item = max_length_item
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        items = []
        for line in text.splitlines():
            line = " ".join(line.split())
            if line and line not in items:
                items.append(line)
        return items

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > self.max_items:
            raise forms.ValidationError(_("At most %(max)s lines."), code="max_items", params={"max": self.max_items})
        for item in value:
            if len(item) > self.max_length_item:
                raise forms.ValidationError(
                    _("A line may have at most %(max)s characters."),
                    code="max_length_item",
                    params={"max": self.max_length_item},
                )


class InvitationAcceptForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AuditFilterForm(forms.Form):
    """The audit log's filters; all optional. Invalid input filters nothing and says why."""

    action = forms.ChoiceField(label=_("What"), required=False)
    person = forms.CharField(label=_("Who (e-mail address)"), required=False, max_length=254)
    date_from = forms.DateField(label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from core.audit import ACTION_LABELS

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All")), *sorted(ACTION_LABELS.items(), key=lambda c: str(c[1]))]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The from date must not be after the to date."))
        return data

    def filter(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["person"]:
            events = events.filter(actor__email__icontains=data["person"].strip())
        if data["date_from"]:
            events = events.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(created_at__date__lte=data["date_to"])
        return events


class MunicipalityLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Written standard"),
        choices=Municipality.WrittenStandard.choices,
        help_text=_(
            "The language of pages, e-mails and reports for the municipality's people. "
            "Each person may choose another language for themselves."
        ),
    )


def _html_attrs(attrs):
    """Django's forms/widgets/attrs.html in Python: ` name="value"` each, ` name` for True, none for False."""
    return "".join(
        ""
        if value is False
        else f" {conditional_escape(name)}"
        if value is True
        else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
    )


class PythonSelect(forms.Select):
    """Django's Select with its HTML written here, byte for byte what its templates write (tested).

    Django renders a select through a template and includes one more template per option: a filter form
    with a municipality's units, sectors and runs has some two hundred options, and rendering them was a
    fifth of the participant list's time. Only the plain select is written here; a subclass with its
    own template gets Django's rendering.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if (
            self.template_name != forms.Select.template_name
            or self.option_template_name != forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _html_attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(format_html('\n  <option value="{}"', str(option["value"])))
                parts.append(_html_attrs(option["attrs"]))
                parts.append(format_html(">{}</option>\n", option["label"]))  # the option template's last line end
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every value above went through format_html or conditional_escape; the rest are literals.
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
