import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gathering(models.Model):
    """A gathering (samling) of a programme: one or two days with goals and central topics."""

    class Kind(models.TextChoices):
        CORE = "core", _("Core")
        EXTENSION = "extension", _("Extension")

    CORE_COUNT = 4
    EXTENSION_MAX = 4

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="gatherings")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORE)
    goals = models.JSONField(_("goals"), default=list, blank=True)
    topics = models.JSONField(_("central topics"), default=list, blank=True)
    start_date = models.DateField(_("date"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("length in days"), default=1)
    venue = models.CharField(_("venue"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_gathering_number"),
            models.CheckConstraint(condition=models.Q(days__gte=1, days__lte=2), name="gathering_days_1_2"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def end_date(self):
        if self.start_date is None:
            return None
        return self.start_date + datetime.timedelta(days=self.days - 1)

    @property
    def is_active(self):
        """Core gatherings always are; extension ones only once the extension is decided."""
        return self.kind == self.Kind.CORE or self.programme.extension_decided
