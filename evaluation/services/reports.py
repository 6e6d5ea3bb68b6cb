"""The executive's report: ordering it, building it (also by itself when the evaluation closes), downloads."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log
from evaluation.models import Report, Survey


@transaction.atomic
def report_request(*, programme, requested_by, recommendation, trigger=Report.Trigger.REQUESTED, language=None):
    """Queue a build of the report; the PDF is made by a worker, never in the request."""
    recommendation = (recommendation or "").strip()
    if not recommendation:
        raise ValidationError({"recommendation": _("Write the recommendation on the extension first.")})
    busy = Report.objects.filter(programme=programme, state__in=[Report.State.QUEUED, Report.State.BUILDING])
    if busy.exists():
        raise ValidationError(_("A report is already being built. Wait until it is finished."))
    # The report is the municipality's document: in its målform unless HR chose another language.
    report = Report.objects.create(
        programme=programme,
        requested_by=requested_by,
        recommendation=recommendation,
        trigger=trigger,
        language=language or programme.municipality.language,
    )
    audit_log(
        actor=requested_by,
        action="report.requested",
        target=report,
        municipality=programme.municipality,
        trigger=trigger,
    )
    from evaluation.tasks import build_report

    transaction.on_commit(lambda: build_report.delay(report.pk))
    return report


def report_recommendation(programme):
    """The recommendation a build without HR's hand prints: HR's latest one, else what the
    participants answered on continuing (as the anonymity engine releases it) and that HR has
    not written one yet."""
    latest = (
        Report.objects.filter(programme=programme)
        .exclude(recommendation="")
        .order_by("-requested_at", "-id")
        .values_list("recommendation", flat=True)
        .first()
    )
    if latest:
        return latest
    from evaluation.decision import evidence

    share = evidence(programme).extension_yes_share
    text = _("HR has not written a recommendation on the extension yet.")
    if share is not None:
        text = " ".join(
            [_("%(share)s %% of the respondents want to continue with further gatherings.") % {"share": share}, text]
        )
    return text


def report_build_on_close(*, programme, now=None):
    """Queue the report of a programme whose evaluation has closed, once per closing: idempotent,
    whoever calls it first (the close button, the periodic task or the report page)."""
    now = now or timezone.now()
    with transaction.atomic():
        # One caller at a time per programme, so two at once cannot both queue a build.
        type(programme).objects.select_for_update().filter(pk=programme.pk).first()
        survey = Survey.objects.filter(programme=programme, kind=Survey.Kind.PROGRAMME, closes_at__lte=now).first()
        if survey is None or Report.objects.filter(programme=programme, requested_at__gte=survey.closes_at).exists():
            return None
        if Report.objects.filter(programme=programme, state__in=[Report.State.QUEUED, Report.State.BUILDING]).exists():
            return None
        return report_request(
            programme=programme,
            requested_by=None,
            recommendation=report_recommendation(programme),
            trigger=Report.Trigger.CLOSED,
        )


def reports_build_for_closed_evaluations(now=None):
    """The periodic sweep: every programme whose evaluation closed since its last report."""
    from django.db.models import Exists, OuterRef

    from programmes.models import Programme

    now = now or timezone.now()
    newer_report = Report.objects.filter(programme=OuterRef("programme"), requested_at__gte=OuterRef("closes_at"))
    programme_ids = (
        Survey.objects.filter(kind=Survey.Kind.PROGRAMME, closes_at__lte=now)
        .filter(~Exists(newer_report))
        .values_list("programme_id", flat=True)
    )
    queued = [report_build_on_close(programme=p, now=now) for p in Programme.objects.filter(pk__in=programme_ids)]
    return [r for r in queued if r is not None]


def report_rebuild(*, programme, requested_by):
    """The chief executive (or HR) builds the report again with the latest recommendation."""
    return report_request(
        programme=programme,
        requested_by=requested_by,
        recommendation=report_recommendation(programme),
        trigger=Report.Trigger.REBUILT,
    )


# Shown when a build fails for a reason that is not the data's: the details go to the log.
def _failure_text(error):
    from django.template import TemplateDoesNotExist, TemplateSyntaxError

    if isinstance(error, TemplateDoesNotExist | TemplateSyntaxError):
        return _("The report's template could not be read (%(name)s).") % {"name": type(error).__name__}
    return _("The report could not be made (%(name)s). Try again, or ask for help if it fails again.") % {
        "name": type(error).__name__
    }


def report_build(*, report_id, template_name=None):
    """Build one report: claim it, render the HTML, lay out the PDF, store it. Idempotent: a
    duplicate delivery finds the report no longer queued and does nothing."""
    import logging

    from django.core.files.base import ContentFile
    from django.utils import translation

    from core.pdf import html_to_pdf, render_pdf_html
    from evaluation.report import REPORT_TEMPLATE, SUMMARY_TEMPLATE, decision_asked, report_context

    claimed = Report.objects.filter(pk=report_id, state=Report.State.QUEUED).update(state=Report.State.BUILDING)
    if not claimed:
        return False
    report = Report.objects.select_related("programme__municipality").get(pk=report_id)
    try:
        # The findings and labels the context words in Python follow the report's language too.
        with translation.override(report.language):
            context = report_context(report.programme, recommendation=report.recommendation)
            html = render_pdf_html(template_name or REPORT_TEMPLATE, context, language=report.language)
            asked = decision_asked(report.programme)
            summary = render_pdf_html(SUMMARY_TEMPLATE, {**context, "decision_asked": asked}, language=report.language)
        report.file.save("report.pdf", ContentFile(html_to_pdf(html)), save=False)
        report.summary_file.save("summary.pdf", ContentFile(html_to_pdf(summary)), save=False)
    except Exception as error:
        logging.getLogger(__name__).exception("Report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(
            state=Report.State.FAILED, failure=_failure_text(error)[:500], finished_at=timezone.now()
        )
        return False
    report.state = Report.State.READY
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "summary_file", "state", "finished_at"])
    return True


def report_downloaded(*, report, user):
    audit_log(actor=user, action="report.downloaded", target=report, municipality=report.programme.municipality)
