"""Programme templates: save a programme's shape, start a new programme from one, copy a cohort.

A template holds no people and no dates: each gathering sits at `offset_days` after the programme's
start, its runs at offsets after the gathering. Starting from a template proposes a date for each
gathering on a Norwegian working day (programmes/working_days.py), in order and never overlapping;
HR adjusts the dates before the programme is made, and on the gathering pages afterwards.

`create_programme_from_template` is also what a demo builder calls to set up a programme. It lives in
sessions, not programmes: a template is mostly gatherings, agenda and runs, and sessions is the layer
above programmes (the ProgrammeTemplate model and who sees it stay in programmes).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_log
from programmes.models import ProgrammeTemplate
from programmes.services import programme_create
from programmes.working_days import next_working_day
from sessions.models import AgendaItem, Gathering, Run
from sessions.services import CASE_ROUND_TITLE

# Apps above this one add what a template carries of theirs to `evaluation`: each callable takes a
# programme and returns a dict (the evaluation app registers the needs its survey asked to rank).
EVALUATION_CAPTURE = []


def _time(value):
    return datetime.time.fromisoformat(value) if isinstance(value, str) else value


def template_data_of(programme):
    """The template fields of an existing programme (nothing about its people), unsaved."""
    gatherings = list(programme.gatherings.prefetch_related("agenda", "runs").order_by("number"))
    rows = []
    for gathering in gatherings:
        runs = sorted(gathering.runs.all(), key=lambda r: r.number)
        # An undated gathering whose runs are dated sits where its first run is.
        start = gathering.start_date or min((r.date for r in runs), default=None)
        rows.append(
            {
                "title": gathering.title,
                "kind": gathering.kind,
                "days": gathering.days,
                "venue": gathering.venue,
                "goals": list(gathering.goals),
                "topics": list(gathering.topics),
                "offset_days": (start - programme.start_date).days if start else None,
                "agenda": [
                    {
                        "day": item.day,
                        "start_time": item.start_time.strftime("%H:%M"),
                        "title": item.title,
                        "learning_form": item.learning_form,
                        "responsible": item.responsible,
                        "is_case_round": item.is_case_round,
                    }
                    for item in gathering.agenda.all()
                ],
                "runs": [
                    {
                        "offset_days": (run.date - start).days if start else 0,
                        "start_time": run.start_time.strftime("%H:%M"),
                        "end_time": run.end_time.strftime("%H:%M"),
                        "venue": run.venue,
                        "capacity": run.capacity,
                    }
                    for run in runs
                ],
            }
        )
    evaluation = dict(programme.evaluation_settings)
    for capture in EVALUATION_CAPTURE:
        evaluation.update(capture(programme))
    return {
        "name": programme.name,
        "main_goal": programme.main_goal,
        "target_group": programme.target_group,
        "goals": [g.text for g in programme.goals.all()],
        "values": [v.name for v in programme.values.all()],
        "gatherings": rows,
        "evaluation": evaluation,
        "length_days": (programme.end_date - programme.start_date).days,
    }


@transaction.atomic
def template_save(*, programme, saved_by, name, description=""):
    """Save the programme as a template of its municipality."""
    data = template_data_of(programme)
    data["name"] = name
    template = ProgrammeTemplate.objects.create(
        municipality=programme.municipality, description=description, created_by=saved_by, **data
    )
    audit_log(
        actor=saved_by,
        action="programme.template_saved",
        target=template,
        municipality=programme.municipality,
        programme=programme.pk,
    )
    return template


@transaction.atomic
def template_update(*, template, updated_by, gatherings, needs, **fields):
    """A municipality's own template edited by its HR (TemplateEditForm's data). A built-in one is
    never changed."""
    if template.is_builtin:
        raise ValidationError(_("A built-in template cannot be changed or deleted."))
    allowed = ("name", "description", "main_goal", "target_group", "goals", "values", "length_days")
    for name in allowed:
        if name in fields:
            setattr(template, name, fields[name])
    template.gatherings = gatherings
    template.evaluation = {**(template.evaluation or {}), "needs": needs}
    template.save()
    audit_log(
        actor=updated_by, action="programme.template_updated", target=template, municipality=template.municipality
    )
    return template


@transaction.atomic
def template_delete(*, template, deleted_by):
    if template.is_builtin:
        raise ValidationError(_("A built-in template cannot be changed or deleted."))
    audit_log(
        actor=deleted_by, action="programme.template_deleted", target=template, municipality=template.municipality
    )
    template.delete()


def propose_dates(gatherings, start_date):
    """A start date per gathering: its offset from the programme start, moved on to the first run of
    working days long enough for it, and after the previous gathering. Undated rows spread a month apart."""
    proposals = []
    earliest = start_date
    for index, row in enumerate(gatherings):
        offset = row.get("offset_days")
        wanted = start_date + datetime.timedelta(days=offset if offset is not None else 30 * index)
        day = next_working_day(max(wanted, earliest), length=row.get("days", 1))
        proposals.append(day)
        earliest = day + datetime.timedelta(days=row.get("days", 1))
    return proposals


def _run_dates(row, gathering_date):
    """The runs' dates after the gathering's, each on a working day of its own."""
    dates, earliest = [], gathering_date
    for run in row.get("runs", []):
        wanted = gathering_date + datetime.timedelta(days=run.get("offset_days", 0))
        day = next_working_day(max(wanted, earliest), length=row.get("days", 1))
        dates.append(day)
        earliest = day + datetime.timedelta(days=row.get("days", 1))
    return dates


@transaction.atomic
def create_programme_from_template(
    *, template_data, municipality, created_by, name, start_date, dates=None, end_date=None, status=None
):
    """A new dated programme from a template's data (a ProgrammeTemplate's fields or a programme's own).

    `dates` are HR's dates for the gatherings in order (None: proposed). Runs are made only where the
    template has them and the gathering is dated; no participants, facilitators or groups are copied.
    """
    rows = template_data["gatherings"]
    dates = list(dates) if dates is not None else propose_dates(rows, start_date)
    if len(dates) != len(rows):
        raise ValidationError(_("Give one date for each gathering."))
    core_rows = [r for r in rows if r.get("kind", "core") == Gathering.Kind.CORE]
    extension_rows = [r for r in rows if r.get("kind") == Gathering.Kind.EXTENSION]
    if not core_rows:
        raise ValidationError(_("A template needs at least one core gathering."))
    if len(extension_rows) > Gathering.EXTENSION_MAX:
        raise ValidationError(
            _("The extension can have at most %(max)s gatherings.") % {"max": Gathering.EXTENSION_MAX}
        )
    end_date = end_date or start_date + datetime.timedelta(days=template_data.get("length_days") or 730)
    last = max(
        (d + datetime.timedelta(days=r.get("days", 1)) for d, r in zip(dates, rows, strict=True) if d), default=None
    )
    if last and end_date < last:
        end_date = last
    fields = {"status": status} if status else {}
    programme = programme_create(
        created_by=created_by,
        municipality=municipality,
        name=name,
        start_date=start_date,
        end_date=end_date,
        main_goal=template_data.get("main_goal") or name,
        target_group=template_data.get("target_group", ""),
        goals=template_data.get("goals", []),
        values=template_data.get("values", []),
        core_count=len(core_rows),
        evaluation_settings=dict(template_data.get("evaluation", {})),
        **fields,
    )
    # Core rows first, then the extension, as the numbers go; dates travel with their rows.
    dated = [(r, d) for r, d in zip(rows, dates, strict=True) if r.get("kind", "core") == Gathering.Kind.CORE]
    dated += [(r, d) for r, d in zip(rows, dates, strict=True) if r.get("kind") == Gathering.Kind.EXTENSION]
    core = list(programme.gatherings.order_by("number"))
    extension = [
        Gathering(programme=programme, number=len(core) + i, kind=Gathering.Kind.EXTENSION)
        for i in range(1, len(extension_rows) + 1)
    ]
    items, runs = [], []
    for gathering, (row, date) in zip(core + extension, dated, strict=True):
        gathering.title = row.get("title") or gathering.title
        gathering.days = row.get("days", 1)
        gathering.venue = row.get("venue", "")
        gathering.goals = list(row.get("goals", []))
        gathering.topics = list(row.get("topics", []))
        gathering.start_date = date
        gathering.full_clean(exclude=["programme"])
        if gathering.pk is None:
            gathering.save()
        else:
            gathering.save(update_fields=["title", "days", "venue", "goals", "topics", "start_date"])
        agenda = row.get("agenda", [])
        if agenda:
            # The template's agenda replaces the automatic one, case round included (it says where it goes).
            gathering.agenda.all().delete()
            for item in agenda:
                case_round = item.get("is_case_round", False) and gathering.number >= 2
                items.append(
                    AgendaItem(
                        gathering=gathering,
                        day=min(item.get("day", 1), gathering.days),
                        start_time=_time(item["start_time"]),
                        title=item["title"] if not item.get("is_case_round") else CASE_ROUND_TITLE,
                        learning_form=item.get("learning_form", AgendaItem.LearningForm.THEORY),
                        responsible=item.get("responsible", ""),
                        is_case_round=case_round,
                    )
                )
        elif gathering.number >= 2 and not gathering.agenda.filter(is_case_round=True).exists():
            from sessions.services import agenda_ensure_case_round

            agenda_ensure_case_round(gathering=gathering)
        if date is not None:
            for number, (run, run_date) in enumerate(
                zip(row.get("runs", []), _run_dates(row, date), strict=True), start=1
            ):
                runs.append(
                    Run(
                        gathering=gathering,
                        number=number,
                        date=run_date,
                        start_time=_time(run["start_time"]),
                        end_time=_time(run["end_time"]),
                        venue=run.get("venue") or gathering.venue or municipality.name,
                        capacity=run.get("capacity", 100),
                    )
                )
    AgendaItem.objects.bulk_create(items)
    Run.objects.bulk_create(runs)
    audit_log(
        actor=created_by,
        action="programme.created_from_template",
        target=programme,
        municipality=municipality,
        template=template_data.get("key") or template_data.get("pk") or "",
    )
    return programme


def template_fields(template):
    """A ProgrammeTemplate as the data create_programme_from_template takes."""
    return {
        "pk": template.pk,
        "key": template.key or "",
        "name": template.name,
        "main_goal": template.main_goal,
        "target_group": template.target_group,
        "goals": template.goals,
        "values": template.values,
        "gatherings": template.gatherings,
        "evaluation": template.evaluation,
        "length_days": template.length_days,
    }


def programme_copy_as_next_cohort(*, programme, created_by, name, start_date, dates=None):
    """The next cohort: the same shape, goals, agenda and evaluation settings, new dates, no people."""
    return create_programme_from_template(
        template_data=template_data_of(programme),
        municipality=programme.municipality,
        created_by=created_by,
        name=name,
        start_date=start_date,
        dates=dates,
    )


def builtins_ensure():
    """Write the built-in templates as their data migration does (idempotent): for a database that
    was flushed after migrating (transactional tests) and for demo builders."""
    import importlib

    from django.apps import apps

    importlib.import_module("programmes.migrations.0006_builtin_templates").add_builtins(apps, None)
