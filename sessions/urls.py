from django.urls import path

from sessions import shape_views, views

urlpatterns = [
    path(
        "programmer/<int:pk>/samlinger/ny/",
        views.ExtensionGatheringCreateView.as_view(),
        name="extension_gathering_create",
    ),
    path("programmer/<int:pk>/samlinger/", shape_views.ProgrammeShapeView.as_view(), name="programme_shape"),
    path("programmer/<int:pk>/samlinger/legg-til/", shape_views.GatheringAddView.as_view(), name="gathering_add"),
    path("samlinger/<int:pk>/fjern/", shape_views.GatheringRemoveView.as_view(), name="gathering_remove"),
    path("samlinger/<int:pk>/flytt/", shape_views.GatheringMoveView.as_view(), name="gathering_move"),
    path("programmer/<int:pk>/oppmote/", views.AttendanceOverviewView.as_view(), name="attendance_overview"),
    path("samlinger/<int:pk>/", views.GatheringDetailView.as_view(), name="gathering_detail"),
    path("samlinger/<int:pk>/endre/", views.GatheringUpdateView.as_view(), name="gathering_update"),
    path("samlinger/<int:pk>/gjennomforinger/", views.GatheringRunsView.as_view(), name="gathering_runs"),
    path("samlinger/<int:pk>/gjennomforinger/ny/", views.RunCreateView.as_view(), name="run_create"),
    path("samlinger/<int:pk>/gjennomforinger/fordel/", views.RunsAssignView.as_view(), name="runs_assign"),
    path("samlinger/<int:pk>/program/", views.AgendaEditView.as_view(), name="agenda_edit"),
    path("samlinger/<int:pk>/program/utskrift/", views.AgendaPrintView.as_view(), name="agenda_print"),
    path("programposter/<int:pk>/endre/", views.AgendaItemUpdateView.as_view(), name="agenda_item_update"),
    path("programposter/<int:pk>/slett/", views.AgendaItemDeleteView.as_view(), name="agenda_item_delete"),
    path("gjennomforinger/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("gjennomforinger/<int:pk>/endre/", views.RunUpdateView.as_view(), name="run_update"),
    path("gjennomforinger/<int:pk>/slett/", views.RunDeleteView.as_view(), name="run_delete"),
    path("gjennomforinger/<int:pk>/flytt/", views.RunMoveView.as_view(), name="run_move"),
    path("gjennomforinger/<int:pk>/oppmote/", views.AttendanceSheetView.as_view(), name="run_attendance"),
    path("gjennomforinger/<int:pk>/program/", views.RunAgendaPrintView.as_view(), name="run_agenda_print"),
]
