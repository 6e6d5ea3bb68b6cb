from celery import shared_task

from evaluation import services


@shared_task
def build_report(report_id, template_name=None):
    """Build the executive's PDF report. Not retried: a failure is shown to HR with its reason,
    and HR builds again; `report_build` claims the row first, so a duplicate delivery does nothing."""
    return services.report_build(report_id=report_id, template_name=template_name)


@shared_task
def build_reports_for_closed_evaluations():
    """Beat's sweep: a report for every programme evaluation that closed by its deadline."""
    return len(services.reports_build_for_closed_evaluations())
