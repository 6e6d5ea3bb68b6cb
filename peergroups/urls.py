from django.urls import path

from peergroups import commitment_views, views

urlpatterns = [
    path("kollegagrupper/", views.MyGroupsView.as_view(), name="peergroups_mine"),
    path("programmer/<int:pk>/kollegagrupper/", views.GroupListView.as_view(), name="peergroup_list"),
    path("programmer/<int:pk>/kollegagrupper/sett-sammen/", views.ComposeView.as_view(), name="peergroup_compose"),
    path("programmer/<int:pk>/kollegagrupper/bekreft/", views.ConfirmView.as_view(), name="peergroup_confirm"),
    path("programmer/<int:pk>/kollegagrupper/flytt/", views.MoveView.as_view(), name="peergroup_move"),
    path("programmer/<int:pk>/lederutfordringer/temaer/", views.ThemesView.as_view(), name="peergroup_themes"),
    path("kollegagrupper/<int:pk>/", views.GroupDetailView.as_view(), name="peergroup_detail"),
    path("kollegagrupper/<int:pk>/endre/", views.GroupUpdateView.as_view(), name="peergroup_update"),
    path("kollegagrupper/<int:pk>/moter/nytt/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("kollegagrupper/<int:pk>/saker/", views.CaseListView.as_view(), name="case_list"),
    path("kollegagrupper/<int:pk>/saker/ny/", views.CaseCreateView.as_view(), name="case_create"),
    path(
        "kollegagrupper/<int:pk>/hjemme/",
        commitment_views.GroupCommitmentsView.as_view(),
        name="peergroup_commitments",
    ),
    path("kollegamoter/<int:pk>/endre/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("kollegamoter/<int:pk>/slett/", views.MeetingDeleteView.as_view(), name="meeting_delete"),
    path("lederutfordringer/<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("lederutfordringer/<int:pk>/endre/", views.CaseUpdateView.as_view(), name="case_update"),
    path("lederutfordringer/<int:pk>/oppfolging/", views.CaseFollowUpView.as_view(), name="case_follow_up"),
    path("samlinger/<int:pk>/lederutfordringer/", views.CaseRoundView.as_view(), name="case_round"),
]
