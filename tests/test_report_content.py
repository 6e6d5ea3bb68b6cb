"""What the executive's report says (issue 17, item 3): a one-page summary first, shares as
percentages, a train-the-trainers section whose per-unit figures cannot be subtracted from the
total, labels that are wrapped instead of cut, and hidden gatherings named in one line."""

import datetime
import re

import pytest

from evaluation import charts
from evaluation.anonymity import Fact
from evaluation.report import fact_rows, report_context, train_the_trainers
from participants.models import CascadeSession
from tests.factories import ParticipantFactory
from tests.test_evaluation_report import evaluation_answers

pytestmark = pytest.mark.django_db


def _html(world):
    from core.pdf import render_pdf_html

    return render_pdf_html(
        "evaluation/pdf/report.html", report_context(world.programme, recommendation="Kjør opsjonen.")
    )


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _cascade(world, unit, leaders, staff_each=4, sessions_each=1):
    for _ in range(leaders):
        participant = ParticipantFactory(programme=world.programme, unit=unit)
        for n in range(sessions_each):
            CascadeSession.objects.create(
                participant=participant,
                held_on=datetime.date(2026, 11, 1 + n),
                topic="Aktivt medarbeiderskap",
                staff_count=staff_each,
            )


def test_the_first_page_is_a_summary_with_key_figures_findings_and_the_recommendation(world):
    evaluation_answers(world, 8)
    html = _html(world)
    summary = _text(html.split('class="summary"', 1)[1].split("</section>", 1)[0])
    # 2 world participants + 8 who answered = 10; 8 of 10 answered.
    assert "10 Deltakere" in summary
    assert "8 (80 %) Svarte på programevalueringen" in summary
    assert "Hovedfunn" in summary
    assert "Utviklingsbehovet som er rangert høyest, er «Vanskelige samtaler»." in summary
    assert "75 % av dem som svarte, ønsker at opsjonen gjennomføres." in summary
    assert summary.endswith("Anbefaling om opsjonen Kjør opsjonen.")
    assert ".summary { break-after: page; }" in html


def test_shares_print_as_percentages_and_averages_with_one_decimal():
    rows = fact_rows(
        {
            "attendance_rate": Fact(shown=True, value=0.8125),
            "meetings_per_group": Fact(shown=True, value=1.6),
            "average_progress": Fact(shown=True, value=54.4),
            "members": Fact(shown=True, value=30),
            "groups": Fact(shown=False),
        }
    )
    assert rows == [
        ("attendance_rate", True, "81 %"),
        ("meetings_per_group", True, "1,6"),
        ("average_progress", True, "54 %"),
        ("members", True, "30"),
        ("groups", False, "–"),
    ]


def test_train_the_trainers_shows_units_only_where_large_enough_and_never_a_derivable_small_one(world):
    _cascade(world, "Sykehjemmet", 6, staff_each=10)
    _cascade(world, "Hjemmetjenesten", 5, staff_each=3, sessions_each=2)
    _cascade(world, "Legevakten", 2, staff_each=7)
    ttt = train_the_trainers(world.programme)
    # The world's leader (Sykehjemmet) has already held one session for 12 staff.
    # The one small unit (2 leaders) would be total minus the others: so the smallest shown unit
    # (Hjemmetjenesten, 5) is hidden with it, and only Sykehjemmet is printed on its own.
    assert (ttt["leaders"], ttt["sessions"], ttt["staff"]) == (14, 19, 12 + 6 * 10 + 5 * 3 * 2 + 2 * 7)
    assert [(u["unit"], u["leaders"], u["sessions"], u["staff"]) for u in ttt["units"]] == [("Sykehjemmet", 7, 7, 72)]
    assert ttt["hidden_units"] == 2
    text = _text(_html(world))
    assert "14 ledere har holdt 19 økter som har nådd 116 medarbeidere." in text
    assert "Legevakten" not in text and "Hjemmetjenesten" not in text
    assert "2 enheter har for få ledere til å vises for seg." in text


def test_train_the_trainers_with_too_few_leaders_says_so(world):
    _cascade(world, "Sykehjemmet", 3)  # with the world's leader: 4 < 5
    assert train_the_trainers(world.programme)["shown"] is False
    assert "Færre enn 5 ledere har registrert økter så langt, så ingen tall vises." in _text(_html(world))


def test_long_chart_labels_wrap_to_two_lines_instead_of_being_cut():
    svg = charts.bars([("Ledelse i samspill med kommunens brukere og pårørende", 4.7)], "Mål", maximum=6)
    assert "<tspan" in svg and "brukere og pårørende" in svg and "…" not in svg
    # Past two lines it is shortened, and the full label stays in the text alternative.
    label = "Ledelse i samspill med kommunens brukere, pårørende, frivillige og andre samarbeidspartnere i regionen"
    svg = charts.bars([(label, 4.7)], "Mål", maximum=6)
    assert "…" in svg and f"{label}: 4,7" in svg


def test_gatherings_without_enough_feedback_are_named_in_one_line(world):
    from evaluation import services
    from evaluation.models import Question
    from sessions.models import RunAssignment

    run = world.feedback_run
    for _ in range(3):
        participant = ParticipantFactory(programme=world.programme)
        RunAssignment.objects.create(run=run, gathering=run.gathering, participant=participant)
        answers = {q.pk: 5 for q in world.feedback_survey.questions.filter(kind=Question.Kind.DIE)}
        services.survey_answer(survey=world.feedback_survey, user=participant.user, answers=answers)
    text = _text(_html(world))
    assert "Vises ikke fordi færre enn 5 svarte, eller fordi en mindre gruppe da kunne regnes ut: 6. Opsjon 6." in text
    assert "Skjult: færre enn" not in text
