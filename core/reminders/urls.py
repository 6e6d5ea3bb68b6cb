from django.urls import path

from core.reminders import views

urlpatterns = [
    path("paminnelser/", views.ReminderPreferencesView.as_view(), name="reminder_preferences"),
    path("kommuner/<int:pk>/paminnelser/", views.ReminderLogView.as_view(), name="reminder_log"),
]
