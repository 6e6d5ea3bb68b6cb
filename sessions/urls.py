from django.urls import path

from sessions import shape_views, template_views, views

urlpatterns = [
    path(
        "programmer/<int:pk>/samlinger/ny/",
        views.ExtensionGatheringCreateView.as_view(),
        name="extension_gathering_create",
    ),
    # Programme templates: the gatherings, agenda and runs a template carries are this app's (issue 18).
    path("programmer/<int:pk>/lagre-som-mal/", template_views.TemplateSaveView.as_view(), name="template_save"),
    path("programmer/<int:pk>/neste-kull/", template_views.ProgrammeCopyView.as_view(), name="programme_copy"),
    path("programmaler/", template_views.TemplateListView.as_view(), name="template_list"),
    path("programmaler/<int:pk>/", template_views.TemplateDetailView.as_view(), name="template_detail"),
    path("programmaler/<int:pk>/bruk/", template_views.TemplateUseView.as_view(), name="template_use"),
    path("programmaler/<int:pk>/endre/", template_views.TemplateEditView.as_view(), name="template_edit"),
    path("programmaler/<int:pk>/slett/", template_views.TemplateDeleteView.as_view(), name="template_delete"),
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
    path("gjennomforinger/<int:pk>/oppmote/alle/", views.AttendanceAllPresentView.as_view(), name="run_attendance_all"),
    path("gjennomforinger/<int:pk>/innsjekk.pdf", views.SignInSheetPdfView.as_view(), name="run_sign_in_pdf"),
    path("gjennomforinger/<int:pk>/program/", views.RunAgendaPrintView.as_view(), name="run_agenda_print"),
]
