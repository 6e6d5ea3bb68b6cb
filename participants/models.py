import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.calendar_clock import CalendarDataQuerySet
from core.frameworks import CompetenceDimension, TenFactor


class Participant(models.Model):
    """A leader taking part in one programme."""

    class LeaderLevel(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic leader")
        UNIT = "unit", _("Unit leader")
        DEPARTMENT = "department", _("Department leader")

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations")
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    leader_level = models.CharField(_("leader level"), max_length=20, choices=LeaderLevel.choices, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
        help_text=_("The participant's own leader, if they take part in the same programme."),
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=200, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_participants",
        verbose_name=_("facilitator"),
    )
    # In a network programme: the municipality that sent this leader (set from HR's invitation), the
    # one whose HR manages them and whose executive's figures count them. Empty in a municipality's
    # own programme, where it is always the programme's municipality.
    home_municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_participants",
    )
    # A cross-municipal panel is picked "not the project leader": the municipality's own project lead.
    is_project_leader = models.BooleanField(_("project leader in their municipality"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["user__first_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="unique_participant"),
        ]

    def __str__(self):
        return str(self.user)


class Facilitator(models.Model):
    """A facilitator (prosessveileder) serving one programme; may serve several municipalities."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="facilitators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitations")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="unique_facilitator"),
        ]

    def __str__(self):
        return str(self.user)


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


class DevelopmentPlan(models.Model):
    """The personal development plan (personlig utviklingsplan): one per participation."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="plan")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self):
        return str(self.participant)

    @property
    def programme(self):
        return self.participant.programme


class PlanGoal(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", pgettext_lazy("plan goal", "Dropped")

    class Source(models.TextChoices):
        OWN = "", _("Own goal")
        STRENGTH = "strength", _("From a strength in the feedback")
        DEVELOPMENT_AREA = "development_area", _("From a development area in the feedback")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    success_criteria = models.TextField(_("how success shows"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    programme_goal = models.ForeignKey(
        "programmes.ProgrammeGoal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme goal"),
    )
    value = models.ForeignKey(
        "programmes.ProgrammeValue",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("value"),
    )
    ten_factors = models.JSONField(_("10-factor factors"), default=list, blank=True)
    competence_dimension = models.CharField(
        _("competence dimension"), max_length=20, choices=CompetenceDimension.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # A goal made from the feedback stays a draft until the leader has looked at it and saved it.
    is_draft = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")

    def __str__(self):
        return self.title

    @property
    def programme(self):
        return self.plan.participant.programme

    @property
    def ten_factor_labels(self):
        labels = dict(TenFactor.choices)
        return [labels[code] for code in self.ten_factors if code in labels]


class PlanAction(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", pgettext_lazy("plan action", "Dropped")

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    # "Det første jeg gjør når jeg kommer hjem": set when the leader records the action after this
    # gathering; the next gathering's case round shows it to their own peer group.
    home_commitment_after = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="home_commitments",
        verbose_name=_("first thing at home after"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "created_at", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.text

    @property
    def programme(self):
        return self.goal.plan.participant.programme


class PlanCheckIn(models.Model):
    """The leader's own account of progress, from their experience of needs and mastery."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="checkins")
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    reflection = models.TextField(_("reflection"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(progress__lte=100), name="checkin_progress_0_100")]

    def __str__(self):
        return f"{self.plan}: {self.progress} %"


class PlanVersion(models.Model):
    """A snapshot of the whole plan after each save and each check-in, so every earlier state can be read."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    reason = models.CharField(max_length=30)
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")]

    def __str__(self):
        return f"{self.plan}: {self.number}"

    @property
    def programme(self):
        return self.plan.participant.programme


class PlanComment(models.Model):
    """The facilitator's comment on a plan."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.plan}: {self.created_at:%Y-%m-%d}"


class Notice(models.Model):
    """A small in-app notice to a participant (the facilitator commented, feedback was recorded)."""

    class Kind(models.TextChoices):
        PLAN_COMMENT = "plan_comment", _("Your facilitator commented on your plan")
        FEEDBACK = "feedback", _("Your facilitator recorded the feedback on your profile")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.participant}: {self.kind}"


class CascadeSession(models.Model):
    """Train the trainers: the leader passed programme content on to their own staff."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="cascade_sessions")
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    staff_count = models.PositiveIntegerField(_("number of staff"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("passed on to staff")
        verbose_name_plural = _("passed on to staff")
        constraints = [models.CheckConstraint(condition=models.Q(staff_count__gte=1), name="cascade_staff_count")]

    def __str__(self):
        return f"{self.participant}: {self.topic}"


class PlanKeeping(models.Model):
    """The leader's choice when the programme ends ("veien videre"): keep the development plan in their
    own space, or let it be erased with the programme's material on the retention schedule.

    Keeping is consent, and withdrawing it puts the plan back on the schedule. A kept plan is the
    leader's alone once the programme has ended: no facilitator, no HR.
    """

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="plan_keeping")
    keep = models.BooleanField(_("keep my plan"))
    decided_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plan kept after the programme")
        verbose_name_plural = _("plans kept after the programme")

    def __str__(self):
        return f"{self.participant_id}: {self.keep}"
