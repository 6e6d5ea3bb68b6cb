from django.urls import path

from participants import record_views as record
from participants import views
from participants.people import views as people
from participants.space import baseline, cascade, overview, plan, profile, programme, way_on

urlpatterns = [
    # HR's people pages (moved from core: they show and make participations).
    path("kommuner/<int:pk>/personer/", people.PeopleView.as_view(), name="people"),
    path("kommuner/<int:pk>/inviter/", people.InviteView.as_view(), name="invite"),
    path("kommuner/<int:pk>/personer/<int:user_pk>/slett/", people.PersonEraseView.as_view(), name="person_erase"),
    path(
        "programmer/<int:pk>/slett-arbeidsmateriale/",
        people.ProgrammeMaterialEraseView.as_view(),
        name="programme_material_erase",
    ),
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
    path(
        "programmer/<int:pk>/deltakere/prosessveileder/",
        record.FacilitatorBulkAssignView.as_view(),
        name="participants_assign_facilitator",
    ),
    path("deltakere/<int:pk>/kort/", record.ParticipantRecordView.as_view(), name="participant_record"),
    # The leader's own space (issue 4).
    path("min-utvikling/", overview.MyLeaderSpaceView.as_view(), name="my_leader_space"),
    path("deltakere/<int:pk>/", overview.LeaderSpaceView.as_view(), name="leader_space"),
    path("deltakere/<int:pk>/kartlegging/", baseline.BaselineView.as_view(), name="baseline"),
    path("deltakere/<int:pk>/kartlegging/slutt/", baseline.BaselineEndView.as_view(), name="baseline_end"),
    path("deltakere/<int:pk>/profil/", profile.ProfileView.as_view(), name="profile"),
    path("deltakere/<int:pk>/profil/samtykke/", profile.ProfileConsentView.as_view(), name="profile_consent"),
    path(
        "deltakere/<int:pk>/profil/samtykke/trekk/",
        profile.ProfileConsentWithdrawView.as_view(),
        name="profile_consent_withdraw",
    ),
    path("deltakere/<int:pk>/profil/ipip/", profile.IpipView.as_view(), name="profile_ipip"),
    path("deltakere/<int:pk>/profil/ekstern/", profile.ExternalProfileView.as_view(), name="profile_external"),
    path("profiler/<int:pk>/rapport/", profile.ProfileReportView.as_view(), name="profile_report"),
    path("deltakere/<int:pk>/tilbakemelding/", profile.FeedbackView.as_view(), name="profile_feedback"),
    path(
        "deltakere/<int:pk>/tilbakemelding/kommentar/",
        profile.FeedbackCommentView.as_view(),
        name="profile_feedback_comment",
    ),
    path("deltakere/<int:pk>/plan/", plan.PlanView.as_view(), name="plan"),
    path("deltakere/<int:pk>/veien-videre/", way_on.WayOnView.as_view(), name="way_on"),
    path("deltakere/<int:pk>/veien-videre/plan/", way_on.KeepChoiceView.as_view(), name="way_on_keep"),
    path(
        "deltakere/<int:pk>/veien-videre/hjemme/",
        way_on.HomeCommitmentCreateView.as_view(),
        name="home_commitment_create",
    ),
    path("deltakere/<int:pk>/plan/pdf/", plan.PlanPdfView.as_view(), name="plan_pdf"),
    path("deltakere/<int:pk>/plan/fra-tilbakemelding/", plan.PlanFromFeedbackView.as_view(), name="plan_from_feedback"),
    path("deltakere/<int:pk>/plan/mal/ny/", plan.PlanGoalCreateView.as_view(), name="plan_goal_create"),
    path("deltakere/<int:pk>/plan/innsjekk/", plan.PlanCheckInView.as_view(), name="plan_checkin"),
    path("deltakere/<int:pk>/plan/kommentar/", plan.PlanCommentView.as_view(), name="plan_comment"),
    path("planmal/<int:pk>/", plan.PlanGoalUpdateView.as_view(), name="plan_goal_update"),
    path("planmal/<int:pk>/slett/", plan.PlanGoalDeleteView.as_view(), name="plan_goal_delete"),
    path("planmal/<int:pk>/tiltak/ny/", plan.PlanActionCreateView.as_view(), name="plan_action_create"),
    path("tiltak/<int:pk>/", plan.PlanActionUpdateView.as_view(), name="plan_action_update"),
    path("tiltak/<int:pk>/slett/", plan.PlanActionDeleteView.as_view(), name="plan_action_delete"),
    path("planversjoner/<int:pk>/", plan.PlanVersionView.as_view(), name="plan_version"),
    path("deltakere/<int:pk>/videreformidling/", cascade.CascadeView.as_view(), name="cascade"),
    path("videreformidling/<int:pk>/slett/", cascade.CascadeDeleteView.as_view(), name="cascade_delete"),
    path("programmer/<int:pk>/lederutvikling/", programme.LeaderStatusView.as_view(), name="programme_leader_status"),
    path("programmer/<int:pk>/kartlegging/", programme.NeedsView.as_view(), name="programme_needs"),
]
