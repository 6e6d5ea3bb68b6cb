"""The programme cockpit: HR's checklist for the year, derived from the data each time.

Each app contributes the items it knows about from its own `<app>/cockpit.py`: a function
`items(programmes, today) -> list[Item]` registered in core's COCKPIT registry (core/home.py). A
source is given every programme at once and asks the database a fixed number of times, however many
programmes and participants there are: the cockpit page and HR's start page (the top items across
programmes) stay flat in queries.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.home import COCKPIT


class Severity:
    URGENT = 3  # blocks the next step now (a gathering soon without a run)
    WARNING = 2  # needs doing before long
    INFO = 1  # worth knowing; nothing is stuck yet

    labels = {URGENT: _("Urgent"), WARNING: _("Soon"), INFO: _("For your information")}
    css = {URGENT: "danger", WARNING: "warning", INFO: "info"}


@dataclass
class Item:
    """One thing HR should do: what, how urgent, by when, and the page that does it."""

    programme: object
    key: str  # stable, for tests and for hiding an item later: "<app>.<what>[:<object id>]"
    severity: int
    title: str
    url: str
    action: str
    due: datetime.date | None = None
    detail: str = ""
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def severity_label(self):
        return Severity.labels[self.severity]

    @property
    def css(self):
        return Severity.css[self.severity]

    @property
    def when(self):
        """ "om 5 dager", "i dag", "for 3 dager siden"."""
        if self.due is None:
            return ""
        days = (self.due - self.today).days
        if days == 0:
            return str(_("today"))
        if days == 1:
            return str(_("tomorrow"))
        if days > 0:
            return ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}
        return ngettext("%(days)s day ago", "%(days)s days ago", -days) % {"days": -days}

    def sort_key(self):
        return (-self.severity, self.due or datetime.date.max, self.key)


def soon(due, today, urgent_within, warning_within=None):
    """URGENT when `due` is within `urgent_within` days (or past), WARNING within `warning_within`, else INFO."""
    if due is None:
        return Severity.WARNING
    days = (due - today).days
    if days <= urgent_within:
        return Severity.URGENT
    if warning_within is None or days <= warning_within:
        return Severity.WARNING
    return Severity.INFO


def cockpit_items(programmes, today=None):
    """Every source's items for the programmes, most urgent first."""
    programmes = list(programmes)
    if not programmes:
        return []
    today = today or timezone.localdate()
    found = []
    for source in COCKPIT:
        found.extend(source(programmes, today))
    for item in found:
        item.today = today
    return sorted(found, key=Item.sort_key)


# --- The programme's own items: still a draft, the extension to decide -----------------------------


@COCKPIT.register(key="programmes", order=10)
def items(programmes, today):
    from django.urls import reverse

    found = []
    for programme in programmes:
        if programme.status == programme.Status.DRAFT:
            found.append(
                Item(
                    programme=programme,
                    key="programmes.draft",
                    severity=Severity.INFO,
                    title=_("The programme is still a draft"),
                    detail=_("Set it to active when the dates and participants are in place."),
                    url=reverse("programme_update", args=[programme.pk]),
                    action=_("Edit the programme"),
                )
            )
        gatherings = list(programme.gatherings.all())  # prefetched by the caller
        # g.Kind: the gathering's own class, so programmes needs no import of sessions.
        extension = [g for g in gatherings if g.kind == g.Kind.EXTENSION]
        decision = getattr(programme, "extension_decision", None)
        if extension and decision is None:
            core = [g for g in gatherings if g.kind == g.Kind.CORE]
            last_core = max((g.end_date for g in core if g.start_date), default=None)
            first_extension = min((g.start_date for g in extension if g.start_date), default=None)
            # The decision follows the evaluation after the core gatherings, and comes before the extension.
            due = first_extension or last_core
            all_core_held = (
                last_core is not None and len(core) == sum(1 for g in core if g.start_date) and (last_core <= today)
            )
            found.append(
                Item(
                    programme=programme,
                    key="programmes.extension",
                    severity=soon(due, today, 30, 90) if all_core_held else Severity.INFO,
                    title=_("Decide on the extension"),
                    detail=_("After the evaluation of the core gatherings: run the extension's gatherings or not."),
                    url=reverse("extension_decision", args=[programme.pk]),
                    action=_("Record the decision"),
                    due=due,
                )
            )
    return found
