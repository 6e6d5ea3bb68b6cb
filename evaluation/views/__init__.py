"""The evaluation's pages, one module per capability (answering.py, overview.py, reports.py,
executive.py); urls.py imports them from here."""

from .answering import (  # noqa: F401
    AnswerMixin,
    FeedbackAnswerView,
    SurveyAnswerView,
    SurveyObjectMixin,
)
from .executive import (  # noqa: F401
    CascadeTotalsView,
    DashboardView,
    ExtensionDecisionView,
)
from .overview import (  # noqa: F401
    EvaluationOverviewView,
    NonRespondentsView,
    ProgrammeEvaluationCreateView,
    ResultsExportView,
    ResultsView,
    ScreeningView,
    SurveyCloseView,
    TenFactorView,
    add_errors,
)
from .reports import (  # noqa: F401
    ReportDownloadView,
    ReportRebuildView,
    ReportStatusView,
    ReportSummaryDownloadView,
    ReportView,
    report_state,
)
