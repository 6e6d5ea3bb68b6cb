"""Surveys, anonymous answers and the executive's report.

Who answered and what was answered live in separate tables that share nothing but the survey:
`Respondent` (survey, user) stops double answers and lists non-respondents; `Response` and its
`Answer` rows carry no user, no participant, no timestamp and a random primary key, so neither
a column nor a key's order joins an answer to a person (see evaluation/anonymity.py for what is
ever shown, and the README's evaluation section for what the database itself still knows).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.frameworks import CompetenceDimension, TenFactor


class Kirkpatrick(models.IntegerChoices):
    """The level a question measures (Kirkpatrick's four levels of training evaluation)."""

    REACTION = 1, _("1 Reaction")
    LEARNING = 2, _("2 Learning")
    BEHAVIOUR = 3, _("3 Behaviour")
    RESULTS = 4, _("4 Results")


class Survey(models.Model):
    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("Gathering feedback")
        PROGRAMME = "programme", _("Programme evaluation")

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Gathering feedback is per run; the programme evaluation has none.
    run = models.OneToOneField(
        "gatherings.Run", on_delete=models.CASCADE, null=True, blank=True, related_name="feedback_survey"
    )
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="feedback", run__isnull=False) | models.Q(kind="programme", run__isnull=True),
                name="survey_run_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["programme"], condition=models.Q(kind="programme"), name="one_programme_evaluation"
            ),
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="survey_window"),
        ]

    def __str__(self):
        return self.title

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Question(models.Model):
    class Kind(models.TextChoices):
        DIE = "die", _("Die roll 1–6")
        SCALE5 = "scale5", _("Scale 1–5")
        TEXT = "text", _("Free text")
        YES_NO = "yes_no", _("Yes or no")
        RANKING = "ranking", _("Ranking")

    # What a question is for, so results and the report find it whatever its wording.
    class Key(models.TextChoices):
        DIE = "die", _("Die roll for the day")
        TOPIC = "topic", _("Usefulness of a topic")
        TAKEAWAY = "takeaway", _("The most important thing you take with you")
        COMMENT = "comment", _("Comment")
        MAIN_GOAL = "main_goal", _("Attainment of the main goal")
        GOAL = "goal", _("Attainment of a sub-goal")
        SELF = "self", _("Self-assessment")
        NEEDS = "needs", _("Development needs")
        EXTENSION = "extension", _("Extension")
        FREE = "free", _("Free text")

    SCALES = {Kind.DIE: range(1, 7), Kind.SCALE5: range(1, 6), Kind.YES_NO: range(0, 2)}

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.CharField(max_length=20, choices=Key.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    level = models.PositiveSmallIntegerField(_("Kirkpatrick level"), choices=Kirkpatrick.choices)
    topic = models.CharField(max_length=500, blank=True)
    goal = models.ForeignKey(
        "programmes.ProgrammeGoal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dimension = models.CharField(max_length=20, choices=CompetenceDimension.choices, blank=True)
    options = models.JSONField(default=list, blank=True)  # the list a ranking question ranks
    required = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def scale(self):
        return self.SCALES.get(self.kind)


class Respondent(models.Model):
    """That a person has answered a survey. Never what they answered, never when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        # Random keys: the default order says nothing about who answered first.
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="one_answer_per_person")]

    def __str__(self):
        return f"{self.user_id} → {self.survey_id}"


class Response(models.Model):
    """One anonymous filled-in survey. The coarse groups are kept only where the programme has at
    least the threshold's number of participants in them (else blank), for the threshold-checked
    filters on the results page."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    sector = models.CharField(max_length=200, blank=True)
    leader_level = models.CharField(max_length=20, blank=True)
    # In a network programme: the leader's home municipality, kept only where at least the threshold
    # of the programme's leaders come from it (else empty), for the per-municipality results (issue 19).
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        # Random keys: ordering by them says nothing about when an answer came in.
        ordering = ["id"]

    def __str__(self):
        return str(self.id)


class Answer(models.Model):
    class Screening(models.TextChoices):
        PENDING = "pending", _("Not screened")
        APPROVED = "approved", _("Approved")
        HIDDEN = "hidden", _("Hidden")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    ranking = models.JSONField(default=list, blank=True)  # option indexes, most important first
    screening = models.CharField(max_length=10, choices=Screening.choices, default=Screening.PENDING)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self):
        return str(self.id)


class TenFactorScore(models.Model):
    """The municipality's average on one 10-faktor factor before and after, from KS's report (1–5)."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="ten_factor")
    factor = models.CharField(_("factor"), max_length=40, choices=TenFactor.choices)
    before = models.DecimalField(_("before"), max_digits=3, decimal_places=2, null=True, blank=True)
    after = models.DecimalField(_("after"), max_digits=3, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("10-factor score")
        verbose_name_plural = _("10-factor scores")
        constraints = [models.UniqueConstraint(fields=["programme", "factor"], name="one_score_per_factor")]

    def __str__(self):
        return f"{self.programme_id} {self.factor}"


def _report_path(instance, filename):
    # Not guessable, and never served from MEDIA_URL: only the permission-checked view reads it.
    return f"evaluation/reports/{secrets.token_urlsafe(24)}.pdf"


class Report(models.Model):
    """One build of the executive's report. The newest is the one shown."""

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("report state", "Queued")
        BUILDING = "building", pgettext_lazy("report state", "Building")
        READY = "ready", pgettext_lazy("report state", "Ready")
        FAILED = "failed", pgettext_lazy("report state", "Failed")

    class Trigger(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("report trigger", "built by HR")
        CLOSED = "closed", pgettext_lazy("report trigger", "built when the evaluation closed")
        REBUILT = "rebuilt", pgettext_lazy("report trigger", "built again on request")

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="reports")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.REQUESTED)
    failure = models.CharField(max_length=500, blank=True)
    recommendation = models.TextField(_("recommendation on the extension"))
    # Chosen when the report is ordered; the municipality's målform unless HR chooses another.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="nb")
    file = models.FileField(upload_to=_report_path, blank=True)
    # The two-page summary for elected officials (seed 001: "god styringsinformasjon for de
    # folkevalgte"), built with the report from the same released figures; no personal data.
    summary_file = models.FileField(upload_to=_report_path, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.programme} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def is_pending(self):
        return self.state in (self.State.QUEUED, self.State.BUILDING)
