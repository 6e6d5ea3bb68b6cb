"""The development plan (goals, actions, check-ins, versions, comments), notices, train-the-trainers
sessions and keeping the plan after the programme."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.frameworks import CompetenceDimension, TenFactor
from participants.models.people import Participant


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
