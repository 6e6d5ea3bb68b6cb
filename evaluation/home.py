"""The start page's evaluation parts: open surveys for a leader, report state for HR and the executive.

Attributes are set on the dashboard's programme objects (the same objects in every list), so the
templates need no lookups; at most three queries for a leader and one for HR or the executive.
"""

from core.home import START_PAGE
from evaluation.selectors import latest_reports, open_surveys_for


def context(user, dashboard):
    leading = dashboard["participant_programmes"]
    if leading:
        open_surveys = open_surveys_for(user, leading)
        for programme in leading:
            programme.open_surveys = open_surveys.get(programme.pk, [])
    reading = {p.pk: p for p in [*dashboard["hr_programmes"], *dashboard["executive_programmes"]]}
    if reading:
        reports = latest_reports(list(reading))
        for pk, programme in reading.items():
            programme.latest_report = reports.get(pk)
    return {}


@START_PAGE.register
def section(user, page):
    return context(user, page["dashboard"])
