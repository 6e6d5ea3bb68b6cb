"""Reading HR's participant list (.xlsx or .csv) and checking every row against the programme.

Nothing here writes. A file goes through three steps: `read_table` (import_files.py) turns the upload
into rows of text (refusing unsafe or oversized files before any parser sees them), `sheet_from_table` finds
the columns we know, and `validate` checks each row and returns the people to create, or raises
one ValidationError listing every bad row. `services.participants_import` runs `validate` again
inside its transaction, on the `Sheet` kept in the session, so what is written is what was checked.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from participants.import_files import read_table
from participants.models import Participant

# The fields a row may carry, in the order a Sheet keeps its values.
FIELDS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "leader_level",
    "unit",
    "sector",
    "manager_email",
    "dietary_needs",
    "facilitator_email",
)

# Headers as HR writes them (compared lower-cased, white space folded), Norwegian and English.
HEADERS = {
    "name": {"navn", "fullt navn", "name", "full name"},
    "first_name": {"fornavn", "first name", "firstname", "given name"},
    "last_name": {"etternavn", "last name", "lastname", "surname", "family name"},
    "email": {"e-post", "epost", "e-postadresse", "epostadresse", "e-mail", "email", "e-mail address", "email address"},
    "job_title": {"stilling", "stillingstittel", "tittel", "job title", "title", "position"},
    "leader_level": {"ledernivå", "ledernivaa", "leader level", "level"},
    "unit": {"enhet", "unit"},
    "sector": {"sektor", "sector"},
    "manager_email": {
        "leders e-post",
        "leders epost",
        "leder e-post",
        "nærmeste leders e-post",
        "manager's e-mail",
        "manager's email",
        "manager e-mail",
        "manager email",
    },
    "dietary_needs": {
        "kosthold",
        "allergier og kosthold",
        "allergier",
        "dietary needs",
        "diet",
        "allergies and dietary needs",
    },
    # The facilitator (prosessveileder) assigned to the leader: one of the programme's facilitators.
    "facilitator_email": {
        "prosessveileder",
        "prosessveileders e-post",
        "prosessveileder e-post",
        "veileder",
        "veileders e-post",
        "facilitator",
        "facilitator's e-mail",
        "facilitator's email",
        "facilitator e-mail",
        "facilitator email",
    },
}
FIELD_OF_HEADER = {header: name for name, headers in HEADERS.items() for header in headers}

# Leader levels as HR writes them; the Norwegian labels are the ones the municipalities use.
LEADER_LEVELS = {
    "strategisk leder": Participant.LeaderLevel.STRATEGIC,
    "strategisk": Participant.LeaderLevel.STRATEGIC,
    "strategic leader": Participant.LeaderLevel.STRATEGIC,
    "strategic": Participant.LeaderLevel.STRATEGIC,
    "enhetsleder": Participant.LeaderLevel.UNIT,
    "unit leader": Participant.LeaderLevel.UNIT,
    "unit": Participant.LeaderLevel.UNIT,
    "avdelingsleder": Participant.LeaderLevel.DEPARTMENT,
    # Bergen's word for a unit leader, and the nynorsk forms a nynorsk municipality's list uses.
    "driftsenhetsleder": Participant.LeaderLevel.UNIT,
    "strategisk leiar": Participant.LeaderLevel.STRATEGIC,
    "einingsleiar": Participant.LeaderLevel.UNIT,
    "driftseiningsleiar": Participant.LeaderLevel.UNIT,
    "avdelingsleiar": Participant.LeaderLevel.DEPARTMENT,
    "department leader": Participant.LeaderLevel.DEPARTMENT,
    "department": Participant.LeaderLevel.DEPARTMENT,
}

# Longest text each field may hold (the model's columns).
MAX_LENGTHS = {
    "first_name": 150,
    "last_name": 150,
    "email": 254,
    "job_title": Participant._meta.get_field("job_title").max_length,
    "unit": Participant._meta.get_field("unit").max_length,
    "sector": Participant._meta.get_field("sector").max_length,
    "dietary_needs": Participant._meta.get_field("dietary_needs").max_length,
}


@dataclass
class Sheet:
    """The columns of HR's file that we recognise, and its non-blank rows as text.

    Small enough for the session: only known columns are kept, as lists, not dicts.
    """

    columns: dict  # field -> (position in the file, header as written there)
    records: list  # [row number as the spreadsheet shows it, *values in FIELDS order]
    ignored: list = field(default_factory=list)  # headers we do not use

    def to_dict(self):
        return {"columns": self.columns, "records": self.records, "ignored": self.ignored}

    @classmethod
    def from_dict(cls, data):
        return cls(
            columns={name: tuple(where) for name, where in data["columns"].items()},
            records=data["records"],
            ignored=data["ignored"],
        )


@dataclass(frozen=True)
class ParsedRow:
    row: int
    email: str
    first_name: str
    last_name: str
    job_title: str
    leader_level: str
    unit: str
    sector: str
    manager_email: str
    dietary_needs: str
    facilitator_email: str = ""


def parse_upload(upload, programme):
    """The Sheet and its checked rows, or a ValidationError with every problem in the file."""
    sheet = sheet_from_table(read_table(upload))
    return sheet, validate(sheet=sheet, programme=programme)


def _normalise_header(text):
    text = " ".join(text.replace("\u2019", "'").replace("_", " ").lower().split())
    return text.strip(" *:")


def sheet_from_table(rows):
    if not rows:
        raise ValidationError(_("The file is empty."))
    (_header_row, header), data = rows[0], rows[1:]
    columns, ignored = {}, []
    for position, text in enumerate(header):
        if not text:
            continue
        name = FIELD_OF_HEADER.get(_normalise_header(text))
        if name is None:
            ignored.append(text)
        elif name in columns:
            raise ValidationError(_("The column «%(column)s» appears more than once.") % {"column": text})
        else:
            columns[name] = (position, text)
    if "email" not in columns:
        raise ValidationError(_("The file has no column for the e-mail address (E-post)."))
    if "name" not in columns and "first_name" not in columns:
        raise ValidationError(_("The file has no column for the name (Navn, or Fornavn and Etternavn)."))
    if not data:
        raise ValidationError(_("The file has no participants."))
    records = []
    for number, cells in data:
        cells = cells + [""] * (len(header) - len(cells))
        values = [cells[columns[name][0]] if name in columns else "" for name in FIELDS]
        if any(values):
            records.append([number, *values])
    if not records:
        raise ValidationError(_("The file has no participants."))
    return Sheet(columns=columns, records=records, ignored=ignored)


# Checking the rows ---------------------------------------------------------------------------


def _split_name(full_name):
    """'Kari Anne Hansen' -> ('Kari Anne', 'Hansen'); 'Hansen, Kari Anne' -> ('Kari Anne', 'Hansen')."""
    if "," in full_name:
        last, first = (part.strip() for part in full_name.split(",", 1))
        return first, last
    parts = full_name.split()
    if len(parts) < 2:
        return full_name, ""
    return " ".join(parts[:-1]), parts[-1]


def _is_email(value):
    if len(value) > MAX_LENGTHS["email"]:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def validate(*, sheet, programme):
    """The rows to create, or a ValidationError with one Norwegian message per bad row and column."""
    columns = sheet.columns
    errors = []

    def error(row, name, message, **params):
        position, header = columns[name]
        problem = message % params if params else message
        text = _("Row %(row)s, %(column)s: %(problem)s") % {"row": row, "column": header, "problem": problem}
        errors.append((row, position, text))

    existing = set(Participant.objects.filter(programme=programme).values_list("user__email", flat=True).order_by())
    # Asked only when the file has the column: most files do not, and the preview runs on every step.
    facilitators = (
        set(programme.facilitators.values_list("user__email", flat=True).order_by())
        if "facilitator_email" in columns
        else set()
    )
    first_row_of = {}
    parsed = []
    for record in sheet.records:
        # A preview kept in the session from before a column was added lacks it: blank.
        row, values = record[0], dict(zip(FIELDS, [*record[1:], *[""] * (len(FIELDS) - len(record) + 1)], strict=True))
        email_text = values["email"]
        email = email_text.lower()
        if not email_text:
            error(row, "email", _("the e-mail address is missing."))
        elif not _is_email(email):
            error(row, "email", _("«%(value)s» is not a valid e-mail address."), value=email_text)
        elif email in first_row_of:
            first = first_row_of[email]
            error(row, "email", _("«%(value)s» also appears in row %(first)s."), value=email_text, first=first)
        elif email in existing:
            error(row, "email", _("«%(value)s» is already a participant in this programme."), value=email_text)
        if email and email not in first_row_of:
            first_row_of[email] = row

        name_column = "name" if "name" in columns else "first_name"
        first_name, last_name = values["first_name"], values["last_name"]
        if values["name"] and not (first_name or last_name):
            first_name, last_name = _split_name(values["name"])
        if not (first_name or last_name):
            error(row, name_column, _("the name is missing."))
        for name, value in (("first_name", first_name), ("last_name", last_name)):
            if len(value) > MAX_LENGTHS[name]:
                column = name if name in columns else name_column
                error(row, column, _("the text is longer than %(max)s characters."), max=MAX_LENGTHS[name])

        level_text = values["leader_level"]
        level = LEADER_LEVELS.get(" ".join(level_text.lower().split()), "") if level_text else ""
        if level_text and not level:
            error(
                row,
                "leader_level",
                _("«%(value)s» is not a known leader level. Use enhetsleder, avdelingsleder or strategisk leder."),
                value=level_text,
            )
        for name in ("job_title", "unit", "sector", "dietary_needs"):
            if len(values[name]) > MAX_LENGTHS[name]:
                error(row, name, _("the text is longer than %(max)s characters."), max=MAX_LENGTHS[name])
        parsed.append(
            ParsedRow(
                row=row,
                email=email,
                first_name=first_name,
                last_name=last_name,
                job_title=values["job_title"],
                leader_level=level,
                unit=values["unit"],
                sector=values["sector"],
                manager_email=values["manager_email"].lower(),
                dietary_needs=values["dietary_needs"],
                facilitator_email=values["facilitator_email"].lower(),
            )
        )
        facilitator = values["facilitator_email"]
        if facilitator and facilitator.lower() not in facilitators:
            error(
                row,
                "facilitator_email",
                _("«%(value)s» is not a facilitator of this programme. Invite them as a facilitator first."),
                value=facilitator,
            )

    # Managers may appear further down the file, so they are checked once every row is known.
    for parsed_row, record in zip(parsed, sheet.records, strict=True):
        manager_text = record[1 + FIELDS.index("manager_email")]
        manager = parsed_row.manager_email
        if not manager:
            continue
        if not _is_email(manager):
            error(parsed_row.row, "manager_email", _("«%(value)s» is not a valid e-mail address."), value=manager_text)
        elif manager == parsed_row.email:
            error(parsed_row.row, "manager_email", _("a person cannot be their own manager."))
        elif manager not in first_row_of and manager not in existing:
            error(
                parsed_row.row,
                "manager_email",
                _("«%(value)s» is neither in the file nor a participant in this programme."),
                value=manager_text,
            )
    if errors:
        raise ValidationError([text for _row, _position, text in sorted(errors, key=lambda e: e[:2])])
    return parsed


def summarise(rows):
    """What the preview shows: how many per leader level and per sector, and how many have a manager."""
    labels = dict(Participant.LeaderLevel.choices)
    levels = Counter(row.leader_level for row in rows)
    by_level = [(labels[value], levels[value]) for value in Participant.LeaderLevel.values if levels[value]]
    if levels[""]:
        by_level.append((_("Not given"), levels[""]))
    sectors = Counter(row.sector for row in rows)
    by_sector = [
        (sector or _("Not given"), count) for sector, count in sorted(sectors.items(), key=lambda i: (-i[1], i[0]))
    ]
    return {
        "count": len(rows),
        "by_level": by_level,
        "by_sector": by_sector,
        "with_manager": sum(1 for row in rows if row.manager_email),
        "with_facilitator": sum(1 for row in rows if row.facilitator_email),
    }
