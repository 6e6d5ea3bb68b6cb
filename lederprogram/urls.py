from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from core import views as core_views
from participants import views as participant_views
from programmes import views as programme_views
from sessions import views as gathering_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("konto/", include("allauth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("invitasjon/<int:pk>/<str:token>/", core_views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("kommuner/<int:pk>/personer/", core_views.PeopleView.as_view(), name="people"),
    path("kommuner/<int:pk>/inviter/", core_views.InviteView.as_view(), name="invite"),
    path("invitasjoner/<int:pk>/send-igjen/", core_views.InvitationResendView.as_view(), name="invitation_resend"),
    path("programmer/", programme_views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmer/nytt/", programme_views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("programmer/<int:pk>/", programme_views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmer/<int:pk>/endre/", programme_views.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("programmer/<int:pk>/opsjon/", programme_views.ExtensionDecisionView.as_view(), name="extension_decision"),
    path(
        "programmer/<int:pk>/deltakere/",
        participant_views.ParticipantListView.as_view(),
        name="programme_participants",
    ),
    path(
        "programmer/<int:pk>/samlinger/ny/",
        gathering_views.ExtensionGatheringCreateView.as_view(),
        name="extension_gathering_create",
    ),
    path("samlinger/<int:pk>/", gathering_views.GatheringDetailView.as_view(), name="gathering_detail"),
    path("samlinger/<int:pk>/endre/", gathering_views.GatheringUpdateView.as_view(), name="gathering_update"),
    path("admin/", admin.site.urls),
]
