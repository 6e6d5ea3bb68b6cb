from django.urls import path

from participants import views

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
]
