from django.urls import path

from peergroups.views import cases, commitments, gathering, groups, meetings, programme

urlpatterns = [
    path("kollegagrupper/", groups.MyGroupsView.as_view(), name="peergroups_mine"),
    path("programmer/<int:pk>/kollegagrupper/", programme.GroupListView.as_view(), name="peergroup_list"),
    path("programmer/<int:pk>/kollegagrupper/sett-sammen/", programme.ComposeView.as_view(), name="peergroup_compose"),
    path("programmer/<int:pk>/kollegagrupper/bekreft/", programme.ConfirmView.as_view(), name="peergroup_confirm"),
    path("programmer/<int:pk>/kollegagrupper/flytt/", programme.MoveView.as_view(), name="peergroup_move"),
    path("programmer/<int:pk>/lederutfordringer/temaer/", programme.ThemesView.as_view(), name="peergroup_themes"),
    path("kollegagrupper/<int:pk>/", groups.GroupDetailView.as_view(), name="peergroup_detail"),
    path("kollegagrupper/<int:pk>/endre/", groups.GroupUpdateView.as_view(), name="peergroup_update"),
    path("kollegagrupper/<int:pk>/moter/nytt/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("kollegagrupper/<int:pk>/saker/", cases.CaseListView.as_view(), name="case_list"),
    path("kollegagrupper/<int:pk>/saker/ny/", cases.CaseCreateView.as_view(), name="case_create"),
    path("kollegagrupper/<int:pk>/hjemme/", commitments.GroupCommitmentsView.as_view(), name="peergroup_commitments"),
    path("kollegamoter/<int:pk>/endre/", meetings.MeetingUpdateView.as_view(), name="meeting_update"),
    path("kollegamoter/<int:pk>/slett/", meetings.MeetingDeleteView.as_view(), name="meeting_delete"),
    path("lederutfordringer/<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("lederutfordringer/<int:pk>/endre/", cases.CaseUpdateView.as_view(), name="case_update"),
    path("lederutfordringer/<int:pk>/oppfolging/", cases.CaseFollowUpView.as_view(), name="case_follow_up"),
    path("samlinger/<int:pk>/lederutfordringer/", gathering.CaseRoundView.as_view(), name="case_round"),
]
