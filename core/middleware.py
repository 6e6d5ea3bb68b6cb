from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """The person's language (core.language, kept in the session at login), else the footer's choice, else bokmål.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many municipal
    PCs are set up in English; the product's language is the municipality's målform, so only an
    explicit choice (the person's, or the language cookie that set_language writes) switches it.
    Reading the session costs no query of its own: authentication loads the same session.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        from core.language import SESSION_LANGUAGE

        session = getattr(request, "session", None)
        person = session.get(SESSION_LANGUAGE) if session is not None else None
        chosen = person if person in self.available else request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request, and SESSION_MAX_SECONDS after login.

    Both clocks live in the session (set at login by core.receivers). The last-seen time is written at
    most once a minute, so ordinary browsing does not save the session on every request.
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        import time

        from django.contrib import messages
        from django.contrib.auth import logout
        from django.utils.translation import gettext as _

        now = int(time.time())
        session = request.session
        started = session.setdefault(SESSION_STARTED, now)
        last_seen = session.get(SESSION_LAST_SEEN, started)
        if now - last_seen > settings.SESSION_IDLE_SECONDS:
            logout(request)
            messages.info(request, _("You were logged out after a while without activity. Log in again."))
        elif now - started > settings.SESSION_MAX_SECONDS:
            logout(request)
            messages.info(
                request, _("You were logged out because you have been logged in for a long time. Log in again.")
            )
        elif now - last_seen >= self.TOUCH_EVERY:
            session[SESSION_LAST_SEEN] = now


SESSION_STARTED = "_login_at"
SESSION_LAST_SEEN = "_last_seen_at"


class NoStoreMiddleware:
    """Pages and files may hold personal data: no browser or proxy keeps a copy, unless a view says otherwise.

    Static files never reach this middleware (WhiteNoise answers them earlier, with long caching).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import add_never_cache_headers

        response = self.get_response(request)
        if "Cache-Control" not in response.headers:
            add_never_cache_headers(response)
        return response


class MFARequiredMiddleware:
    """HR administrators, network organisers, facilitators and staff must set up two-step login before anything else.

    They hold other people's personal data. Until they have an authenticator, every page but those
    that set it up (and logging out) sends them to the setup page. Once found, the
    answer is kept in the session, so the check costs one query per session.
    """

    SESSION_KEY = "_mfa_enrolled"
    # What setting up two-step login needs, and nothing else of /konto/ (not the e-mail addresses,
    # not the connected Microsoft account): the set-up, the recovery codes it shows, the
    # re-authentication allauth may ask for first, and logging out.
    ENROLMENT_PAGES = frozenset(
        {
            "mfa_activate_totp",
            "mfa_index",
            "mfa_view_recovery_codes",
            "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
            "mfa_reauthenticate",
            "account_reauthenticate",
            "account_logout",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MFA_REQUIRED and self._must_enrol(request):
            from django.contrib import messages
            from django.shortcuts import redirect
            from django.utils.translation import gettext as _

            messages.warning(
                request,
                _("As an HR administrator or facilitator you must turn on two-step login before you continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _enrolment_page(self, request):
        from django.urls import Resolver404, resolve

        try:
            return resolve(request.path_info).url_name in self.ENROLMENT_PAGES
        except Resolver404:
            return False

    def _must_enrol(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.session.get(self.SESSION_KEY):
            return False
        if self._enrolment_page(request):
            return False
        from core.roles import roles_of

        roles = roles_of(user)
        # Network organisers too: they see every member municipality's leaders (core/rules.py is_hr).
        if not (roles.is_hr or roles.is_facilitator or roles.is_organiser or user.is_staff):
            return False
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[self.SESSION_KEY] = True
            return False
        return True
