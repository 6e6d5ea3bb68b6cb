import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.calendar_clock import CalendarDataQuerySet
from core.frameworks import TenFactor


class PeerGroupSetup(models.Model):
    """A programme's peer-group settings and whether its groups are confirmed (fixed)."""

    programme = models.OneToOneField("programmes.Programme", on_delete=models.CASCADE, related_name="peergroup_setup")
    min_size = models.PositiveSmallIntegerField(_("smallest group"), default=5)
    max_size = models.PositiveSmallIntegerField(_("largest group"), default=7)
    seed = models.PositiveIntegerField(default=1)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("peer group setup")
        verbose_name_plural = _("peer group setups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_size__gte=2, max_size__gte=models.F("min_size")), name="peergroup_size_bounds"
            ),
        ]

    def __str__(self):
        return str(self.programme)


class PeerGroup(models.Model):
    """A fixed peer group (kollegaveiledningsgruppe) of a programme, with its facilitator."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="peer_groups")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100)
    facilitator = models.ForeignKey(
        "participants.Facilitator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peer_groups",
        verbose_name=_("facilitator"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_peergroup_number"),
        ]

    def __str__(self):
        return self.name


class PeerGroupMember(models.Model):
    """A participant's place in a group: at most one group per participant (and so per programme)."""

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="members")
    participant = models.OneToOneField(
        "participants.Participant", on_delete=models.CASCADE, related_name="peer_membership"
    )

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("peer group member")
        verbose_name_plural = _("peer group members")

    def __str__(self):
        return f"{self.participant_id} → {self.group_id}"

    @property
    def programme(self):
        return self.group.programme

    @property
    def programme_id(self):
        return self.group.programme_id


class Meeting(models.Model):
    """A group's meeting between gatherings. The summary is for the group only; calendars never show it."""

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    attendees = models.ManyToManyField(
        "participants.Participant", blank=True, related_name="peer_meetings", verbose_name=_("who came")
    )
    # Set once someone has recorded who came, so "nobody came" and "not recorded" differ.
    attendance_recorded = models.BooleanField(default=False)
    summary = models.TextField(_("short summary"), blank=True)
    # Bumped when the calendar would show a change, so clients replace the event.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("peer group meeting")
        verbose_name_plural = _("peer group meetings")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_time__gt=models.F("start_time")), name="meeting_times"),
        ]

    def __str__(self):
        return f"{self.group} {self.date:%Y-%m-%d}"

    @property
    def programme(self):
        return self.group.programme

    @property
    def programme_id(self):
        return self.group.programme_id

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def is_past(self):
        return self.starts_at <= timezone.now()


class CaseTheme(models.Model):
    """A theme a case can be tagged with: the default list (by code) or one HR added (by name)."""

    DEFAULTS = {
        "change": _("Change and restructuring"),
        "resistance": _("Resistance"),
        "stress": _("Stress and workload"),
        "conflict": _("Conflict"),
        "cooperation": _("Cooperation across the organisation"),
        "operations": _("Operations vs. development"),
        "digitalisation": _("Digitalisation"),
        "personnel": _("Personnel management"),
        "role": _("Understanding of one's role"),
        "finance": _("Finances"),
    }

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="case_themes")
    code = models.CharField(max_length=30, blank=True)
    name = models.CharField(_("theme"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("case theme")
        verbose_name_plural = _("case themes")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], condition=~models.Q(code=""), name="unique_default_theme"
            ),
            models.CheckConstraint(condition=~models.Q(code="", name=""), name="theme_has_code_or_name"),
        ]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return self.DEFAULTS.get(self.code, self.name) if self.code else self.name


class Case(models.Model):
    """A leadership challenge (lederutfordring) brought to a peer group. Seen only by that group."""

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="cases")
    brought_by = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peer_cases",
        verbose_name=_("brought by"),
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("meeting")
    )
    discussed_on = models.DateField(_("discussed on"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=200)
    situation = models.TextField(_("the situation"))
    challenge = models.TextField(_("the challenge and the question to the group"))
    tried = models.TextField(_("what has been tried"), blank=True)
    reflections = models.TextField(_("the group's reflections and advice"), blank=True)
    action = models.TextField(_("the action the leader chose"), blank=True)
    follow_up = models.TextField(_("follow-up: what happened"), blank=True)
    follow_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    # When the follow-up was first written (follow_up_on may be dated back): the case counts as
    # followed up from the next closing after both (peergroups/case_counts.py).
    follow_up_written_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The themes and date the statistics count, when the case was edited after it was counted
    # ({"themes": [ids], "discussed_on": iso}): the counts never move by one case's edit.
    counted_as = models.JSONField(null=True, blank=True, editable=False)
    themes = models.ManyToManyField(CaseTheme, blank=True, related_name="cases", verbose_name=_("themes"))
    values = models.ManyToManyField(
        "programmes.ProgrammeValue", blank=True, related_name="peer_cases", verbose_name=_("values")
    )
    ten_factors = models.JSONField(_("10-factor factors"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-discussed_on", "-pk"]

    def __str__(self):
        return self.title

    @property
    def programme(self):
        return self.group.programme

    @property
    def programme_id(self):
        return self.group.programme_id

    @property
    def ten_factor_labels(self):
        labels = dict(TenFactor.choices)
        return [labels[code] for code in self.ten_factors if code in labels]
