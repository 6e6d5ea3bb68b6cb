"""PDFs from HTML templates (templates/<app>/pdf/), laid out by WeasyPrint.

WeasyPrint is imported inside the function: it loads pango and fonts, which web processes
that never print should not pay for.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf_html(template_name, context, *, language=None):
    """The final HTML a PDF is made from, in `language`: by default the reader's (the active language),
    which is their own choice or their municipality's målform (core.language). A worker has no reader:
    it passes the language the document was ordered in."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return render_to_string(template_name, context)


def html_to_pdf(html):
    """Tagged PDF (PDF/UA-1): screen readers can read it; static files resolve from the app's own folders."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf(pdf_variant="pdf/ua-1")


def render_pdf(template_name, context, *, language=None):
    return html_to_pdf(render_pdf_html(template_name, context, language=language))
