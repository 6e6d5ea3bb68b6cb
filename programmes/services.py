"""Writes on programmes: creation with its core gatherings (four unless HR says otherwise), edits, the
extension decision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_log
from programmes.models import ExtensionDecision, Programme, ProgrammeGoal, ProgrammeValue
from sessions.models import Gathering
from sessions.services import agenda_ensure_case_round


def _sync_rows(*, model, programme, field, texts):
    """Make the programme's rows match `texts` in order, keeping rows whose text is unchanged.

    Kept rows keep their ids, so whatever points at a goal or value stays linked.
    """
    existing = {getattr(row, field): row for row in model.objects.filter(programme=programme)}
    keep = []
    for position, text in enumerate(texts):
        row = existing.pop(text, None)
        if row is None:
            row = model.objects.create(programme=programme, position=position, **{field: text})
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])
        keep.append(row.pk)
    model.objects.filter(programme=programme).exclude(pk__in=keep).delete()


def _check_period(start_date, end_date):
    if end_date <= start_date:
        raise ValidationError({"end_date": _("The end date must be after the start date.")})


@transaction.atomic
def programme_create(*, created_by, municipality, goals=(), values=(), core_count=Gathering.CORE_COUNT, **fields):
    _check_period(fields["start_date"], fields["end_date"])
    if not 1 <= core_count <= Gathering.CORE_MAX:
        raise ValidationError(
            {"core_count": _("A programme has between 1 and %(max)s core gatherings.") % {"max": Gathering.CORE_MAX}}
        )
    programme = Programme.objects.create(municipality=municipality, **fields)
    _sync_rows(model=ProgrammeGoal, programme=programme, field="text", texts=goals)
    _sync_rows(model=ProgrammeValue, programme=programme, field="name", texts=values)
    gatherings = Gathering.objects.bulk_create(
        Gathering(programme=programme, number=n, title=_("Gathering %(number)s") % {"number": n})
        for n in range(1, core_count + 1)
    )
    for gathering in gatherings:
        agenda_ensure_case_round(gathering=gathering)
    audit_log(actor=created_by, action="programme.created", target=programme, municipality=municipality)
    return programme


@transaction.atomic
def programme_update(*, programme, updated_by, goals, values, **fields):
    _check_period(fields.get("start_date", programme.start_date), fields.get("end_date", programme.end_date))
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.save()
    _sync_rows(model=ProgrammeGoal, programme=programme, field="text", texts=goals)
    _sync_rows(model=ProgrammeValue, programme=programme, field="name", texts=values)
    audit_log(actor=updated_by, action="programme.updated", target=programme, municipality=programme.municipality)
    return programme


@transaction.atomic
def extension_decide(
    *,
    programme,
    recorded_by,
    run_extension,
    decided_on,
    decided_by,
    rationale,
    decision_body="",
    reference="",
    override_reason="",
):
    """Record the decision on the extension; extension gatherings are active only after a yes.

    A yes covers the extension gatherings HR has added, which must be between two and four.
    Whether the evidence is there (the evaluation published) is the evaluation app's to judge:
    `evaluation.decision.extension_decide` checks it and then calls this.
    """
    count = programme.gatherings.filter(kind=Gathering.Kind.EXTENSION).count()
    if run_extension and count < Gathering.EXTENSION_MIN:
        raise ValidationError(
            _("Add the extension's gatherings (at least %(min)s) before deciding to run it.")
            % {"min": Gathering.EXTENSION_MIN}
        )
    decision, _created = ExtensionDecision.objects.update_or_create(
        programme=programme,
        defaults={
            "run_extension": run_extension,
            "gathering_count": count if run_extension else 0,
            "decided_on": decided_on,
            "decided_by": decided_by,
            "decision_body": decision_body,
            "reference": reference,
            "rationale": rationale,
            "override_reason": override_reason,
            "recorded_by": recorded_by,
        },
    )
    programme.extension_decision = decision
    audit_log(
        actor=recorded_by,
        action="programme.extension_decided",
        target=programme,
        municipality=programme.municipality,
        run_extension=run_extension,
        decided_by=decided_by.pk if decided_by else None,
        on_behalf=bool(decided_by and decided_by.pk != recorded_by.pk),
        reference=reference,
        override=bool(override_reason),
    )
    return decision
