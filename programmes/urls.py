from django.urls import path

from programmes import views

urlpatterns = [
    path("programmer/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmer/nytt/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("programmer/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmer/<int:pk>/endre/", views.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("programmer/<int:pk>/sjekkliste/", views.ProgrammeCockpitView.as_view(), name="programme_cockpit"),
]
