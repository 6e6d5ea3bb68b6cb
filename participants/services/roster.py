"""Writes on the roster: importing HR's list all or nothing, inviting everyone not yet invited, the export.

An import creates users without a usable password and their participations, but sends nothing:
HR checks the list first, then invites everyone in one action, which e-mails them from one task.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Invitation, User
from core.services import audit_log
from core.tasks import enqueue
from participants import importers
from participants.exports import participants_workbook
from participants.models import Participant
from participants.selectors import participants_of, participants_to_invite
from participants.tasks import send_invitations
from programmes.models import Programme

# Keeps each IN (...) and INSERT well below SQLite's and PostgreSQL's parameter limits.

BATCH_SIZE = 500


def _chunks(items, size=BATCH_SIZE):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _users_by_email(emails):
    users = {}
    for chunk in _chunks(sorted(emails)):
        users.update({user.email: user for user in User.objects.filter(email__in=chunk)})
    return users


def _lock_programme(programme):
    """Serialises imports and bulk invitations into one programme (a row lock on PostgreSQL)."""
    Programme.objects.select_for_update().filter(pk=programme.pk).exists()


def participants_import(*, programme, imported_by, sheet, home_municipality=None):
    """Create every participant in `sheet`, or none: the rows are checked again inside the transaction.

    Raises ValidationError with the row messages when the rows no longer pass (someone added one of
    them meanwhile), or when a concurrent import of the same people won the race.
    """
    try:
        with transaction.atomic():
            return _import(
                programme=programme, imported_by=imported_by, sheet=sheet, home_municipality=home_municipality
            )
    except IntegrityError as error:
        raise ValidationError(
            _("The participant list changed while the file was imported. Nothing was imported; try again.")
        ) from error


def _import(*, programme, imported_by, sheet, home_municipality=None):
    _lock_programme(programme)
    rows = importers.validate(sheet=sheet, programme=programme)
    users = _users_by_email(row.email for row in rows)
    new_users = []
    for row in rows:
        if row.email not in users:
            user = User(email=row.email, first_name=row.first_name, last_name=row.last_name)
            user.set_unusable_password()
            new_users.append(user)
    User.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
    users = _users_by_email(row.email for row in rows)
    facilitators = _users_by_email(row.facilitator_email for row in rows if row.facilitator_email)
    Participant.objects.bulk_create(
        [
            Participant(
                programme=programme,
                user=users[row.email],
                job_title=row.job_title,
                leader_level=row.leader_level,
                unit=row.unit,
                sector=row.sector,
                dietary_needs=row.dietary_needs,
                facilitator=facilitators.get(row.facilitator_email),
                # A network programme's leader comes from the importing HR's municipality.
                home_municipality=home_municipality,
            )
            for row in rows
        ],
        batch_size=BATCH_SIZE,
    )
    # Managers point at participants that exist only now (or were in the programme already).
    by_email = {p.user.email: p for p in Participant.objects.filter(programme=programme).select_related("user")}
    managed = []
    for row in rows:
        if row.manager_email:
            participant = by_email[row.email]
            participant.manager = by_email[row.manager_email]
            managed.append(participant)
    Participant.objects.bulk_update(managed, ["manager"], batch_size=BATCH_SIZE)
    audit_log(
        actor=imported_by,
        action="participants.imported",
        target=programme,
        municipality=programme.municipality or home_municipality,
        count=len(rows),
    )
    return [by_email[row.email] for row in rows]


@transaction.atomic
def participants_invite_all(*, programme, invited_by, base_url=None, home_municipality=None):
    """Invite, in one go, every participant who has no password and no invitation they can still accept.

    The invitations are created here and sent by one task after the commit; `invitation_send` claims
    each one before sending, so a retried task sends nothing twice. A second call invites nobody new.
    """
    _lock_programme(programme)
    participants = participants_to_invite(programme)
    if home_municipality is not None:
        # A network programme: a member municipality's HR invites the leaders it sent, no one else.
        participants = participants.filter(home_municipality=home_municipality)
    participants = list(participants)
    if not participants:
        return []
    now = timezone.now()
    expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                email=participant.user.email,
                first_name=participant.user.first_name,
                last_name=participant.user.last_name,
                role=Invitation.Role.PARTICIPANT,
                municipality_id=programme.municipality_id or home_municipality.pk,
                programme=programme,
                invited_by=invited_by,
                nonce=secrets.token_hex(16),
                created_at=now,
                expires_at=expires_at,
            )
            for participant in participants
        ],
        batch_size=BATCH_SIZE,
    )
    ids = [invitation.pk for invitation in invitations]
    audit_log(
        actor=invited_by,
        action="participants.invited",
        target=programme,
        municipality=programme.municipality or home_municipality,
        count=len(ids),
    )
    # With Redis away the request still succeeds: the reminder scan sends what never left.
    transaction.on_commit(lambda: enqueue(send_invitations, ids, base_url))
    return invitations


def participants_export(*, programme, exported_by):
    """The participant list as an .xlsx file's bytes; who downloaded it is recorded."""
    participants = list(participants_of(programme).select_related("manager__user"))  # the workbook names managers
    content = participants_workbook(participants)
    audit_log(
        actor=exported_by,
        action="participants.exported",
        target=programme,
        municipality=programme.municipality,
        count=len(participants),
    )
    return content
