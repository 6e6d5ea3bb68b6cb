"""No English in what the executive reads (issue 17, item 3): the report and the summary PDFs, the
dashboard, the report page and the decision page carry no catalogue msgid whose Norwegian differs."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from evaluation import services
from evaluation.models import Report
from tests.test_evaluation_report import evaluation_answers, pdf_text

pytestmark = pytest.mark.django_db


def _english_msgids():
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in po:
        if entry.msgstr == entry.msgid or "%" in entry.msgid or "{" in entry.msgid:
            continue
        # Whole sentences and headings only: short words ("Share", "Now") also occur inside Norwegian.
        if len(entry.msgid) >= 16 and " " in entry.msgid:
            found.add(entry.msgid)
    return found


def _untranslated(text):
    flat = " ".join(text.split())
    return sorted(msgid for msgid in _english_msgids() if msgid in flat)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_report_and_the_summary_pdfs_have_no_english(world, django_capture_on_commit_callbacks):
    evaluation_answers(world, 8, free=[f"Et felles språk for ledelse ({n})" for n in range(8)])
    from evaluation.models import Answer

    Answer.objects.filter(question__key="free").update(screening="approved")
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    report = Report.objects.get(trigger="closed")
    for path in (report.file.path, report.summary_file.path):
        text, _info = pdf_text(path)
        assert "Andre kommentarer" in text or path == report.summary_file.path
        assert _untranslated(text) == []


def test_the_executives_pages_have_no_english(client, world):
    evaluation_answers(world, 8)
    services.survey_close(survey=world.programme_survey, closed_by=world.hr)
    client.force_login(world.executive)
    for name in ("programme_dashboard", "evaluation_report", "extension_decision"):
        html = client.get(reverse(name, kwargs={"pk": world.programme.pk})).content.decode()
        text = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1].split("</main>", 1)[0])
        assert _untranslated(text) == [], name
