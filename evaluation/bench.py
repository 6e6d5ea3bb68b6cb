"""The report's part of `make bench` (issue 6, item 7): the whole build against raw WeasyPrint.

"Total" is what the worker does (the report's context through the anonymity engine, the HTML,
WeasyPrint); "weasyprint" is WeasyPrint alone on that same final HTML. Target ratio ≤ 1.3.
"""

import statistics
import time

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
