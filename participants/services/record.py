"""Writes on the participant record: job data and the assigned facilitator (one by one or in bulk)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_log
from participants.models import Participant
from participants.services.roster import BATCH_SIZE

# Keeps each IN (...) and INSERT well below SQLite's and PostgreSQL's parameter limits.

RECORD_FIELDS = ("job_title", "leader_level", "unit", "sector", "manager", "dietary_needs", "facilitator")


def _check_facilitator(programme, facilitator):
    if facilitator is not None and not programme.facilitators.filter(user=facilitator).exists():
        raise ValidationError({"facilitator": _("Choose one of the programme's facilitators.")})


def _facilitator_changed(*, participant, old, new, changed_by):
    """Audited on its own: the facilitator decides who reads the leader's profile and plan."""
    audit_log(
        actor=changed_by,
        action="participant.facilitator_changed",
        target=participant,
        municipality=participant.programme.municipality,
        old=old,
        new=new,
    )


@transaction.atomic
def participant_update(*, participant, updated_by, **fields):
    """HR changes a participant's job data and facilitator. The new facilitator sees the profile and
    plan from now on, the old one no longer (participants/rules.py reads `facilitator` each time)."""
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"not a record field: {sorted(unknown)}")
    programme = participant.programme
    if "facilitator" in fields:
        _check_facilitator(programme, fields["facilitator"])
    manager = fields.get("manager")
    if manager is not None:
        if manager.programme_id != programme.pk:
            raise ValidationError({"manager": _("The manager must be a participant in the same programme.")})
        if manager.pk == participant.pk:
            raise ValidationError({"manager": _("A person cannot be their own manager.")})
    old_facilitator = participant.facilitator_id
    changed = sorted(name for name, value in fields.items() if getattr(participant, name) != value)
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.full_clean()
    participant.save()
    if "facilitator" in changed:
        _facilitator_changed(
            participant=participant, old=old_facilitator, new=participant.facilitator_id, changed_by=updated_by
        )
    other = [name for name in changed if name != "facilitator"]
    if other:
        audit_log(
            actor=updated_by,
            action="participant.updated",
            target=participant,
            municipality=programme.municipality,
            fields=other,
        )
    return participant


@transaction.atomic
def participants_assign_facilitator(*, programme, participant_ids, facilitator, assigned_by):
    """Select many in the list → one facilitator (or none). Each real change is audited like a
    change on the record. Returns how many participants changed facilitator."""
    _check_facilitator(programme, facilitator)
    new = facilitator.pk if facilitator is not None else None
    participants = list(
        Participant.objects.select_for_update()
        .filter(programme=programme, pk__in=list(participant_ids))
        .exclude(facilitator_id=new)
        if new is not None
        else Participant.objects.select_for_update().filter(
            programme=programme, pk__in=list(participant_ids), facilitator__isnull=False
        )
    )
    for participant in participants:
        participant.programme = programme  # for the audit row's municipality, without a query each
        _facilitator_changed(participant=participant, old=participant.facilitator_id, new=new, changed_by=assigned_by)
        participant.facilitator_id = new
    Participant.objects.bulk_update(participants, ["facilitator"], batch_size=BATCH_SIZE)
    return len(participants)
