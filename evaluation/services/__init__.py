"""Writes on surveys, answers, screening, 10-faktor scores and the executive's report, one module
per capability (surveys.py, answering.py, reports.py); callers import them from here.

Answering is the one write that is deliberately NOT audited: an audit row names its actor and
carries a time, which would tie a person to the moment their anonymous answer arrived.
"""

# A date rule the selectors need too; services.feedback_window stays the name views use.
from evaluation.selectors import feedback_window  # noqa: F401

from .answering import (  # noqa: F401
    answer_screen,
    respondent_participant,
    survey_answer,
    ten_factor_save,
)
from .reports import (  # noqa: F401
    report_build,
    report_build_on_close,
    report_downloaded,
    report_rebuild,
    report_recommendation,
    report_request,
    reports_build_for_closed_evaluations,
)
from .surveys import (  # noqa: F401
    feedback_survey_ensure,
    feedback_surveys_ensure,
    programme_evaluation_create,
    survey_close,
)
