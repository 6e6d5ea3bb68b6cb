from django.urls import path

from programmes import template_views, views

urlpatterns = [
    path("programmer/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmer/nytt/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("programmer/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmer/<int:pk>/endre/", views.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("programmer/<int:pk>/lagre-som-mal/", template_views.TemplateSaveView.as_view(), name="template_save"),
    path("programmer/<int:pk>/neste-kull/", template_views.ProgrammeCopyView.as_view(), name="programme_copy"),
    path("programmaler/", template_views.TemplateListView.as_view(), name="template_list"),
    path("programmaler/<int:pk>/", template_views.TemplateDetailView.as_view(), name="template_detail"),
    path("programmaler/<int:pk>/bruk/", template_views.TemplateUseView.as_view(), name="template_use"),
    path("programmaler/<int:pk>/slett/", template_views.TemplateDeleteView.as_view(), name="template_delete"),
    path("programmer/<int:pk>/opsjon/", views.ExtensionDecisionView.as_view(), name="extension_decision"),
]
