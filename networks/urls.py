from django.urls import path

from networks import views

urlpatterns = [
    path("nettverk/", views.NetworkListView.as_view(), name="network_list"),
    path("nettverk/nytt-program/", views.NetworkProgrammeCreateView.as_view(), name="network_programme_create"),
    path("nettverk/program/<int:pk>/", views.NetworkProgrammeView.as_view(), name="network_programme"),
    path("nettverk/program/<int:pk>/deltakere/", views.NetworkPeopleView.as_view(), name="network_people"),
    path("nettverk/program/<int:pk>/tall/", views.NetworkFiguresView.as_view(), name="network_figures"),
    path("nettverk/program/<int:pk>/oppmote/", views.NetworkAttendanceView.as_view(), name="network_attendance"),
    path("nettverk/program/<int:pk>/importer/", views.NetworkImportView.as_view(), name="network_import"),
    path("nettverk/program/<int:pk>/inviter-alle/", views.NetworkInviteAllView.as_view(), name="network_invite_all"),
    path("nettverk/program/<int:pk>/temadag/", views.ThemeDayCreateView.as_view(), name="network_theme_day_create"),
    path("nettverk/temadag/<int:pk>/holdt/", views.ThemeDayHeldView.as_view(), name="network_theme_day_held"),
    path(
        "nettverk/program/<int:pk>/sammensetning/",
        views.CompositionCreateView.as_view(),
        name="network_composition_create",
    ),
]
