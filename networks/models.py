"""What a network programme adds to a municipality's: local theme days, cross-municipal panels and pairs.

The network itself (core.Network) and a programme's network (programmes.Programme.network) live
below; this app is the top layer that sees all of them together."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.calendar_clock import CalendarDataQuerySet


class ThemeDay(models.Model):
    """A local theme day ("temadag i kommunen") a member municipality holds with its own people
    between two network gatherings. Planned and marked held by that municipality's HR."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="theme_days")
    municipality = models.ForeignKey("core.Municipality", on_delete=models.PROTECT, related_name="theme_days")
    # The network gathering it follows: the cockpit asks "held since gathering N?".
    after_gathering = models.ForeignKey(
        "gatherings.Gathering",
        verbose_name=_("after the gathering"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="theme_days_after",
    )
    title = models.CharField(_("theme"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    held = models.BooleanField(_("held"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    # A theme day is in its municipality's leaders' calendar feeds: a change moves that clock.
    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("local theme day")
        verbose_name_plural = _("local theme days")
        ordering = ["date", "municipality__name", "id"]

    def __str__(self):
        return f"{self.municipality}: {self.title}"


class Composition(models.Model):
    """A cross-municipal panel or a round of walk-and-talk pairs the organiser sets up at a gathering.

    Its members are the only leaders of other municipalities a member municipality's HR is shown,
    and only by name and municipality (networks/selectors.py)."""

    class Kind(models.TextChoices):
        PANEL = "panel", _("Panel")
        PAIRS = "pairs", _("Conversation partners from another municipality")

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="compositions")
    gathering = models.ForeignKey(
        "gatherings.Gathering", on_delete=models.CASCADE, null=True, blank=True, related_name="compositions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("panel or pairs")
        verbose_name_plural = _("panels and pairs")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class CompositionMember(models.Model):
    """A leader in a panel (group 0) or in pair number `group` of a round of pairs."""

    composition = models.ForeignKey(Composition, on_delete=models.CASCADE, related_name="members")
    participant = models.ForeignKey("participants.Participant", on_delete=models.CASCADE, related_name="+")
    group = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["composition", "group", "id"]
        constraints = [
            models.UniqueConstraint(fields=["composition", "participant"], name="unique_composition_member"),
        ]

    def __str__(self):
        return f"{self.composition}: {self.participant_id} ({self.group})"
