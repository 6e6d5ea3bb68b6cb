"""What a page last released about a programme's leaders, renewed only in steps of at least the
anonymity threshold (participants/release.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseSnapshot(models.Model):
    """The figures a kind of page last showed about a programme's leaders, and a keyed digest per
    leader of what they were computed from. Kinds: "baseline" and "end" (the self-assessments and
    background, participants' needs page and the report's "before"), "own_work" (uptake, plans and
    train the trainers on the executive's dashboard and in the report)."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    figures = models.JSONField(default=dict)
    digests = models.JSONField(default=dict)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("released figures about the leaders' own work")
        verbose_name_plural = _("released figures about the leaders' own work")
        constraints = [models.UniqueConstraint(fields=["programme", "kind"], name="one_snapshot_per_kind")]

    def __str__(self):
        return f"{self.programme_id} {self.kind} {self.taken_at:%Y-%m-%d %H:%M}"
