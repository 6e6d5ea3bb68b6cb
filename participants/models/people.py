"""Participants and facilitators of a programme."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.calendar_clock import CalendarDataQuerySet


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
