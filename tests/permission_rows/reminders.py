"""Reminder pages (issue 7): a person's own choices, and HR's log per municipality."""

from tests.personas import ADMIN, ANY_USER

MATRIX = {
    "reminder_preferences": (lambda w: {}, ANY_USER, "Språk i e-poster"),
    "reminder_log": (lambda w: {"pk": w.vefsn.pk}, ADMIN, "Påminnelser i Vefsn kommune"),
}
