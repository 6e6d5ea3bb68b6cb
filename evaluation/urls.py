from django.urls import path

from evaluation import views

urlpatterns = [
    path("programmer/<int:pk>/evaluering/", views.EvaluationOverviewView.as_view(), name="evaluation_overview"),
    path(
        "programmer/<int:pk>/evaluering/ny/",
        views.ProgrammeEvaluationCreateView.as_view(),
        name="programme_evaluation_create",
    ),
    path("programmer/<int:pk>/evaluering/resultater/", views.ResultsView.as_view(), name="evaluation_results"),
    path(
        "programmer/<int:pk>/evaluering/resultater.xlsx",
        views.ResultsExportView.as_view(),
        name="evaluation_results_export",
    ),
    path("programmer/<int:pk>/evaluering/fritekst/", views.ScreeningView.as_view(), name="evaluation_screening"),
    path("programmer/<int:pk>/evaluering/10-faktor/", views.TenFactorView.as_view(), name="evaluation_ten_factor"),
    path("programmer/<int:pk>/videreformidling/", views.CascadeTotalsView.as_view(), name="programme_cascade"),
    path("programmer/<int:pk>/styringsoversikt/", views.DashboardView.as_view(), name="programme_dashboard"),
    path("programmer/<int:pk>/opsjon/", views.ExtensionDecisionView.as_view(), name="extension_decision"),
    path("programmer/<int:pk>/evaluering/rapport/", views.ReportView.as_view(), name="evaluation_report"),
    path(
        "programmer/<int:pk>/evaluering/rapport/lag-pa-nytt/",
        views.ReportRebuildView.as_view(),
        name="evaluation_report_rebuild",
    ),
    path(
        "programmer/<int:pk>/evaluering/rapport/status/",
        views.ReportStatusView.as_view(),
        name="evaluation_report_status",
    ),
    path("evaluering/rapporter/<int:pk>/last-ned/", views.ReportDownloadView.as_view(), name="report_download"),
    path(
        "evaluering/rapporter/<int:pk>/sammendrag/",
        views.ReportSummaryDownloadView.as_view(),
        name="report_summary_download",
    ),
    path("evaluering/gjennomforinger/<int:pk>/svar/", views.FeedbackAnswerView.as_view(), name="feedback_answer"),
    path("evaluering/<int:pk>/svar/", views.SurveyAnswerView.as_view(), name="survey_answer"),
    path("evaluering/<int:pk>/lukk/", views.SurveyCloseView.as_view(), name="survey_close"),
    path("evaluering/<int:pk>/mangler-svar/", views.NonRespondentsView.as_view(), name="non_respondents"),
]
