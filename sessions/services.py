"""Writes on gatherings: editing one, adding the extension's gatherings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.services import audit_log
from sessions.models import Gathering


@transaction.atomic
def gathering_update(*, gathering, updated_by, **fields):
    for name, value in fields.items():
        setattr(gathering, name, value)
    gathering.full_clean()
    gathering.save()
    audit_log(
        actor=updated_by, action="gathering.updated", target=gathering, municipality=gathering.programme.municipality
    )
    return gathering


@transaction.atomic
def extension_gathering_add(*, programme, added_by, **fields):
    """Add an extension gathering, numbered after the last one; at most four."""
    # Lock the programme so that two HR users adding at once cannot pass the limit together.
    type(programme).objects.select_for_update().get(pk=programme.pk)
    count = programme.gatherings.filter(kind=Gathering.Kind.EXTENSION).count()
    if count >= Gathering.EXTENSION_MAX:
        raise ValidationError(
            _("The extension can have at most %(max)s gatherings.") % {"max": Gathering.EXTENSION_MAX}
        )
    number = (programme.gatherings.aggregate(n=Max("number"))["n"] or 0) + 1
    gathering = Gathering(programme=programme, number=number, kind=Gathering.Kind.EXTENSION, **fields)
    gathering.full_clean()
    gathering.save()
    audit_log(actor=added_by, action="gathering.added", target=gathering, municipality=programme.municipality)
    return gathering
