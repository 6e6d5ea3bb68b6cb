import functools

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

# Microsoft's shared authorities: any Microsoft account, from any directory or none, signs in there,
# and the e-mail address it brings is whatever that account says. Only a municipality's own tenant
# vouches for the addresses of its people.
MICROSOFT_SHARED_TENANTS = {"", "common", "organizations", "consumers"}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Nobody signs up on their own: HR invites every person, and the invitation sets the role.
        return False

    def login(self, request, user):
        super().login(request, user)
        if getattr(request, "_entra_login", False) and settings.ENTRA_COUNTS_AS_MFA:
            # The municipality's Entra ID asks for its own second factor (its conditional access),
            # and the deployment has said that this counts: no separate TOTP enrolment is demanded.
            from core.middleware import MFARequiredMiddleware

            request.session[MFARequiredMiddleware.SESSION_KEY] = True

    def send_mail(self, template_prefix, email, context):
        """allauth's mails (a new password, a changed one, two-step login) in the person's language
        (core.language), not in the language of the browser that asked for them."""
        from django.utils import translation

        from core.language import language_of
        from core.models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        with translation.override(language_of(user) if user is not None else translation.get_language()):
            return super().send_mail(template_prefix, email, context)


@functools.cache
def _no_social_app():
    from allauth.socialaccount.models import SocialApp
    from django.http import Http404

    class NoSocialApp(SocialApp.DoesNotExist, Http404):
        """No app for the provider: allauth's code still sees DoesNotExist, a visitor gets 404, not 500."""

    return NoSocialApp


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Microsoft Entra ID logs in people who already have a user here; it never creates one."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def list_apps(self, request, provider=None, client_id=None):
        # The login page's Content-Security-Policy lets the form go to Microsoft only with ENTRA_LOGIN;
        # without it a configured app stays unused (no button, and its login URL answers 404).
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        return [app for app in apps if app.provider != "microsoft" or settings.ENTRA_LOGIN]

    def get_app(self, request, provider, client_id=None):
        from allauth.socialaccount.models import SocialApp

        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise _no_social_app() from None

    def pre_social_login(self, request, sociallogin):
        if sociallogin.account.provider != "microsoft":
            return
        request._entra_login = True
        if sociallogin.state.get("process", "login") != "login":
            # Connecting a Microsoft account from the account pages is not offered: the e-mail
            # address decides whose account it is, at login.
            self._refuse(request, sociallogin)
        if sociallogin.is_existing:
            return  # this Microsoft account was connected to its user at an earlier login
        user = self._existing_user(sociallogin)
        if user is None:
            self._refuse(request, sociallogin)
        # Connected once by the address, later logins find the user by the account's stable id.
        sociallogin.connect(request, user)

    def _existing_user(self, sociallogin):
        from allauth.account.models import EmailAddress

        app = sociallogin.provider.app
        tenant = str(app.settings.get("tenant", "")).strip().lower()
        if tenant in MICROSOFT_SHARED_TENANTS:
            return None
        email = (sociallogin.user.email or "").strip()
        domains = {d.strip().lower().lstrip("@") for d in app.settings.get("email_domains", [])}
        if not email or (domains and email.rpartition("@")[2].lower() not in domains):
            return None
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=True, user__is_active=True)
            .select_related("user")
            .first()
        )
        return address.user if address else None

    def _refuse(self, request, sociallogin):
        from allauth.core.exceptions import ImmediateHttpResponse
        from django.contrib import messages
        from django.contrib.auth.signals import user_login_failed
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        messages.error(
            request,
            _(
                "Your Microsoft account does not match a user of Lederprogram. Log in with your e-mail "
                "address and password, or ask your HR administrator for an invitation."
            ),
        )
        # The audit log's failed login (core.receivers), with the address Microsoft gave.
        user_login_failed.send(sender=__name__, credentials={"email": sociallogin.user.email or ""}, request=request)
        raise ImmediateHttpResponse(redirect("account_login"))
