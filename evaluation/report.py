"""The executive's report: its context (all through the anonymity engine) and its final HTML.

Built by evaluation.tasks.build_report on a worker; `make bench` times the same two steps.
"""

from django.utils import timezone

from core.frameworks import TenFactor
from core.pdf import render_pdf_html
from evaluation import anonymity, facts
from evaluation.models import TenFactorScore
from evaluation.results import programme_results

REPORT_TEMPLATE = "evaluation/pdf/report.html"


def report_context(programme, *, recommendation):
    """Everything the report prints. Sections whose facts another capability provides are None
    until that capability exists, and the template says "not available" for them."""
    from participants.models import Participant

    programme = (
        type(programme)
        .objects.select_related("municipality")
        .prefetch_related("goals", "values", "gatherings")
        .get(pk=programme.pk)
    )
    results = programme_results(programme, audience=anonymity.AUDIENCE_EXECUTIVE)
    participants = Participant.objects.filter(programme=programme).count()
    scores = list(TenFactorScore.objects.filter(programme=programme))
    order = {code: i for i, code in enumerate(TenFactor.values)}
    scores.sort(key=lambda s: order.get(s.factor, 0))
    return {
        "programme": programme,
        "municipality": programme.municipality,
        "goals": list(programme.goals.all()),
        "values": list(programme.values.all()),
        "participants": participants,
        "results": results,
        "attendance": facts.attendance(programme),
        "plans": facts.plans(programme),
        "peers": facts.peers(programme),
        "case_themes": facts.case_themes(programme),
        "ten_factor": scores,
        "recommendation": recommendation,
        "threshold": anonymity.threshold(),
        "text_minimum": anonymity.report_text_minimum(),
        "generated": timezone.localtime(),
    }


def render_report_html(report, *, template_name=REPORT_TEMPLATE):
    return render_pdf_html(
        template_name, report_context(report.programme, recommendation=report.recommendation), language=report.language
    )
