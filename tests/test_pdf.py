import subprocess

from core.pdf import html_to_pdf, render_pdf_html


def _text(pdf, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return text, info


def test_pdf_is_tagged_and_keeps_norwegian_letters(tmp_path):
    pdf = html_to_pdf(
        '<html lang="nb"><head><title>Plan</title></head><body><h1>Utviklingsplan for Åse Ørn</h1></body></html>'
    )
    text, info = _text(pdf, tmp_path)
    assert text.strip() == "Utviklingsplan for Åse Ørn"
    assert "Tagged:          yes" in info


def test_pdf_html_is_in_the_readers_language_or_the_one_asked_for(settings):
    from django.utils import translation

    with translation.override("en"):
        english = render_pdf_html("403.html", {})
        norwegian = render_pdf_html("403.html", {}, language="nb")
    assert '<h1 class="h2">Ingen tilgang</h1>' in norwegian
    assert '<html lang="nb">' in norwegian and '<html lang="en">' in english
    assert "Ingen tilgang" not in english
