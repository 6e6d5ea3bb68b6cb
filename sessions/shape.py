"""Writes on a programme's shape: adding, removing and reordering its gatherings.

A programme has one or more core gatherings and, optionally, an extension of two to four. A
gathering's number is its place in the programme: core gatherings first (1..k), then the extension
(k+1..). Every change renumbers so that this holds, and the fixed case round ("Lederutfordringer
siden sist") follows the order: it is on every gathering from the second on, whatever that is.

A gathering can be removed only while nothing is recorded against it. What counts as a record is
found from the models themselves (every relation to a gathering or its runs), so an app that later
points at gatherings (evaluation, peer groups, plans) is covered without registering here. Only the
plan of the gathering itself does not count: its agenda, its runs and who is placed in them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from core.services import audit_log
from sessions.models import AgendaItem, Gathering, Run, RunAssignment
from sessions.services import agenda_ensure_case_round

# The gathering's own plan: removing the gathering removes these with it.
PLANNING = {AgendaItem, Run, RunAssignment}
# Far above any real number, so that renumbering never meets the unique (programme, number) on the way.
RENUMBER_OFFSET = 1000


def _relations(model):
    """(related model, field name) of every model row pointing at `model`, but the gathering's own plan."""
    return [
        (rel.related_model, rel.field.name)
        for rel in model._meta.related_objects
        if rel.related_model not in PLANNING and not rel.many_to_many
    ]


def gatherings_with_records(programme):
    """{gathering id: [what is recorded]} for the programme's gatherings that have records.

    One query per kind of record, however many gatherings: the shape page lists them all."""
    found = {}
    for model, field in _relations(Gathering):
        ids = model._base_manager.filter(**{f"{field}__programme": programme}).values_list(f"{field}_id", flat=True)
        for pk in set(ids):
            found.setdefault(pk, []).append(str(model._meta.verbose_name_plural))
    for model, field in _relations(Run):
        ids = model._base_manager.filter(**{f"{field}__gathering__programme": programme}).values_list(
            f"{field}__gathering_id", flat=True
        )
        for pk in set(ids):
            found.setdefault(pk, []).append(str(model._meta.verbose_name_plural))
    return found


def _ordered(programme):
    gatherings = list(programme.gatherings.all())
    core = [g for g in gatherings if g.kind == Gathering.Kind.CORE]
    extension = [g for g in gatherings if g.kind == Gathering.Kind.EXTENSION]
    key = lambda g: g.number  # noqa: E731
    return sorted(core, key=key) + sorted(extension, key=key)


def _renumber(programme, ordered):
    """Number `ordered` 1..n, move the case round after the order, and tell calendars what changed."""
    old = {g.pk: g.number for g in ordered}
    changed = [g for position, g in enumerate(ordered, start=1) if g.number != position]
    if changed:
        Gathering.objects.filter(pk__in=[g.pk for g in changed]).update(number=F("number") + RENUMBER_OFFSET)
        for position, gathering in enumerate(ordered, start=1):
            if gathering.number != position:
                gathering.number = position
                Gathering.objects.filter(pk=gathering.pk).update(number=position)
        # A run's calendar event says "<number>. <title>": a new number is a change clients must take.
        Run.objects.filter(gathering__in=changed).update(sequence=F("sequence") + 1)
    for gathering in ordered:
        if gathering.number == 1:
            # The first gathering has no "since last time"; the standing item moves on with the order.
            gathering.agenda.filter(is_case_round=True).delete()
        elif old[gathering.pk] == 1 or gathering.pk in getattr(programme, "_new_gathering_ids", ()):
            # Only a gathering that had no case round by rule gets one; one HR removed stays removed.
            agenda_ensure_case_round(gathering=gathering)
    return ordered


def _locked(programme):
    # Two HR users reshaping at once would race on the numbers: the programme row serialises them.
    return type(programme).objects.select_for_update().get(pk=programme.pk)


@transaction.atomic
def gathering_add(*, programme, added_by, kind=Gathering.Kind.CORE, title="", **fields):
    """Add a gathering at the end of its kind (a core one before the extension) and renumber."""
    _locked(programme)
    count = programme.gatherings.filter(kind=kind).count()
    if kind == Gathering.Kind.CORE and count >= Gathering.CORE_MAX:
        raise ValidationError(_("A programme has between 1 and %(max)s core gatherings.") % {"max": Gathering.CORE_MAX})
    if kind == Gathering.Kind.EXTENSION and count >= Gathering.EXTENSION_MAX:
        raise ValidationError(
            _("The extension can have at most %(max)s gatherings.") % {"max": Gathering.EXTENSION_MAX}
        )
    # Out of the way of both the real numbers and the offset ones while _renumber moves them.
    temporary = (programme.gatherings.aggregate(n=Max("number"))["n"] or 0) + 1 + 2 * RENUMBER_OFFSET
    gathering = Gathering(programme=programme, number=temporary, kind=kind, title=title or "-", **fields)
    gathering.full_clean()
    gathering.save()
    ordered = _ordered(programme)
    if not title:
        position = ordered.index(gathering) + 1
        gathering.title = _("Gathering %(number)s") % {"number": position}
        gathering.save(update_fields=["title"])
    programme._new_gathering_ids = {gathering.pk}
    _renumber(programme, ordered)
    gathering.refresh_from_db(fields=["number"])
    audit_log(actor=added_by, action="gathering.added", target=gathering, municipality=programme.municipality)
    return gathering


@transaction.atomic
def gathering_remove(*, gathering, removed_by):
    """Remove a gathering with nothing recorded against it; the ones after it move up."""
    programme = _locked(gathering.programme)
    records = gatherings_with_records(programme).get(gathering.pk)
    if records:
        raise ValidationError(
            _("Something is already recorded for this gathering (%(records)s), so it cannot be removed.")
            % {"records": ", ".join(records)}
        )
    siblings = programme.gatherings.filter(kind=gathering.kind).count()
    if gathering.kind == Gathering.Kind.CORE and siblings <= 1:
        raise ValidationError(_("A programme has at least one core gathering."))
    if gathering.kind == Gathering.Kind.EXTENSION and programme.extension_decided and siblings <= 2:
        raise ValidationError(
            _("The extension is decided with at least %(min)s gatherings.") % {"min": Gathering.EXTENSION_MIN}
        )
    audit_log(
        actor=removed_by,
        action="gathering.removed",
        target=gathering,
        municipality=programme.municipality,
        number=gathering.number,
        title=gathering.title,
    )
    gathering.delete()
    _renumber(programme, _ordered(programme))


@transaction.atomic
def gathering_move(*, gathering, moved_by, step):
    """Swap a gathering with its neighbour of the same kind (step -1: earlier, +1: later)."""
    programme = _locked(gathering.programme)
    ordered = _ordered(programme)
    same_kind = [g for g in ordered if g.kind == gathering.kind]
    index = next(i for i, g in enumerate(same_kind) if g.pk == gathering.pk)
    target = index + step
    if step not in (-1, 1) or not 0 <= target < len(same_kind):
        raise ValidationError(_("The gathering cannot be moved further that way."))
    same_kind[index], same_kind[target] = same_kind[target], same_kind[index]
    core = same_kind if gathering.kind == Gathering.Kind.CORE else [g for g in ordered if g.kind == "core"]
    extension = same_kind if gathering.kind == Gathering.Kind.EXTENSION else [g for g in ordered if g.kind != "core"]
    _renumber(programme, core + extension)
    audit_log(
        actor=moved_by,
        action="gathering.moved",
        target=gathering,
        municipality=programme.municipality,
        number=next(g.number for g in core + extension if g.pk == gathering.pk),
    )
    return gathering
