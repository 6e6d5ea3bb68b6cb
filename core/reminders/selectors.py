"""Reads for the reminder pages."""

from django.db.models import Count

from core.models import Reminder
from core.reminders.base import get_kind, ready_kinds

State = Reminder.State


def reminder_log_of(municipality, *, kind=None, state=None):
    """The municipality's reminders, newest first, with their recipients. The caller checks that the
    user is HR there; rows carry their municipality, so nothing of another one can show."""
    rows = Reminder.objects.filter(municipality=municipality).select_related("recipient")
    if kind:
        rows = rows.filter(kind=kind)
    if state:
        rows = rows.filter(state__in=[State.PENDING, State.SENDING] if state == State.PENDING else [state])
    return rows.order_by("-created_at", "-pk")


def reminder_log_summary(municipality):
    """Per kind: how many were sent, failed, are waiting, or were not sent. One query."""
    counts = {}
    for row in (
        Reminder.objects.filter(municipality=municipality).order_by().values("kind", "state").annotate(n=Count("pk"))
    ):
        state = State.PENDING if row["state"] == State.SENDING else row["state"]
        per_kind = counts.setdefault(row["kind"], {})
        per_kind[state] = per_kind.get(state, 0) + row["n"]
    keys = [kind.key for kind in ready_kinds()] + sorted(set(counts) - {kind.key for kind in ready_kinds()})
    summary = []
    for key in keys:
        kind = get_kind(key)
        per_kind = counts.get(key, {})
        summary.append(
            {
                "key": key,
                "label": kind.label if kind else key,
                "sent": per_kind.get(State.SENT, 0),
                "failed": per_kind.get(State.FAILED, 0),
                "waiting": per_kind.get(State.PENDING, 0),
                "skipped": per_kind.get(State.SKIPPED, 0),
            }
        )
    return summary
