"""PDFs from HTML templates (templates/<app>/pdf/), laid out by WeasyPrint.

WeasyPrint is imported inside the function: it loads pango and fonts, which web processes
that never print should not pay for.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf_html(template_name, context):
    """The final HTML a PDF is made from, rendered in Norwegian whatever the current request's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template_name, context)


def html_to_pdf(html):
    """Tagged PDF (PDF/UA-1): screen readers can read it; static files resolve from the app's own folders."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf(pdf_variant="pdf/ua-1")


def render_pdf(template_name, context):
    return html_to_pdf(render_pdf_html(template_name, context))
