"""Django's authentication signals: the session clocks and the audit log of logins.

Signals because the auth framework offers no other hook that every way of logging in passes
through (allauth's form, password reset, the invitation page, the admin).
"""

import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from core.middleware import SESSION_LAST_SEEN, SESSION_STARTED


def client_ip(request):
    """The address a request came from, for the audit log: the same one allauth's rate limits count,
    so behind a reverse proxy the client's, not the proxy's (settings: TRUSTED_PROXY_COUNT)."""
    if request is None:
        return ""
    from allauth.account.adapter import get_adapter
    from django.core.exceptions import ImproperlyConfigured, PermissionDenied

    try:
        return get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):  # a forwarded-for header shorter than the trusted hops
        return request.META.get("REMOTE_ADDR", "")


@receiver(user_logged_in, dispatch_uid="core.session_clocks")
def start_session_clocks(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED] = now
        request.session[SESSION_LAST_SEEN] = now


@receiver(user_logged_in, dispatch_uid="core.session_language")
def remember_language(sender, request, user, **kwargs):
    from core.language import remember_for_session

    remember_for_session(request, user)


@receiver(user_logged_in, dispatch_uid="core.audit_login")
def audit_login(sender, request, user, **kwargs):
    from core.services import audit_log

    audit_log(actor=user, action="auth.login", target=user, ip=client_ip(request))


@receiver(user_login_failed, dispatch_uid="core.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    from core.models import User
    from core.services import audit_log

    # Only who was tried, never the password: Django has already masked it, and it is not stored.
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    user = User.objects.filter(email__iexact=email).first() if email else None
    audit_log(actor=None, action="auth.login_failed", target=user, ip=client_ip(request), email=email)
