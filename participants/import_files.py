"""Reading an uploaded participant list into rows of text: .xlsx through openpyxl (bounded: size, zip
entries, unpacked bytes, rows and columns, no macros) or .csv (encoding and delimiter sniffed).

Nothing here knows what the columns mean; importers.py does."""

import csv
import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# How far down a workbook's sheet is read, blank rows included. openpyxl makes every missing row up to
# the last one in the file, so one cell in row 1,048,576 of a 5 kB workbook cost 6 s of CPU.
MAX_SHEET_ROWS = 2 * MAX_ROWS
# An .xlsx is a zip; these bound what openpyxl may unpack from a 2 MB upload.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
# Columns beyond this are not read: no participant list is that wide.
MAX_COLUMNS = 100


# Reading the file ----------------------------------------------------------------------------


def read_table(upload):
    """Every row of the upload's first sheet as (row number, list of stripped texts)."""
    name = (upload.name or "").lower()
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    if name.endswith(".xlsm"):
        raise ValidationError(_macro_message())
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))


def _macro_message():
    return _("Workbooks with macros are not accepted. Save the file as .xlsx without macros, or as .csv.")


def _check_zip(data):
    """Refuse before openpyxl opens it: not a zip, macros, too many parts or too much to unpack.

    The sizes are those the zip declares; Python's zipfile never inflates an entry beyond its
    declared size, so a lying header cannot make openpyxl unpack more than we allowed here.
    """
    not_a_workbook = ValidationError(_("The file is not a valid Excel workbook (.xlsx)."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise not_a_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise not_a_workbook from error
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise ValidationError(_("The workbook is too large or complex to be read safely."))
    if any(entry.filename.lower().endswith("vbaproject.bin") for entry in entries):
        raise ValidationError(_macro_message())


def _read_xlsx(data):
    _check_zip(data)
    # Imported here: openpyxl is only needed when someone uploads a workbook. With defusedxml
    # installed it parses the workbook's XML without entity expansion.
    from openpyxl import load_workbook

    rows = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            sheet_rows = workbook.active.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
            for number, values in enumerate(sheet_rows, 1):
                if number > MAX_SHEET_ROWS:
                    raise ValidationError(
                        _(
                            "The sheet goes on past row %(max)s, perhaps with empty rows that have formatting. "
                            "Copy the participant rows into a new workbook, or save the sheet as CSV UTF-8."
                        )
                        % {"max": number_format(MAX_SHEET_ROWS, force_grouping=True)}
                    )
                cells = [_cell_text(value) for value in values]
                if any(cells):
                    rows.append((number, cells))
                    _check_row_count(rows)
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file; all mean the same to HR
        raise ValidationError(_("The file is not a valid Excel workbook (.xlsx).")) from error
    return rows


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" on Norwegian Windows is cp1252 (a superset of Latin-1 with æøå).
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
    if text is None or "\x00" in text:
        raise ValidationError(_("The file could not be read as text. Save it as CSV UTF-8."))
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        for number, values in enumerate(reader, 1):
            cells = [value.strip() for value in values[:MAX_COLUMNS]]
            if any(cells):
                rows.append((number, cells))
                _check_row_count(rows)
    except csv.Error as error:
        raise ValidationError(_("The file could not be read as text. Save it as CSV UTF-8.")) from error
    return rows


def _sniff_delimiter(text):
    """`;` (Excel in Norway) or `,` (most other tools), judged by the header line.

    csv.Sniffer guesses from the whole sample and is easily misled by commas in names
    ("Nordmann, Ola"); headers hold no such text.
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _check_row_count(rows):
    # The header is one of the rows.
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError(
            _("The file has more than %(max)s participant rows. Split it into smaller files.")
            % {"max": number_format(MAX_ROWS, force_grouping=True)}
        )


# Finding the columns ------------------------------------------------------------------------
