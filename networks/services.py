"""Writes for network programmes: panels and pairs (the organiser's), theme days (each municipality's)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_log
from networks import composition
from networks.models import Composition, CompositionMember, ThemeDay
from participants.models import Participant


def _people(programme):
    rows = Participant.objects.filter(programme=programme).order_by("pk")
    for p in rows:
        p.municipality = p.home_municipality_id
    return list(rows)


@transaction.atomic
def composition_create(*, programme, kind, title, gathering=None, created_by, seed=0):
    """A panel (one per municipality, not the project leader) or a round of cross-municipal pairs."""
    people = _people(programme)
    if kind == Composition.Kind.PANEL:
        groups = [composition.pick_panel(people, seed=seed)]
    elif kind == Composition.Kind.PAIRS:
        groups = composition.pair_across(people, seed=seed)
    else:
        raise ValidationError(_("Choose a panel or pairs."))
    if not any(groups):
        raise ValidationError(_("No participants to choose from yet."))
    made = Composition.objects.create(
        programme=programme, gathering=gathering, kind=kind, title=title, created_by=created_by
    )
    CompositionMember.objects.bulk_create(
        CompositionMember(composition=made, participant=p, group=0 if kind == Composition.Kind.PANEL else n)
        for n, group in enumerate(groups, start=1)
        for p in group
    )
    audit_log(actor=created_by, action="network.composed", target=made, kind=kind)
    return made


@transaction.atomic
def theme_day_plan(*, programme, municipality, created_by, **fields):
    day = ThemeDay.objects.create(programme=programme, municipality=municipality, created_by=created_by, **fields)
    audit_log(actor=created_by, action="theme_day.planned", target=day, municipality=municipality)
    return day


@transaction.atomic
def theme_day_mark_held(*, day, by):
    day.held = True
    day.save(update_fields=["held"])
    audit_log(actor=by, action="theme_day.held", target=day, municipality=day.municipality)
    return day
