"""Evaluation's rows of the permission matrix (tests/test_permissions.py)."""

from tests.personas import DO, EDIT, STAFF

# anonymous, hr, other_hr, executive, facilitator, other_facilitator, participant, peer, outsider
REPORT = [302, 200, 404, 200, 403, 404, 403, 403, 404]  # the municipality's HR and executive
REBUILD = [302, 302, 404, 302, 403, 404, 403, 403, 404]
# Nobody in the world is assigned to the feedback run: a leader of the programme who is not in the
# run is refused. That an assigned leader answers is tested in tests/test_evaluation_surveys.py.
NOT_IN_RUN = [302, 403, 404, 403, 403, 404, 403, 403, 404]
ANSWER_ALL = [302, 403, 404, 403, 403, 404, 200, 200, 404]  # every leader in the programme

MATRIX = {
    "evaluation_overview": (lambda w: {"pk": w.programme.pk}, STAFF, "Lederprogram Vefsn"),
    "programme_evaluation_create": (lambda w: {"pk": w.programme.pk}, EDIT, "Lederprogram Vefsn"),
    "evaluation_results": (lambda w: {"pk": w.programme.pk}, STAFF, "Lederprogram Vefsn"),
    "evaluation_screening": (lambda w: {"pk": w.programme.pk}, EDIT, "Lederprogram Vefsn"),
    "evaluation_ten_factor": (lambda w: {"pk": w.programme.pk}, EDIT, "Lederprogram Vefsn"),
    "evaluation_report": (lambda w: {"pk": w.programme.pk}, REPORT, "Lederprogram Vefsn"),
    "programme_dashboard": (lambda w: {"pk": w.programme.pk}, REPORT, "Styringsoversikt"),
    "evaluation_report_status": (lambda w: {"pk": w.programme.pk}, REPORT, '"state": "ready"'),
    "feedback_answer": (lambda w: {"pk": w.feedback_run.pk}, NOT_IN_RUN, "Lederprogram Vefsn"),
    "survey_answer": (lambda w: {"pk": w.programme_survey.pk}, ANSWER_ALL, "Digital omstilling"),
    "non_respondents": (lambda w: {"pk": w.programme_survey.pk}, EDIT, "kollega@vefsn.no"),
}

POSTS = {
    "survey_close": (lambda w: {"pk": w.programme_survey.pk}, {}, DO),
    "evaluation_screening": (lambda w: {"pk": w.programme.pk}, {}, DO),
    # Building the report: HR only (the executive reads it). In these tests the build is queued on
    # commit and so never runs; tests/test_evaluation_report.py builds it.
    "evaluation_report": (lambda w: {"pk": w.programme.pk}, {"recommendation": "Kjør opsjonen."}, DO),
    # Building again: HR and the executive (with HR's latest recommendation).
    "evaluation_report_rebuild": (lambda w: {"pk": w.programme.pk}, {}, REBUILD),
}

TESTED_ELSEWHERE = {
    "report_download",  # a file: tests/test_evaluation_report.py
    "report_summary_download",  # a file: tests/test_report_lifecycle.py
    "evaluation_results_export",  # a file: tests/test_evaluation_pages.py
}
