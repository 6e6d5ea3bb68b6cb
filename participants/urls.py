from django.urls import path

from participants import views

urlpatterns = [
    path("programmer/<int:pk>/deltakere/", views.ParticipantListView.as_view(), name="programme_participants"),
]
