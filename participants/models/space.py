"""The leader's own space before the plan: baseline, self-assessment, profile consent, personality
profile and the feedback conversation (issue 4)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.frameworks import CompetenceDimension
from participants.models.people import Participant

# --- The leader's own space: baseline, profile, feedback, plan (issue 4) ---------------------------
#
# All of it belongs to one participation (a leader in one programme). The participant and the
# facilitator assigned to them see it; HR sees only whether each part is done, and aggregates.


class Baseline(models.Model):
    """The needs mapping (kartlegging): at the start, and the self-assessment again at the end."""

    class Phase(models.TextChoices):
        BASELINE = "baseline", _("At the start")
        END = "end", _("At the end")

    class Education(models.TextChoices):
        NONE = "none", _("None")
        COURSES = "courses", _("Courses")
        FURTHER = "further", _("Further education")
        MASTER = "master", _("Master's level")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="baselines")
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.BASELINE)
    # Asked only at the start; the end phase repeats the self-assessment alone.
    leadership_education = models.CharField(
        _("leadership education"), max_length=10, choices=Education.choices, blank=True
    )
    years_as_leader = models.PositiveSmallIntegerField(_("years as a leader"), null=True, blank=True)
    expectations = models.TextField(_("what you want from the programme"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("baseline mapping")
        verbose_name_plural = _("baseline mappings")
        constraints = [models.UniqueConstraint(fields=["participant", "phase"], name="unique_baseline_phase")]

    def __str__(self):
        return f"{self.participant} ({self.phase})"


class SelfAssessment(models.Model):
    """One rating, 1–5, of one competence dimension for one of the programme's goals."""

    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="ratings")
    goal = models.ForeignKey("programmes.ProgrammeGoal", on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=20, choices=CompetenceDimension.choices)
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["baseline", "goal", "dimension"], name="unique_self_assessment"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="self_assessment_1_to_5"),
        ]

    def __str__(self):
        return f"{self.goal_id} {self.dimension}: {self.score}"


class ProfileConsent(models.Model):
    """The participant's yes to a personality profile, given before either kind is recorded."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="profile_consent")
    consented_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("profile consent")
        verbose_name_plural = _("profile consents")

    def __str__(self):
        return f"{self.participant}: {self.consented_at:%Y-%m-%d}"


def report_upload_to(instance, filename):
    # A random name: the file's place on disk tells nobody whose profile it is, and cannot be guessed.
    return f"profile-reports/{secrets.token_urlsafe(24)}.pdf"


class PersonalityProfile(models.Model):
    """A personality profile: an external instrument's result, or the IPIP-50 taken in the app."""

    class Instrument(models.TextChoices):
        IPIP50 = "ipip50", _("IPIP Big Five (50 items, in the app)")
        JTI = "jti", "JTI"
        MBTI = "mbti", "MBTI"
        DISC = "disc", "DiSC"
        OPQ = "opq", "OPQ"
        OTHER = "other", _("Other")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="profiles")
    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    instrument_name = models.CharField(_("name of the instrument"), max_length=100, blank=True)
    type_label = models.CharField(_("type"), max_length=100, blank=True)
    # External: [{"name": str, "score": str}]; IPIP-50: {factor: {"sum": int, "mean": float}}.
    scores = models.JSONField(default=list, blank=True)
    # IPIP-50 only: the 50 answers (1–5) in the item order of participants/data/ipip50.json.
    answers = models.JSONField(default=list, blank=True)
    taken_on = models.DateField(_("date"))
    administered_by = models.CharField(_("administered by"), max_length=200, blank=True)
    report = models.FileField(_("report (PDF)"), upload_to=report_upload_to, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("personality profile")
        verbose_name_plural = _("personality profiles")
        ordering = ["-taken_on", "-created_at"]

    def __str__(self):
        return f"{self.participant}: {self.get_instrument_display()}"

    @property
    def is_ipip(self):
        return self.instrument == self.Instrument.IPIP50

    @property
    def instrument_label(self):
        if self.instrument == self.Instrument.OTHER and self.instrument_name:
            return self.instrument_name
        return self.get_instrument_display()


class ProfileFeedback(models.Model):
    """The feedback conversation on the profile, recorded by the assigned facilitator."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="feedback")
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    held_on = models.DateField(_("date of the conversation"))
    strengths = models.TextField(_("agreed strengths"), help_text=_("One per line."))
    development_areas = models.TextField(_("agreed development areas"), help_text=_("One per line."))
    participant_comment = models.TextField(_("your comment"), blank=True)
    commented_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("profile feedback")
        verbose_name_plural = _("profile feedback")

    def __str__(self):
        return f"{self.participant}: {self.held_on}"

    @staticmethod
    def _lines(text):
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]

    @property
    def strength_list(self):
        return self._lines(self.strengths)

    @property
    def development_area_list(self):
        return self._lines(self.development_areas)
