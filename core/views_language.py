"""The footer's language switcher: Django's set_language, and for a logged-in person also their own choice."""

from django.contrib.auth.decorators import login_not_required
from django.views.i18n import set_language as django_set_language

from core.language import available_languages
from core.services import language_choose


@login_not_required
def set_language(request):
    response = django_set_language(request)
    language = request.POST.get("language")
    # Kept beyond this browser: the person's pages, e-mails and PDFs follow it (core.language).
    if request.method == "POST" and request.user.is_authenticated and language in available_languages():
        language_choose(user=request.user, language=language, request=request)
    return response
