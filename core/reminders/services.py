"""Writes of the reminder engine: the scan, the claim-then-send, and people's choices.

The scan's cost is a fixed number of statements whatever the number of people due: one
INSERT ... SELECT per Due of each ready kind, one UPDATE that fails rows given up on, one UPDATE
that stamps the rows to enqueue and one SELECT of their ids. Nothing here wraps the scan in a
transaction: each statement stands on its own, so a scan that dies halfway leaves only rows that
the next scan finishes.
"""

import contextlib
import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from core.mail import render_templated_mail
from core.models import MailPreference, Reminder, ReminderOptOut
from core.reminders.base import get_kind, optional_kinds_for, ready_kinds
from core.services import audit_log

logger = logging.getLogger(__name__)

State = Reminder.State

# Why a reminder was not sent, stored in English and shown translated in the HR log (gettext).
NO_LONGER_DUE = gettext_noop("No longer due: moved, cancelled, past, or the person left it.")
TURNED_OFF = gettext_noop("Turned off by the recipient, or the account is closed.")
ALREADY_SENT = gettext_noop("Already sent another way.")
INTERRUPTED = gettext_noop("The sending was interrupted too many times.")


# --- The scan ----------------------------------------------------------------------------------


@dataclass
class ScanResult:
    created: int = 0
    given_up: int = 0
    enqueued: int = 0
    not_enqueued: int = 0


def _insert_due(kind, due, now):
    """One INSERT ... SELECT ... ON CONFLICT DO NOTHING: every due row that has no Reminder yet."""
    rows = due.rows()
    if kind.optional:
        rows = rows.filter(~Exists(ReminderOptOut.objects.filter(kind=kind.key, user_id=OuterRef("_r_recipient"))))
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(Reminder._meta.get_field(name).column)
        for name in (
            "recipient",
            "target_id",
            "slot",
            "municipality",
            "kind",
            "state",
            "attempts",
            "last_error",
            "subject",
            "created_at",
        )
    )
    created_at = Reminder._meta.get_field("created_at").get_db_prep_value(now, connection)
    # The outer SELECT adds the constant columns; its WHERE is what SQLite asks of an upsert's SELECT.
    # Names come from the model and `select` is Django's own compiled query; every value is a parameter
    # (so bandit's B608 is a false alarm here).
    insert = f"INSERT INTO {quote(Reminder._meta.db_table)} ({columns}) "
    sql = insert + f"SELECT due.*, %s, %s, 0, '', '', %s FROM ({select}) due WHERE true ON CONFLICT DO NOTHING"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, (kind.key, State.PENDING, created_at, *params))
        return max(cursor.rowcount, 0)


def _stale(now):
    return now - timedelta(seconds=settings.REMINDER_SENDING_TIMEOUT)


def reminders_scan(*, now=None):
    """Create the reminders that are due and enqueue a send for every one that waits.

    Safe to run at any time and as often as wanted, also two at once: the rows are unique, the
    enqueue stamp splits the waiting rows between scans, and the send claims its row.
    """
    from core.tasks import enqueue, send_reminder

    now = now or timezone.now()
    result = ScanResult()
    for kind in ready_kinds():
        for due in kind.due(now):
            result.created += _insert_due(kind, due, now)

    # Rows whose workers died while sending, time after time: stop here, visibly, for HR.
    result.given_up = Reminder.objects.filter(
        state=State.SENDING, claimed_at__lt=_stale(now), attempts__gte=settings.REMINDER_MAX_ATTEMPTS
    ).update(state=State.FAILED, last_error=INTERRUPTED)

    requeue = now - timedelta(seconds=settings.REMINDER_REQUEUE_AFTER)
    waiting = (
        Q(state=State.PENDING) & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        | Q(state=State.SENDING, claimed_at__lt=_stale(now))
    ) & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=requeue))
    # The stamp marks this scan's share; a scan running at the same time stamps other rows.
    Reminder.objects.filter(waiting).update(enqueued_at=now)
    ids = list(Reminder.objects.filter(enqueued_at=now).order_by("pk").values_list("pk", flat=True))
    # One producer for the whole batch (without a broker, tasks run here and need none).
    eager = current_app.conf.task_always_eager
    with contextlib.nullcontext() if eager else current_app.producer_or_acquire() as producer:
        for index, reminder_id in enumerate(ids):
            if enqueue(send_reminder, reminder_id, producer=producer):
                result.enqueued += 1
            elif not settings.CELERY_TASK_ALWAYS_EAGER:
                # The broker is away: leave the rest for the next scan, unstamped so it takes them at once.
                Reminder.objects.filter(enqueued_at=now, pk__gte=reminder_id, state=State.PENDING).update(
                    enqueued_at=None
                )
                result.not_enqueued = len(ids) - index
                break
    if result.created or result.enqueued or result.not_enqueued or result.given_up:
        logger.info("reminder scan: %s", result)
    return result


# --- Claim, then send --------------------------------------------------------------------------


@dataclass
class SendResult:
    state: str
    retry_in: int | None = None


def is_transient(error):
    """SMTP failures worth trying again: the connection, or a 4xx answer ("try again later")."""
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, ConnectionError | TimeoutError)


def _describe(error):
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        text = f"SMTP {error.smtp_code}: {message}"
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "; ".join(
            f"SMTP {code}: {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for code, message in error.recipients.values()
        )
    else:
        text = f"{type(error).__name__}: {error}"
    return text[:500]


def backoff(attempts):
    return min(settings.REMINDER_RETRY_BASE * 2 ** max(attempts - 1, 0), settings.REMINDER_RETRY_MAX)


def _finish(reminder_id, **fields):
    Reminder.objects.filter(pk=reminder_id).update(**fields)


def reminder_send(*, reminder_id, now=None):
    """Claim the reminder, send its e-mail, mark it sent. A claim that fails sends nothing.

    Returns the state it left the row in; `retry_in` (seconds) when a transient SMTP failure put
    it back to pending, for the task to retry then.
    """
    now = now or timezone.now()
    claimed = (
        Reminder.objects.filter(pk=reminder_id, attempts__lt=settings.REMINDER_MAX_ATTEMPTS)
        .filter(Q(state=State.PENDING) | Q(state=State.SENDING, claimed_at__lt=_stale(now)))
        .update(state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if claimed != 1:
        return SendResult("not claimed")
    reminder = Reminder.objects.select_related("recipient", "recipient__mail_preference", "municipality").get(
        pk=reminder_id
    )
    kind = get_kind(reminder.kind)
    recipient = reminder.recipient
    if kind is None:
        _finish(reminder_id, state=State.FAILED, last_error=f"Unknown kind {reminder.kind!r}.")
        return SendResult(State.FAILED)
    if not recipient.is_active or (
        kind.optional and ReminderOptOut.objects.filter(user=recipient, kind=kind.key).exists()
    ):
        _finish(reminder_id, state=State.SKIPPED, last_error=TURNED_OFF)
        return SendResult(State.SKIPPED)
    language = _language_of(recipient, municipality=reminder.municipality)
    try:
        with translation.override(language):
            message = kind.message(reminder)
            if message is None:
                _finish(reminder_id, state=State.SKIPPED, last_error=NO_LONGER_DUE)
                return SendResult(State.SKIPPED)
            email = render_templated_mail(
                name=kind.template,
                to=recipient.email,
                context={
                    "recipient": recipient,
                    "optional": kind.optional,
                    "preferences_url": _absolute(reverse("reminder_preferences")),
                    **message.context,
                },
                language=language,
                attachments=message.attachments,
                headers=_headers(reminder),
            )
    except Exception as error:
        logger.exception("reminder %s could not be rendered", reminder_id)
        _finish(reminder_id, state=State.FAILED, last_error=_describe(error))
        return SendResult(State.FAILED)
    subject = email.subject[:300]
    if not kind.claim_target(reminder, now):
        _finish(reminder_id, state=State.SKIPPED, subject=subject, last_error=ALREADY_SENT)
        return SendResult(State.SKIPPED)
    try:
        email.send()
    except Exception as error:
        kind.release_target(reminder)
        if is_transient(error) and reminder.attempts < settings.REMINDER_MAX_ATTEMPTS:
            retry_in = backoff(reminder.attempts)
            # Back to pending; the task retries after `retry_in`, and the scan only if that retry is lost.
            _finish(
                reminder_id,
                state=State.PENDING,
                subject=subject,
                last_error=_describe(error),
                retry_at=now + timedelta(seconds=retry_in),
                enqueued_at=now,
            )
            return SendResult(State.PENDING, retry_in=retry_in)
        if not is_transient(error):
            logger.warning("reminder %s failed: %s", reminder_id, _describe(error))
        _finish(reminder_id, state=State.FAILED, subject=subject, last_error=_describe(error))
        return SendResult(State.FAILED)
    _finish(reminder_id, state=State.SENT, subject=subject, sent_at=timezone.now(), last_error="", retry_at=None)
    return SendResult(State.SENT)


def _absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _language_of(user, *, municipality=None):
    """The person's own choice, else the målform of the municipality the reminder is about (core.language);
    on the preferences page, else the language the person reads now. Loaded rows only: no query."""
    preference = getattr(user, "mail_preference", None)
    if preference is not None:
        return preference.language
    if municipality is not None:
        return municipality.language
    return translation.get_language() or settings.LANGUAGE_CODE


def _headers(reminder):
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "lederprogram"
    return {
        # The same reminder always has the same Message-ID, so a mail client shows a copy that
        # slipped through (a worker killed between the SMTP server's OK and our commit) only once.
        "Message-ID": f"<reminder-{reminder.pk}@{domain}>",
        # RFC 3834: no out-of-office replies to a machine.
        "Auto-Submitted": "auto-generated",
    }


# --- People's choices --------------------------------------------------------------------------


def reminder_preferences_of(user):
    """(kinds turned on among the optional ones that can reach the user, e-mail language)."""
    off = set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))
    on = [kind.key for kind in optional_kinds_for(user) if kind.key not in off]
    return on, _language_of(user)


@transaction.atomic
def reminder_preferences_set(*, user, enabled, language):
    """Turn the optional kinds in `enabled` on and the others the user is offered off; set the e-mail
    language. A choice about a kind the user is not offered (meant for a role they do not hold now) is
    kept as it was, so it still holds if they take that role on again."""
    offered = {kind.key for kind in optional_kinds_for(user)}
    unknown = set(enabled) - offered
    if unknown:
        raise ValueError(f"reminder kinds not offered to this user: {sorted(unknown)}")
    off = offered - set(enabled)
    ReminderOptOut.objects.filter(user=user, kind__in=offered - off).delete()
    ReminderOptOut.objects.bulk_create(
        [ReminderOptOut(user=user, kind=key) for key in sorted(off)], ignore_conflicts=True
    )
    off = set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))
    MailPreference.objects.update_or_create(user=user, defaults={"language": language})
    audit_log(actor=user, action="reminders.preferences_set", target=user, off=sorted(off), language=language)
