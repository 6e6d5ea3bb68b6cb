"""The data subject's rights and the retention rule (GDPR art. 15, 17, 20 and 5(1)(e)).

- `personal_data(user)` is everything the service holds about one person, and nothing about anyone
  else; `personal_data_export` packs it (with their uploaded profile reports) as a zip and audits it.
- `person_erase` is HR's erasure of one person's working material in their municipality, and of the
  account itself when the person holds no role anywhere else.
- `programme_material_erase` removes a whole programme's working material; `material_purge_expired`
  does it for every programme that ended more than RETENTION_DAYS_AFTER_PROGRAMME_END days ago.

What must be kept stays: that a person took part in a programme (the Participant row, without the
free-text fields), their attendance, their peer-group membership and which meetings they came to.
Evaluation answers are not touched: they are stored without any link to a person.

Core holds the account, its roles, reminders and audit rows, and the registries below; each app
adds its own rows in its gdpr.py (participants, sessions, peergroups, evaluation, programmes), so
that the rule for an app's data sits beside its models. Audit rows hold no content by design; the
two kinds that can hold something a person wrote or typed (a failed login's e-mail address, the
reason HR gave for moving a member) are scrubbed too.
"""

import functools
import io
import json
import operator
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import (
    AuditEvent,
    CalendarFeed,
    Invitation,
    MailPreference,
    MunicipalityRole,
    Reminder,
    ReminderOptOut,
    User,
)
from core.registry import Registry
from core.roles import forget_roles
from core.services import audit_log

FORMAT = "lederprogram-personal-data/1"
JSON_NAME = "mine-data.json"
REPORTS_DIR = "profilrapporter"

# What the apps contribute (core/registry.py). Each part is a function; see the Export and Erasure below.
# fn(export): adds the app's keys to export.data or to each of export.participations.
EXPORT_PARTS = Registry("Mine data parts")
# fn(user, archive): writes the person's files into the zip beside mine-data.json.
EXPORT_FILES = Registry("Mine data files")
# fn(erasure): deletes or empties the person's rows in erasure.municipality; adds to erasure.rows/scrubbed.
PERSON_ERASE_PARTS = Registry("person erasure parts")
# fn(user, municipality) -> bool: the person holds a role outside `municipality`, so the account stays.
ROLES_ELSEWHERE = Registry("roles elsewhere")
# fn(erasure): empties erasure.programme's working material; adds to erasure.rows/scrubbed.
PROGRAMME_ERASE_PARTS = Registry("programme erasure parts")
# fn(today=) -> int: the retention rule, rows changed.
EXPIRED_MATERIAL = Registry("retention purges")


@dataclass
class Export:
    """One person's export while it is built. The participants' part runs first and fills
    `participants` (their Participant rows) and `participations` (id -> that participation's dict in
    data["participations"]); the later parts add to those dicts. `reads` are Q objects of audit rows
    in which someone else read this person's data (the law gives them that)."""

    user: object
    data: dict
    participants: list = field(default_factory=list)
    participations: dict = field(default_factory=dict)
    reads: list = field(default_factory=list)


@dataclass
class Erasure:
    """One erasure (of a person in a municipality, or of a programme's material) while it runs. The
    participants' part runs first and sets `participants`: the participations the later parts erase."""

    user: object = None
    municipality: object = None
    programme: object = None
    participants: object = ()
    rows: int = 0
    scrubbed: int = 0


def _dt(value):
    return timezone.localtime(value).isoformat() if value else None


def _d(value):
    return value.isoformat() if value else None


def _t(value):
    return value.strftime("%H:%M") if value else None


def _by_participant(rows, key="participant_id"):
    grouped = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


# --- The export (right of access and to data portability) -----------------------------------------


def personal_data(user):
    """Everything about `user`, as plain JSON-ready data. A fixed number of queries, however much there is.

    Names of other people appear in one place only: who read your profile, plan or cases (the law
    gives you that). Other members' cases, other participants' data and evaluation answers never do.
    """
    export = Export(
        user=user,
        data={
            "format": FORMAT,
            "about": _(
                "Everything this service stores about you. Evaluation answers are not here: they are stored "
                "without any link to you, so nobody (not even the service) can tell which answers are yours. "
                "'evaluations_answered' only says which surveys you have answered."
            ),
            "user": {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "date_joined": _dt(user.date_joined),
                "last_login": _dt(user.last_login),
            },
            "municipality_roles": [
                {"municipality": r.municipality.name, "role": r.role, "since": _dt(r.created_at)}
                for r in MunicipalityRole.objects.filter(user=user).select_related("municipality").order_by("pk")
            ],
        },
    )
    for part in EXPORT_PARTS:
        part(export)

    own_actions = AuditEvent.objects.filter(actor=user).order_by("created_at", "pk")
    # No part, no reads: an empty filter() would match every row.
    reads = (
        AuditEvent.objects.filter(functools.reduce(operator.or_, export.reads))
        .exclude(actor=user)
        .select_related("actor")
        .order_by("created_at", "pk")
        if export.reads
        else AuditEvent.objects.none()
    )
    failed_logins = AuditEvent.objects.filter(
        action="auth.login_failed", target_type="core.User", target_id=str(user.pk)
    ).order_by("created_at", "pk")

    export.data.update(
        {
            "reminders": [
                {
                    "kind": r.kind,
                    "subject": r.subject,
                    "state": r.state,
                    "created_at": _dt(r.created_at),
                    "sent_at": _dt(r.sent_at),
                }
                for r in Reminder.objects.filter(recipient=user).order_by("created_at", "pk")
            ],
            "audit": {
                # What you did: the kind of action and on what, never details that may concern others.
                "your_actions": [
                    {
                        "action": e.action,
                        "target_type": e.target_type,
                        "target_id": e.target_id,
                        "at": _dt(e.created_at),
                    }
                    for e in own_actions
                ],
                "failed_logins_to_your_account": [
                    {"at": _dt(e.created_at), "ip": e.detail.get("ip")} for e in failed_logins
                ],
                "reads_of_your_data": [
                    {"by": str(e.actor) if e.actor else None, "action": e.action, "at": _dt(e.created_at)}
                    for e in reads
                ],
            },
        }
    )
    return export.data


def personal_data_export(*, user):
    """The zip a person downloads: mine-data.json (UTF-8, indented) and their uploaded profile reports."""
    data = personal_data(user)
    data["exported_at"] = _dt(timezone.now())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, json.dumps(data, ensure_ascii=False, indent=2))
        for write_files in EXPORT_FILES:
            write_files(user, archive)
    audit_log(actor=user, action="gdpr.exported", target=user)
    return buffer.getvalue()


# --- Erasure ----------------------------------------------------------------------------------------


def erasable_people(municipality):
    """Whom a municipality's HR may erase: the people holding a role in it or its programmes."""
    from core.selectors import people_of_municipality

    return people_of_municipality(municipality)


def _holds_roles_elsewhere(user, municipality):
    return MunicipalityRole.objects.filter(user=user).exclude(municipality=municipality).exists() or any(
        holds(user, municipality) for holds in ROLES_ELSEWHERE
    )


@transaction.atomic
def person_erase(*, user, municipality, erased_by):
    """Erase one person's working material in `municipality`, and anonymise the account when the person
    holds no role in another municipality (else that municipality, a controller of its own, keeps it).

    Kept: the participations (without free text), attendance, peer-group membership and meetings
    attended. Returns whether the account was anonymised. The audit row names the user id only.
    """
    from django.core.exceptions import ValidationError

    if user.pk == erased_by.pk:
        raise ValidationError(_("You cannot erase yourself."))
    user = User.objects.select_for_update().get(pk=user.pk)
    erasure = Erasure(user=user, municipality=municipality)
    for part in PERSON_ERASE_PARTS:
        part(erasure)
    count, scrubbed = erasure.rows, erasure.scrubbed
    MunicipalityRole.objects.filter(user=user, municipality=municipality).delete()

    anonymised = not _holds_roles_elsewhere(user, municipality)
    old_email = user.email
    invitations = Invitation.objects.filter(email=old_email)
    reminders = Reminder.objects.filter(recipient=user)
    if not anonymised:
        invitations = invitations.filter(municipality=municipality)
        reminders = reminders.filter(municipality=municipality)
    placeholder = f"slettet-{user.pk}@slettet.invalid"
    invitations.update(email=placeholder, first_name="", last_name="")
    count += reminders.delete()[0]
    if anonymised:
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        user.first_name = _("Erased person")
        user.last_name = ""
        user.email = placeholder
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        CalendarFeed.objects.filter(user=user).delete()
        ReminderOptOut.objects.filter(user=user).delete()
        MailPreference.objects.filter(user=user).delete()
        # A failed login's row keeps the address that was typed: it is the person's, and goes.
        for event in AuditEvent.objects.filter(
            action="auth.login_failed", target_type="core.User", target_id=str(user.pk), detail__has_key="email"
        ):
            event.detail.pop("email")
            event.save(update_fields=["detail"])
            scrubbed += 1
    forget_roles(user)
    audit_log(
        actor=erased_by,
        action="gdpr.person_erased",
        target_type="core.User",
        target_id=str(user.pk),
        municipality=municipality,
        rows=count,
        audit_rows_scrubbed=scrubbed,
        account_anonymised=anonymised,
    )
    return anonymised


@transaction.atomic
def programme_material_erase(*, programme, erased_by=None):
    """Remove a programme's working material and keep the record of who took part and who came.

    Gone: profiles (with files), feedback, plans with every version, check-in and comment, notices,
    the free text of baselines and the text of every case (title, situation ... follow-up) and of
    meeting summaries. Kept: participants, attendance, groups and meetings, baseline ratings and case
    themes (the programme's aggregate results are made from them). Running it again changes nothing;
    the audit row is written when something changed or a person asked for it.
    """
    erasure = Erasure(programme=programme)
    for part in PROGRAMME_ERASE_PARTS:
        part(erasure)
    count, scrubbed = erasure.rows, erasure.scrubbed
    if count or scrubbed or erased_by is not None:
        audit_log(
            actor=erased_by,
            action="gdpr.programme_material_erased",
            target=programme,
            municipality=programme.municipality,
            rows=count,
            audit_rows_scrubbed=scrubbed,
        )
    return count + scrubbed


def material_purge_expired(*, today=None):
    """Daily (Celery beat, or `manage.py purge_expired_material`): erase the working material of every
    programme that ended more than RETENTION_DAYS_AFTER_PROGRAMME_END days ago (programmes/gdpr.py). Idempotent."""
    today = today or timezone.localdate()
    return sum(purge(today=today) for purge in EXPIRED_MATERIAL)
