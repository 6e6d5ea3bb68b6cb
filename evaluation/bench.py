"""The report's part of `make bench` (issue 6, item 7): the whole build against raw WeasyPrint.

"Total" is what the worker does (the report's context through the anonymity engine, the HTML,
WeasyPrint); "weasyprint" is WeasyPrint alone on that same final HTML. Target ratio ≤ 1.3.
"""

import statistics
import time

from django.urls import reverse

from core.bench import LAST_LINES, PAGES, WORLD

TARGET_RATIO = 1.3


def report_pdf_line(programme, *, repeat=3):
    from core.pdf import html_to_pdf, render_pdf_html
    from evaluation.report import REPORT_TEMPLATE, report_context

    def whole():
        html = render_pdf_html(REPORT_TEMPLATE, report_context(programme, recommendation=RECOMMENDATION))
        return html, html_to_pdf(html)

    html, _pdf = whole()  # warm-up: templates, fonts
    totals, raws = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        html, _pdf = whole()
        totals.append(time.perf_counter() - started)
        started = time.perf_counter()
        html_to_pdf(html)
        raws.append(time.perf_counter() - started)
    total_ms, raw_ms = statistics.median(totals) * 1000, statistics.median(raws) * 1000
    return f"BENCH report_pdf total_ms={total_ms:.0f} weasyprint_ms={raw_ms:.0f} ratio={total_ms / raw_ms:.2f}"


RECOMMENDATION = "HR anbefaler at opsjonen gjennomføres med to samlinger, med vekt på digital omstilling."


# --- Registered with core/bench.py -----------------------------------------------------------------


@WORLD.register(order=50)
def answers(world):
    """Everyone answers every run's feedback and the programme evaluation (issue 6)."""
    from evaluation.demo import bulk_answers

    bulk_answers(world.programme, rng=world.rng)


LAST_LINES.register(lambda world: report_pdf_line(world.programme), key="report_pdf")
PAGES.register(
    {
        "name": "evaluation_results",
        "public": False,
        "url": lambda w: reverse("evaluation_results", kwargs={"pk": w.programme.pk}),
    },
    key="evaluation_results",
    order=50,
)
