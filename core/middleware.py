from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Norwegian unless the person has chosen another language in the footer.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many municipal
    PCs are set up in English; the product's language is bokmål, so only an explicit choice
    (the language cookie that set_language writes) switches it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
