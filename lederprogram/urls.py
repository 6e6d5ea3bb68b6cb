from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from core.views_language import set_language

# The admin has no login of its own: it uses ours, with its rate limits and two-step login.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("core.urls")),
    path("", include("programmes.urls")),
    path("", include("participants.urls")),
    path("", include("sessions.urls")),
    path("", include("sessions.calendar_urls")),
    path("", include("peergroups.urls")),
    path("", include("evaluation.urls")),
    path("", include("networks.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

# Norwegian, in the site's layout (core/errors.py); 403, 404 and 500 use the templates of those names.
handler400 = "core.errors.bad_request"
