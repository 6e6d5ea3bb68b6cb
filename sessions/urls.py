from django.urls import path

from sessions import views

urlpatterns = [
    path(
        "programmer/<int:pk>/samlinger/ny/",
        views.ExtensionGatheringCreateView.as_view(),
        name="extension_gathering_create",
    ),
    path("samlinger/<int:pk>/", views.GatheringDetailView.as_view(), name="gathering_detail"),
    path("samlinger/<int:pk>/endre/", views.GatheringUpdateView.as_view(), name="gathering_update"),
]
