from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.frameworks import CompetenceDimension, TenFactor
from participants import importers, ipip
from participants.models import Baseline, PersonalityProfile, PlanAction, PlanGoal
from programmes.forms import DATE_WIDGET


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file, at most 2 MB and 5,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.sheet, self.rows = importers.parse_upload(upload, self.programme)
        return upload


# --- The leader's own space ------------------------------------------------------------------------

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class BaselineForm(forms.Form):
    """Background questions (at the start only) and a 1–5 rating per programme goal and dimension.

    The rating fields are named r_<goal id>_<dimension>; `rating_groups` lays them out per goal.
    """

    leadership_education = forms.ChoiceField(
        label=_("What leadership education do you have?"),
        choices=Baseline.Education.choices,
        widget=forms.RadioSelect,
    )
    years_as_leader = forms.IntegerField(label=_("How many years have you been a leader?"), min_value=0, max_value=60)
    expectations = forms.CharField(
        label=_("What do you want from the programme?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Only you and your facilitator read this."),
    )

    def __init__(self, *args, goals, phase, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        self.phase = phase
        if phase == Baseline.Phase.END:
            for name in ("leadership_education", "years_as_leader", "expectations"):
                del self.fields[name]
        for goal in self.goals:
            for dimension, label in CompetenceDimension.choices:
                self.fields[f"r_{goal.pk}_{dimension}"] = forms.TypedChoiceField(
                    label=label,
                    choices=SCORE_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose a number from 1 to 5.")},
                )

    @property
    def background_fields(self):
        names = ("leadership_education", "years_as_leader", "expectations")
        return [self[name] for name in names if name in self.fields]

    @property
    def rating_groups(self):
        return [
            (goal, [self[f"r_{goal.pk}_{dimension}"] for dimension in CompetenceDimension.values])
            for goal in self.goals
        ]

    @property
    def ratings(self):
        return {
            (goal.pk, dimension): self.cleaned_data[f"r_{goal.pk}_{dimension}"]
            for goal in self.goals
            for dimension in CompetenceDimension.values
        }


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read this and agree to a personality profile being recorded for my own development."),
        error_messages={"required": _("Tick the box to give your consent.")},
    )


class IpipForm(forms.Form):
    """The 50 statements, in the order they are answered; fields are q<item index in the key>."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = ipip.administration_order()
        for number, item in enumerate(self.order, start=1):
            self.fields[f"q{item['index']}"] = forms.TypedChoiceField(
                label=f"{number}. {item['text']}",
                choices=ipip.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this statement.")},
            )

    @property
    def answers(self):
        return [self.cleaned_data[f"q{i}"] for i in range(50)]


def parse_scale_scores(text):
    """Lines of "Scale: score" into [(scale, score)]; a line without a colon is an error."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, score = line.partition(":")
        if not sep or not name.strip() or not score.strip():
            raise ValidationError(
                _("Line %(number)s: write the scale's name, a colon and the score (e.g. “Dominance: 72”).")
                % {"number": number}
            )
        rows.append((name.strip(), score.strip()))
    return rows


class ExternalProfileForm(forms.Form):
    instrument = forms.ChoiceField(
        label=_("Instrument"),
        choices=[c for c in PersonalityProfile.Instrument.choices if c[0] != PersonalityProfile.Instrument.IPIP50],
    )
    instrument_name = forms.CharField(label=_("Name of the instrument (if other)"), max_length=100, required=False)
    type_label = forms.CharField(label=_("Type"), max_length=100, required=False, help_text=_("For example ENTJ."))
    scores = forms.CharField(
        label=_("Scale scores"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One scale per line: the name, a colon and the score."),
    )
    taken_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    administered_by = forms.CharField(label=_("Administered by"), max_length=200, required=False)
    report = forms.FileField(
        label=_("Report (PDF)"),
        required=False,
        help_text=_("A PDF file of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_scores(self):
        return parse_scale_scores(self.cleaned_data["scores"])


class FeedbackForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the conversation"), widget=DATE_WIDGET)
    strengths = forms.CharField(
        label=_("Agreed strengths"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One per line.")
    )
    development_areas = forms.CharField(
        label=_("Agreed development areas"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One per line.")
    )


class FeedbackCommentForm(forms.Form):
    comment = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class PlanGoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=300, help_text=_("What do you want to achieve?"))
    success_criteria = forms.CharField(
        label=_("How success shows"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_WIDGET, required=False)
    programme_goal = forms.ModelChoiceField(label=_("Programme goal"), queryset=None, required=False)
    value = forms.ModelChoiceField(label=_("The municipality's value"), queryset=None, required=False)
    ten_factors = forms.MultipleChoiceField(
        label=_("10-factor factors"), choices=TenFactor.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    competence_dimension = forms.ChoiceField(
        label=_("Competence dimension"), choices=[("", "–"), *CompetenceDimension.choices], required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=PlanGoal.Status.choices, initial=PlanGoal.Status.ACTIVE)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme_goal"].queryset = programme.goals.all()
        self.fields["value"].queryset = programme.values.all()


class PlanActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=DATE_WIDGET, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=PlanAction.Status.choices, initial=PlanAction.Status.NOT_STARTED
    )


class CheckInForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("How far have you come with your plan, from 0 to 100?"),
    )
    reflection = forms.CharField(
        label=_("Reflection"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has gone well, what has been hard, what do you need now?"),
    )


class PlanCommentForm(forms.Form):
    text = forms.CharField(label=_("Comment to the leader"), widget=forms.Textarea(attrs={"rows": 3}))


class CascadeSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    topic = forms.CharField(label=_("Topic"), max_length=300)
    staff_count = forms.IntegerField(label=_("Number of staff"), min_value=1, max_value=5000)


# --- The participant record ------------------------------------------------------------------------


def person_label(participant):
    """A name as lists show it: the unit tells namesakes apart (Bergen has two Anna Hagen)."""
    name = participant.user.get_full_name() or participant.user.email
    return f"{name} ({participant.unit})" if participant.unit else name


def facilitator_choices(programme):
    from core.models import User

    return User.objects.filter(facilitations__programme=programme).order_by("first_name", "last_name", "email")


class ParticipantRecordForm(forms.Form):
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    leader_level = forms.ChoiceField(label=_("Leader level"), required=False)
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False)
    sector = forms.CharField(label=_("Sector"), max_length=200, required=False)
    manager = forms.ModelChoiceField(label=_("Manager"), queryset=None, required=False)
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=200, required=False)
    facilitator = forms.ModelChoiceField(
        label=_("Facilitator"),
        queryset=None,
        required=False,
        help_text=_(
            "The facilitator gives feedback on the profile and reads the plan; the previous one no longer can."
        ),
    )

    def __init__(self, *args, participant, **kwargs):
        from participants.models import Participant

        super().__init__(*args, **kwargs)
        programme = participant.programme
        self.fields["leader_level"].choices = [("", "–"), *Participant.LeaderLevel.choices]
        self.fields["manager"].queryset = (
            Participant.objects.filter(programme=programme)
            .exclude(pk=participant.pk)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "unit")
        )
        self.fields["manager"].label_from_instance = person_label
        self.fields["facilitator"].queryset = facilitator_choices(programme)
        self.fields["facilitator"].label_from_instance = lambda user: user.get_full_name() or user.email


class FacilitatorBulkForm(forms.Form):
    """The participant list's bulk action: the ticked participants get this facilitator (or none)."""

    participants = forms.TypedMultipleChoiceField(
        coerce=int, choices=[], error_messages={"required": _("Tick the participants first.")}
    )
    facilitator = forms.ModelChoiceField(
        label=_("Facilitator"), queryset=None, error_messages={"required": _("Choose a facilitator.")}
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitator_choices(programme)
        # Checked against the programme by the service; any id may be posted.
        self.fields["participants"].valid_value = lambda value: True
