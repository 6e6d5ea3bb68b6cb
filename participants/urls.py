from django.urls import path

from participants import space_views as space
from participants import views, way_on_views

urlpatterns = [
    path("programmer/<int:pk>/deltakere/", views.ParticipantListView.as_view(), name="programme_participants"),
    path("programmer/<int:pk>/deltakere/importer/", views.ParticipantImportView.as_view(), name="participant_import"),
    path(
        "programmer/<int:pk>/deltakere/importer/<str:token>/",
        views.ParticipantImportPreviewView.as_view(),
        name="participant_import_preview",
    ),
    path("programmer/<int:pk>/deltakere/eksport/", views.ParticipantExportView.as_view(), name="participant_export"),
    path(
        "programmer/<int:pk>/deltakere/inviter-alle/",
        views.ParticipantInviteAllView.as_view(),
        name="participant_invite_all",
    ),
    # The leader's own space (issue 4).
    path("min-utvikling/", space.MyLeaderSpaceView.as_view(), name="my_leader_space"),
    path("deltakere/<int:pk>/", space.LeaderSpaceView.as_view(), name="leader_space"),
    path("deltakere/<int:pk>/kartlegging/", space.BaselineView.as_view(), name="baseline"),
    path("deltakere/<int:pk>/kartlegging/slutt/", space.BaselineEndView.as_view(), name="baseline_end"),
    path("deltakere/<int:pk>/profil/", space.ProfileView.as_view(), name="profile"),
    path("deltakere/<int:pk>/profil/samtykke/", space.ProfileConsentView.as_view(), name="profile_consent"),
    path(
        "deltakere/<int:pk>/profil/samtykke/trekk/",
        space.ProfileConsentWithdrawView.as_view(),
        name="profile_consent_withdraw",
    ),
    path("deltakere/<int:pk>/profil/ipip/", space.IpipView.as_view(), name="profile_ipip"),
    path("deltakere/<int:pk>/profil/ekstern/", space.ExternalProfileView.as_view(), name="profile_external"),
    path("profiler/<int:pk>/rapport/", space.ProfileReportView.as_view(), name="profile_report"),
    path("deltakere/<int:pk>/tilbakemelding/", space.FeedbackView.as_view(), name="profile_feedback"),
    path(
        "deltakere/<int:pk>/tilbakemelding/kommentar/",
        space.FeedbackCommentView.as_view(),
        name="profile_feedback_comment",
    ),
    path("deltakere/<int:pk>/plan/", space.PlanView.as_view(), name="plan"),
    path("deltakere/<int:pk>/veien-videre/", way_on_views.WayOnView.as_view(), name="way_on"),
    path("deltakere/<int:pk>/veien-videre/plan/", way_on_views.KeepChoiceView.as_view(), name="way_on_keep"),
    path(
        "deltakere/<int:pk>/veien-videre/hjemme/",
        way_on_views.HomeCommitmentCreateView.as_view(),
        name="home_commitment_create",
    ),
    path("deltakere/<int:pk>/plan/pdf/", space.PlanPdfView.as_view(), name="plan_pdf"),
    path(
        "deltakere/<int:pk>/plan/fra-tilbakemelding/", space.PlanFromFeedbackView.as_view(), name="plan_from_feedback"
    ),
    path("deltakere/<int:pk>/plan/mal/ny/", space.PlanGoalCreateView.as_view(), name="plan_goal_create"),
    path("deltakere/<int:pk>/plan/innsjekk/", space.PlanCheckInView.as_view(), name="plan_checkin"),
    path("deltakere/<int:pk>/plan/kommentar/", space.PlanCommentView.as_view(), name="plan_comment"),
    path("planmal/<int:pk>/", space.PlanGoalUpdateView.as_view(), name="plan_goal_update"),
    path("planmal/<int:pk>/slett/", space.PlanGoalDeleteView.as_view(), name="plan_goal_delete"),
    path("planmal/<int:pk>/tiltak/ny/", space.PlanActionCreateView.as_view(), name="plan_action_create"),
    path("tiltak/<int:pk>/", space.PlanActionUpdateView.as_view(), name="plan_action_update"),
    path("tiltak/<int:pk>/slett/", space.PlanActionDeleteView.as_view(), name="plan_action_delete"),
    path("planversjoner/<int:pk>/", space.PlanVersionView.as_view(), name="plan_version"),
    path("deltakere/<int:pk>/videreformidling/", space.CascadeView.as_view(), name="cascade"),
    path("videreformidling/<int:pk>/slett/", space.CascadeDeleteView.as_view(), name="cascade_delete"),
    path("programmer/<int:pk>/lederutvikling/", space.LeaderStatusView.as_view(), name="programme_leader_status"),
    path("programmer/<int:pk>/kartlegging/", space.NeedsView.as_view(), name="programme_needs"),
    path("programmer/<int:pk>/videreformidling/", space.CascadeTotalsView.as_view(), name="programme_cascade"),
]
