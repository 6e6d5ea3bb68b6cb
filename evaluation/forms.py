from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import LinesField
from core.frameworks import TenFactor
from evaluation.models import Answer, Question
from programmes.forms import DATE_WIDGET

SCALE5_LABELS = {
    1: pgettext_lazy("usefulness", "1 Not useful"),
    2: "2",
    3: "3",
    4: "4",
    5: pgettext_lazy("usefulness", "5 Very useful"),
}
SELF_LABELS = {
    1: pgettext_lazy("self-assessment", "1 Very low"),
    2: "2",
    3: "3",
    4: "4",
    5: pgettext_lazy("self-assessment", "5 Very high"),
}


class SurveyAnswerForm(forms.Form):
    """One field per question (and one per place in a ranking), named after the question's id."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.DIE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(v, str(v)) for v in range(1, 7)],
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "die"}),
                )
            elif question.kind == Question.Kind.SCALE5:
                labels = SELF_LABELS if question.key == Question.Key.SELF else SCALE5_LABELS
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(v, labels[v]) for v in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text=_("How useful was this topic to you?") if question.key == Question.Key.TOPIC else "",
                )
            elif question.kind == Question.Kind.YES_NO:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text, choices=[(1, _("Yes")), (0, _("No"))], coerce=int, widget=forms.RadioSelect
                )
            elif question.kind == Question.Kind.TEXT:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Do not name anyone. HR reads free text before anyone else sees it."),
                )
            elif question.kind == Question.Kind.RANKING:
                choices = [("", _("Choose"))] + [(str(i), option) for i, option in enumerate(question.options)]
                for place in range(len(question.options)):
                    self.fields[f"{name}_{place}"] = forms.TypedChoiceField(
                        label=_("%(question)s – place %(place)s") % {"question": question.text, "place": place + 1}
                        if place == 0
                        else _("Place %(place)s") % {"place": place + 1},
                        choices=choices,
                        coerce=int,
                    )

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.kind != Question.Kind.RANKING:
                continue
            places = [cleaned.get(f"q{question.pk}_{p}") for p in range(len(question.options))]
            if None not in places and len(set(places)) != len(places):
                raise forms.ValidationError(_("Give each development need its own place in the ranking."))
        return cleaned

    def answers(self):
        """{question id: value, text or ranking} for evaluation.services.survey_answer."""
        result = {}
        for question in self.questions:
            if question.kind == Question.Kind.RANKING:
                result[question.pk] = [self.cleaned_data[f"q{question.pk}_{p}"] for p in range(len(question.options))]
            else:
                result[question.pk] = self.cleaned_data.get(f"q{question.pk}")
        return result


class ProgrammeEvaluationForm(forms.Form):
    needs = LinesField(
        label=_("Development needs to rank"),
        max_items=10,
        help_text=_("One per line, 2 to 10. The leaders rank them, most important first."),
    )
    closes_on = forms.DateField(label=_("Open until"), widget=DATE_WIDGET)


class TenFactorForm(forms.Form):
    """Before and after for each of the ten factors (1–5), as in KS's report; leave out what you lack."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in TenFactor:
            for when, label in (("before", _("before")), ("after", _("after"))):
                self.fields[f"{factor.value}_{when}"] = forms.DecimalField(
                    label=f"{factor.label} – {label}",
                    required=False,
                    min_value=1,
                    max_value=5,
                    max_digits=3,
                    decimal_places=2,
                )

    def scores(self):
        return {
            factor.value: (
                self.cleaned_data.get(f"{factor.value}_before"),
                self.cleaned_data.get(f"{factor.value}_after"),
            )
            for factor in TenFactor
        }


class ReportForm(forms.Form):
    recommendation = forms.CharField(
        label=_("Recommendation on the extension"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("HR's recommendation to the chief executive. It is printed in the report as written."),
    )
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The municipality's written standard, unless you choose another."),
    )


class ScreenForm(forms.Form):
    answer = forms.UUIDField()
    decision = forms.ChoiceField(choices=[(Answer.Screening.APPROVED, ""), (Answer.Screening.HIDDEN, "")])


class ExtensionDecisionForm(forms.Form):
    run_extension = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Run the extension")), ("no", _("Do not run the extension"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    decided_by = forms.ModelChoiceField(
        label=_("Decided by"),
        queryset=None,
        help_text=_("The chief executive, or you when you record the decision on their behalf."),
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"),
        widget=DATE_WIDGET,
        help_text=_("The date of the political or administrative decision."),
    )
    decision_body = forms.CharField(
        label=_("Decision-making body"),
        max_length=200,
        required=False,
        help_text=_("E.g. the chief executive, the leaders' forum or the municipal council."),
    )
    reference = forms.CharField(label=_("Case number"), max_length=100, required=False, help_text=_("E.g. 2027/1234."))
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    override_reason = forms.CharField(
        label=_("Why decide before the evaluation is published?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Required while the evaluation is open or missing. It is written to the audit log."),
    )

    def __init__(self, *args, deciders, published, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_by"].queryset = deciders
        self.fields["decided_by"].label_from_instance = lambda user: user.get_full_name() or user.email
        if published:
            del self.fields["override_reason"]
