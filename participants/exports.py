"""The participant list as an Excel workbook."""

import io

from django.utils.translation import gettext as _

from participants.selectors import account_status

# A cell starting with one of these is a formula to Excel (or LibreOffice), even in a name field.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """Text that Excel shows as written: a leading apostrophe keeps a would-be formula as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def headers():
    return [
        _("Name"),
        _("E-mail"),
        _("Job title"),
        _("Leader level"),
        _("Unit"),
        _("Sector"),
        _("Manager"),
        _("Dietary needs"),
        _("Facilitator"),
        _("Account status"),
    ]


def account_status_label(participant):
    return {
        "active": _("Active"),
        "invited": _("Invited"),
        "not_invited": _("Not invited"),
    }[account_status(participant)]


def participant_row(participant):
    user = participant.user
    manager = participant.manager
    return [
        user.get_full_name(),
        user.email,
        participant.job_title,
        participant.get_leader_level_display(),
        participant.unit,
        participant.sector,
        (manager.user.get_full_name() or manager.user.email) if manager else "",
        participant.dietary_needs,
        str(participant.facilitator) if participant.facilitator else "",
        account_status_label(participant),
    ]


def participants_workbook(participants):
    """The .xlsx file's bytes: one header row, then one row per participant (from `participants_of`)."""
    # Imported here: only an export needs openpyxl.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Participants")[:31])
    sheet.append(headers())
    for participant in participants:
        sheet.append([safe_cell(value) for value in participant_row(participant)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
