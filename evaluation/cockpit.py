"""The cockpit's evaluation items: the programme evaluation to open once the core gatherings are
held, open surveys closing, and the report to build once the evaluation has closed. Two queries for
any number of programmes (surveys, newest reports)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.home import COCKPIT
from programmes.cockpit import Item, Severity, soon
from programmes.selectors import held_until

# The evaluation is opened when the last core gathering is this close (or held).
OPEN_EVALUATION_DAYS = 14


@COCKPIT.register(key="evaluation", order=40)
def items(programmes, today):
    from evaluation.models import Report, Survey
    from evaluation.selectors import latest_reports
    from sessions.models import Gathering

    ids = [p.pk for p in programmes]
    now = timezone.now()
    surveys = {}
    for survey in Survey.objects.filter(programme_id__in=ids).select_related("run__gathering"):
        surveys.setdefault(survey.programme_id, []).append(survey)
    # The start page's evaluation part has already loaded each programme's newest report.
    if all(hasattr(p, "latest_report") for p in programmes):
        reports = {p.pk: p.latest_report for p in programmes}
    else:
        reports = latest_reports(ids)
    found = []
    for programme in programmes:
        own = surveys.get(programme.pk, [])
        evaluation = next((s for s in own if s.kind == Survey.Kind.PROGRAMME), None)
        core = [g for g in programme.gatherings.all() if g.kind == Gathering.Kind.CORE]
        # A gathering held in runs (Bergen's day) is done when its last run is: a run ahead keeps it on.
        last_core = max((held_until(g) for g in core if g.start_date), default=None)
        overview = reverse("evaluation_overview", args=[programme.pk])
        if evaluation is None:
            if last_core is not None and last_core <= today + datetime.timedelta(days=OPEN_EVALUATION_DAYS):
                found.append(
                    Item(
                        programme=programme,
                        key="evaluation.open",
                        severity=Severity.URGENT if last_core <= today else Severity.WARNING,
                        title=_("Open the evaluation of the programme"),
                        detail=_(
                            "A thorough evaluation against the programme's goals comes before the extension decision."
                        ),
                        url=reverse("programme_evaluation_create", args=[programme.pk]),
                        action=_("Open the evaluation"),
                        due=last_core,
                    )
                )
        elif evaluation.is_open(now):
            closes = timezone.localdate(evaluation.closes_at)
            found.append(
                Item(
                    programme=programme,
                    key="evaluation.running",
                    severity=soon(closes, today, 3, None)
                    if closes <= today + datetime.timedelta(days=3)
                    else Severity.INFO,
                    title=_("The evaluation is open"),
                    detail=_("Remind those who have not answered before it closes."),
                    url=overview,
                    action=_("See the answers so far"),
                    due=closes,
                )
            )
        elif evaluation.closes_at <= now:
            report = reports.get(programme.pk)
            if report is None or report.state == Report.State.FAILED:
                found.append(
                    Item(
                        programme=programme,
                        key="evaluation.report",
                        severity=Severity.WARNING,
                        title=_("Build the report for the executive"),
                        detail=_("The evaluation has closed; the report grounds the extension decision."),
                        url=reverse("evaluation_report", args=[programme.pk]),
                        action=_("Build the report"),
                        due=timezone.localdate(evaluation.closes_at),
                    )
                )
        for survey in own:
            if survey.kind == Survey.Kind.FEEDBACK and survey.is_open(now):
                found.append(
                    Item(
                        programme=programme,
                        key=f"evaluation.feedback:{survey.pk}",
                        severity=Severity.INFO,
                        title=_("Feedback on %(gathering)s is open") % {"gathering": survey.run.gathering},
                        url=overview,
                        action=_("See the feedback"),
                        due=timezone.localdate(survey.closes_at),
                    )
                )
    return found
