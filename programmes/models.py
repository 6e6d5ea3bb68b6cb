from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.calendar_clock import CalendarDataQuerySet
from core.models import Municipality, Network


class Programme(models.Model):
    """A leadership development programme (lederutviklingsprogram) of one municipality, or of a network.

    Exactly one of `municipality` and `network` is set. A network programme has no municipality on
    purpose: every rule and query that grants access by municipality (HR, executive) then matches none
    of it, so single-municipality behaviour stays exactly as it was and a network programme is reached
    only through the network's own paths (core/rules.py, programmes/selectors.py, networks/)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="programmes", null=True, blank=True
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="programmes", null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    main_goal = models.TextField(_("main goal"))
    target_group = models.TextField(_("target group"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # What the programme evaluation proposes (development needs to rank, 10-faktor on or off); a
    # template carries it from one cohort to the next.
    evaluation_settings = models.JSONField(_("evaluation settings"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gt=models.F("start_date")), name="programme_period"),
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False, network__isnull=True)
                | models.Q(municipality__isnull=True, network__isnull=False),
                name="programme_owner_municipality_xor_network",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def owner(self):
        """Whose programme it is, as pages name it: the municipality, or the network."""
        return self.municipality if self.network_id is None else self.network

    @property
    def extension_decided(self):
        decision = getattr(self, "extension_decision", None)
        return decision is not None and decision.run_extension


class ProgrammeGoal(models.Model):
    """A sub-goal of a programme. Rows, not a list, so that plans and evaluations can point at one."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("sub-goal"), max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")

    def __str__(self):
        return self.text


class ProgrammeValue(models.Model):
    """One of the municipality's values as this programme states them (e.g. humør, ansvar)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(_("value"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self):
        return self.name


class ExtensionDecision(models.Model):
    """The municipality's decision on the optional extension (opsjon) after the evaluation."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="extension_decision")
    run_extension = models.BooleanField(_("run the extension"))
    gathering_count = models.PositiveSmallIntegerField(_("number of gatherings"), default=0)
    decided_on = models.DateField(_("date of decision"))
    # A person answers for the decision: the chief executive, or HR recording it on their behalf.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The political or administrative body whose decision this records (e.g. the municipal council).
    decision_body = models.CharField(_("decision-making body"), max_length=200, blank=True)
    reference = models.CharField(_("case number"), max_length=100, blank=True)
    rationale = models.TextField(_("rationale"))
    # Why it was recorded before the evaluation was published; empty when the evidence was there.
    override_reason = models.TextField(_("reason for deciding before the evaluation"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension decision")
        verbose_name_plural = _("extension decisions")

    def __str__(self):
        return f"{self.programme}: {self.run_extension}"


class ProgrammeTemplate(models.Model):
    """A programme's shape to start from: goals, values, target group, gatherings with their goals,
    topics and timed agenda, and the evaluation settings; dates as offsets from the start, no people.

    A municipality's own templates are its HR's. A built-in template (written from the seeds, shipped
    by a data migration) has no municipality and a `key`: every HR sees it and nobody edits it.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="programme_templates"
    )
    key = models.SlugField(max_length=50, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    main_goal = models.TextField(_("main goal"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    goals = models.JSONField(_("sub-goals"), default=list, blank=True)
    values = models.JSONField(_("values"), default=list, blank=True)
    # [{title, kind, days, venue, goals, topics, offset_days, agenda: [{day, start_time "HH:MM", title,
    #   learning_form, responsible, is_case_round}], runs: [{offset_days, start_time, end_time, capacity}]}]
    gatherings = models.JSONField(_("gatherings"), default=list, blank=True)
    # {"needs": [development needs the programme evaluation asks to rank], "ten_factor": bool}
    evaluation = models.JSONField(_("evaluation settings"), default=dict, blank=True)
    length_days = models.PositiveIntegerField(_("length in days"), default=730)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("programme template")
        verbose_name_plural = _("programme templates")
        ordering = ["name", "id"]
        constraints = [
            # Built-in exactly when it belongs to no municipality.
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True, key__isnull=False)
                | models.Q(municipality__isnull=False, key__isnull=True),
                name="template_builtin_xor_municipality",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_builtin(self):
        return self.municipality_id is None
