from django.urls import include, path

from core import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("personvern/", views.PrivacyView.as_view(), name="privacy"),
    path("tilgjengelighet/", views.AccessibilityView.as_view(), name="accessibility"),
    path("invitasjon/<int:pk>/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("mine-data/", views.MyDataView.as_view(), name="my_data"),
    path("mine-data/last-ned/", views.MyDataDownloadView.as_view(), name="my_data_download"),
    path("kommuner/<int:pk>/logg/", views.AuditLogView.as_view(), name="audit_log"),
    path("kommuner/<int:pk>/malform/", views.MunicipalityLanguageView.as_view(), name="municipality_language"),
    path("invitasjoner/<int:pk>/send-igjen/", views.InvitationResendView.as_view(), name="invitation_resend"),
    path("", include("core.reminders.urls")),
]
