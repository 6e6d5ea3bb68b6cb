import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.calendar_clock import CalendarDataQuerySet


class Gathering(models.Model):
    """A gathering (samling) of a programme: one or two days with goals and central topics."""

    class Kind(models.TextChoices):
        CORE = "core", _("Core")
        EXTENSION = "extension", _("Extension")

    # A new programme's core gatherings unless HR (or a template) says otherwise; HR reshapes freely.
    CORE_COUNT = 4
    CORE_MAX = 12
    EXTENSION_MIN = 2
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

    objects = CalendarDataQuerySet.as_manager()

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


class Run(models.Model):
    """One run (gjennomføring) of a gathering: Bergen repeats a gathering 3–4 times for ~100 people each."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    venue = models.CharField(_("venue"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"))
    # Bumped on every change that a calendar shows, so calendar clients replace the event.
    sequence = models.PositiveIntegerField(default=0)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        ordering = ["gathering", "number"]
        constraints = [
            models.UniqueConstraint(fields=["gathering", "number"], name="unique_run_number"),
            models.CheckConstraint(condition=models.Q(end_time__gt=models.F("start_time")), name="run_times"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="run_capacity"),
        ]

    def __str__(self):
        return f"{self.gathering} – {self.number}"

    @property
    def programme(self):
        return self.gathering.programme

    @property
    def programme_id(self):
        return self.gathering.programme_id

    @property
    def end_date(self):
        return self.date + datetime.timedelta(days=self.gathering.days - 1)

    def day_date(self, day):
        """The date of day 1 or 2 of this run."""
        return self.date + datetime.timedelta(days=day - 1)


class RunAssignment(models.Model):
    """A participant's place in one run; at most one run per gathering."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="assignments")
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="assignments")
    participant = models.ForeignKey("participants.Participant", on_delete=models.CASCADE, related_name="runs")
    assigned_at = models.DateTimeField(auto_now=True)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("run assignment")
        verbose_name_plural = _("run assignments")
        constraints = [
            models.UniqueConstraint(fields=["gathering", "participant"], name="one_run_per_gathering"),
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.run_id}"


class AgendaItem(models.Model):
    """A timed item on a gathering's agenda ("1000 Velkommen", "1300 Lunsj", ...)."""

    class LearningForm(models.TextChoices):
        THEORY = "theory", _("Theory")
        DISCUSSION = "discussion", _("Discussion")
        REFLECTION = "reflection", _("Reflection")
        SKILLS = "skills", _("Skills training")
        EXPERIENCE = "experience", _("Experience-based learning")
        BREAK = "break", _("Break or meal")

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="agenda")
    start_time = models.TimeField(_("start time"))
    title = models.CharField(_("title"), max_length=200)
    learning_form = models.CharField(_("learning form"), max_length=20, choices=LearningForm.choices)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    # The standing "Lederutfordringer siden sist" item that peer groups report into.
    is_case_round = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["gathering", "day", "start_time", "id"]

    def __str__(self):
        return f"{self.start_time:%H%M} {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey("participants.Participant", on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Day 1 or 2 of the run: a two-day gathering takes attendance each morning.
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    marked_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["run", "participant", "day"], name="one_attendance_per_run_day"),
            models.CheckConstraint(condition=models.Q(day__gte=1, day__lte=2), name="attendance_day_1_2"),
        ]

    def __str__(self):
        return f"{self.participant_id} @ {self.run_id}: {self.status}"
