# Calendar feeds and .ics downloads (issue 3, item 5).
urlpatterns = []
