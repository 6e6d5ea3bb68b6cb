"""The interface every reminder kind implements, and their registry (see core/reminders/__init__.py).

Each app defines its kinds in `<app>/reminders.py`; core defines only the invitation (kinds.py)."""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet

from core.registry import Registry

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")

# Filled by core/reminders/kinds.py (invitations) and each app's reminders.py, all imported by
# CoreConfig.ready() (see core/registry.py).
KINDS = Registry("reminder kinds")


def register(cls):
    kind = cls()
    assert len(kind.key) <= 40
    # `order` keeps the sequence the preferences page and HR's log show, whatever the apps' order.
    KINDS.register(kind, key=kind.key, order=cls.order)
    return cls


def all_kinds():
    return list(KINDS)


def get_kind(key):
    return KINDS.get(key)


def ready_kinds():
    return [kind for kind in all_kinds() if kind.ready]


def optional_kinds():
    return [kind for kind in ready_kinds() if kind.optional]


def optional_kinds_for(user):
    """The optional kinds that can reach `user`: those meant for a programme role they hold."""
    from core.roles import roles_of

    roles = roles_of(user)
    held = {name for name, ids in (("participant", roles.participant), ("facilitator", roles.facilitator)) if ids}
    return [kind for kind in optional_kinds() if kind.audience & held]


def oslo(now):
    """The wall-clock date and time in Norway at `now` (aware): what "7 days before 09:00" is measured in."""
    local = now.astimezone(OSLO)
    return local.date(), local.time().replace(tzinfo=None)


def wall_clock_reached(prefix, *, days_before, today, time_now, date_field="date", time_field="start_time"):
    """Q: the moment `days_before` calendar days before (date, time) has come, in Oslo wall-clock time.

    Comparing (date − days, time) with today's (date, time) as wall-clock pairs, rather than
    subtracting 24-hour days from an instant, keeps "1 day before 09:00" at 09:00 across the switches
    to and from summer time (when that day has 23 or 25 hours).
    """
    day = today + datetime.timedelta(days=days_before)
    return Q(**{f"{prefix}{date_field}__lt": day}) | Q(
        **{f"{prefix}{date_field}": day, f"{prefix}{time_field}__lte": time_now}
    )


def wall_clock_not_reached(prefix, *, days_before, today, time_now, date_field="date", time_field="start_time"):
    """The opposite of wall_clock_reached, written positively: negating a condition on a
    multi-valued relation would make Django test it in a subquery of its own, on other rows."""
    day = today + datetime.timedelta(days=days_before)
    return Q(**{f"{prefix}{date_field}__gt": day}) | Q(
        **{f"{prefix}{date_field}": day, f"{prefix}{time_field}__gt": time_now}
    )


@dataclass
class Due:
    """One query of what is due: its rows are (recipient user id, target id, slot, municipality id)."""

    queryset: QuerySet
    recipient: str
    target: str
    slot: object
    municipality: str

    def rows(self):
        """The queryset reduced to the four columns, in that order, under names of our own."""
        slot = F(self.slot) if isinstance(self.slot, str) else self.slot
        return (
            self.queryset.order_by()
            .annotate(
                _r_recipient=F(self.recipient),
                _r_target=F(self.target),
                _r_slot=slot,
                _r_municipality=F(self.municipality),
            )
            .values_list("_r_recipient", "_r_target", "_r_slot", "_r_municipality")
        )


@dataclass
class Message:
    context: dict
    # (filename, content, mimetype)
    attachments: list = field(default_factory=list)


class Kind:
    key = ""
    label = ""
    order = 100
    optional = True
    # The programme roles whose holders can get this kind: the preferences page offers a kind only to them.
    audience = frozenset({"participant", "facilitator"})
    ready = True
    template = ""

    def due(self, now):
        return ()

    def message(self, reminder):
        raise NotImplementedError

    def claim_target(self, reminder, now):
        return True

    def release_target(self, reminder):
        pass

    def __repr__(self):
        return f"<reminder kind {self.key}>"
