import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.calendar_clock import CalendarDataQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. The e-mail address is the login; there is no username."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class Municipality(models.Model):
    """A kommune: the tenant. It owns its programmes and everything in them."""

    class WrittenStandard(models.TextChoices):
        BOKMAL = "nb", _("Bokmål")
        NYNORSK = "nn", _("Nynorsk")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), unique=True)
    # The municipality's målform: the language its people's pages, e-mails and reports default to
    # (core.language). A person's own choice of language overrides it for them.
    language = models.CharField(
        _("written standard"), max_length=2, choices=WrittenStandard.choices, default=WrittenStandard.BOKMAL
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MunicipalityRole(models.Model):
    """A role a user holds across one municipality (HR administrator or executive)."""

    class Role(models.TextChoices):
        HR = "hr", _("HR administrator")
        EXECUTIVE = "executive", _("Chief executive")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="municipality_roles")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CalendarDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality role")
        verbose_name_plural = _("municipality roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality", "role"], name="unique_municipality_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.municipality}"


class Network(models.Model):
    """Municipalities running one programme together (e.g. "KS – Saman om ein betre kommune").

    A network programme (programmes.Programme.network) belongs to no single municipality: its
    organisers own it, each member municipality's HR sends and manages only its own people."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), unique=True)
    municipalities = models.ManyToManyField(
        Municipality, through="NetworkMember", related_name="networks", verbose_name=_("member municipalities")
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NetworkMember(models.Model):
    """A municipality's membership of a network: its HR may send people to the network's programmes."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="network_memberships")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member municipality")
        verbose_name_plural = _("member municipalities")
        constraints = [
            models.UniqueConstraint(fields=["network", "municipality"], name="unique_network_member"),
        ]

    def __str__(self):
        return f"{self.network} – {self.municipality}"


class NetworkRole(models.Model):
    """A role a user holds across one network: the organiser (e.g. KS and its resource group).

    Kept apart from MunicipalityRole so that no municipality-wide check can ever match a network role."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Network organiser")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ORGANISER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "network", "role"], name="unique_network_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.network}"


class Invitation(models.Model):
    """HR's invitation of a person by e-mail; accepting it grants the role it names.

    The link's token is an HMAC of the row's id and nonce with SECRET_KEY, so a copy of
    the database alone cannot be used to accept invitations.
    """

    class Role(models.TextChoices):
        HR = "hr", _("HR administrator")
        EXECUTIVE = "executive", _("Chief executive")
        PARTICIPANT = "participant", _("Participant")
        FACILITATOR = "facilitator", _("Facilitator")

    # The role as it reads inside a sentence ("invited as a participant in ...").
    ROLE_PHRASES = {
        Role.HR: pgettext_lazy("role in a sentence", "HR administrator"),
        Role.EXECUTIVE: pgettext_lazy("role in a sentence", "chief executive"),
        Role.PARTICIPANT: pgettext_lazy("role in a sentence", "participant"),
        Role.FACILITATOR: pgettext_lazy("role in a sentence", "facilitator"),
    }

    MUNICIPALITY_ROLES = {Role.HR, Role.EXECUTIVE}
    PROGRAMME_ROLES = {Role.PARTICIPANT, Role.FACILITATOR}

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="invitations")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def role_phrase(self):
        return self.ROLE_PHRASES[self.role]

    @property
    def token(self):
        message = f"invitation:{self.pk}:{self.nonce}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()

    def token_matches(self, token):
        return hmac.compare_digest(self.token, str(token))

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_open(self):
        return self.accepted_at is None and not self.is_expired


class AuditEvent(models.Model):
    """Append-only record of who did what to which object. Never the content itself."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"


class CalendarFeed(models.Model):
    """A user's secret calendar feed URL. Revoking it makes a new token; the old URL stops working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)


class CalendarClock(models.Model):
    """One row: a number that goes up after every committed change calendar feeds show (core.calendar_clock)."""

    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("calendar clock")
        verbose_name_plural = _("calendar clocks")

    def __str__(self):
        return str(self.generation)


class Reminder(models.Model):
    """One reminder e-mail: of one kind, to one person, about one thing, for one moment ("slot").

    The row is unique per (kind, recipient, target, slot), so the scan can create it again and again
    without a second row, and it is the claim: a send first moves it from pending (or from a
    "sending" left behind by a dead worker) to sending with a conditional UPDATE that must change
    exactly one row, and only then sends. What a kind's target is (a run, an invitation, ...) and what
    a slot means ("7d:2026-10-05") is the kind's business; see core/reminders/.
    """

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("reminder state", "Waiting")
        SENDING = "sending", pgettext_lazy("reminder state", "Sending")
        SENT = "sent", pgettext_lazy("reminder state", "Sent")
        FAILED = "failed", pgettext_lazy("reminder state", "Failed")
        SKIPPED = "skipped", pgettext_lazy("reminder state", "Not sent")

    kind = models.CharField(_("kind"), max_length=40)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    target_id = models.PositiveBigIntegerField()
    slot = models.CharField(max_length=64)
    # Whose HR sees the row in the reminder log: the municipality of the target's programme.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a send task was last put on the queue for it; the scan puts it there again only after
    # REMINDER_REQUEUE_AFTER, or at once when enqueueing failed (then this is empty).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "target_id", "slot"], name="one_reminder_per_slot"),
        ]
        indexes = [
            models.Index(fields=["state", "enqueued_at"], name="reminder_queue"),
            models.Index(fields=["enqueued_at"], name="reminder_enqueued"),
            models.Index(fields=["municipality", "kind", "-created_at"], name="reminder_log"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id} ({self.slot}): {self.state}"


class ReminderOptOut(models.Model):
    """A person has turned off one optional kind of reminder. The scan leaves them out in its query."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs")
    kind = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder turned off")
        verbose_name_plural = _("reminders turned off")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")]

    def __str__(self):
        return f"{self.user_id}: {self.kind}"


class MailPreference(models.Model):
    """The language a person's e-mails are written in (the site's language when there is no row)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preference")
    language = models.CharField(_("language of e-mails"), max_length=10, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return f"{self.user_id}: {self.language}"
