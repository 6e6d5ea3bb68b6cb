"""core.forms.PythonSelect writes exactly what Django's Select writes through its templates."""

import pytest
from django import forms
from django.utils.translation import gettext_lazy, override

from core.forms import PythonSelect

TRICKY = "Helse & omsorg <\"NAV\"> 'K'"
CHOICES = [
    ("", gettext_lazy("All")),
    (TRICKY, TRICKY),
    (7, "Sju"),
    (
        "Samling 1 <&>",
        [("11", "Gjennomføring 1, 01.02.2027"), ("none-1", gettext_lazy("Without a run"))],
    ),
    ("Samling 2", [("12", "Gjennomføring 1")]),
    ("last", "Siste"),
]


@pytest.mark.parametrize("value", [None, "", TRICKY, 7, "7", "none-1", "12", "missing", ["12", "last"]])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"class": "form-select form-select-sm", "id": "id_run"},
        {"disabled": True, "required": False, "data-x": 'a"b&c', "aria-label": gettext_lazy("Search")},
    ],
)
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_html_is_byte_for_byte_djangos(value, attrs, language):
    with override(language):
        ours = PythonSelect(choices=CHOICES).render("run", value, attrs=attrs)
        djangos = forms.Select(choices=CHOICES).render("run", value, attrs=attrs)
    assert str(ours) == str(djangos)
    assert "&lt;&quot;NAV&quot;&gt;" in ours  # escaped once, as Django does


def test_a_form_field_renders_the_same_with_either_widget():
    class Form(forms.Form):
        theirs = forms.ChoiceField(choices=CHOICES, required=False)
        ours = forms.ChoiceField(choices=CHOICES, required=False, widget=PythonSelect)

    form = Form(data={"theirs": "none-1", "ours": "none-1"})
    assert form.is_valid()
    assert str(form["ours"]).replace("ours", "theirs") == str(form["theirs"])


def test_a_select_with_templates_of_its_own_keeps_djangos_rendering():
    class Other(PythonSelect):
        template_name = "django/forms/widgets/radio.html"  # a <div> of options, no <select>

    assert str(Other(choices=[("a", "A")]).render("x", "a")).startswith("<div><div>")
