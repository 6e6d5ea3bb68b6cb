"""Writes that concern people, roles and invitations.

Inviting a person creates their user (without a usable password) and grants the role at
once, so HR sees them in lists from the start; accepting the invitation only sets the
password and marks the e-mail address as verified.
"""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import AuditEvent, Invitation, MunicipalityRole, NetworkMember, User
from core.roles import forget_roles


def audit_log(*, actor, action, target=None, municipality=None, target_type="", target_id="", **detail):
    """Append a row: who, what, which object (or its type and id when only those are known). Never content."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        municipality=municipality,
        action=action,
        target_type=target._meta.label if target is not None else target_type,
        target_id=str(target.pk) if target is not None else target_id,
        detail=detail,
    )


def _grant_role(*, user, role, municipality, programme, participant_fields):
    from core.roles import PROGRAMME_ROLES

    if role in Invitation.MUNICIPALITY_ROLES:
        MunicipalityRole.objects.get_or_create(user=user, municipality=municipality, role=role)
    elif role in PROGRAMME_ROLES:
        # The participant's or facilitator's row, made by the app that owns it (participants/roles.py).
        PROGRAMME_ROLES.get(role).grant(
            user=user, programme=programme, fields=participant_fields, municipality=municipality
        )
    forget_roles(user)


@transaction.atomic
def site_url(request=None):
    """The base of links in e-mails: the address the request came in on (scheme, host and port, as
    ALLOWED_HOSTS let it through) where there is a request, else settings.SITE_URL. So an invitation
    sent from the app on port 8001 links to port 8001."""
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL.rstrip("/")


def person_invite(
    *,
    invited_by,
    municipality,
    email,
    role,
    programme=None,
    first_name="",
    last_name="",
    base_url=None,
    **participant_fields,
):
    """Grant `role` to the person with `email` (creating the user if new) and e-mail them a link
    (to `base_url`, the address HR used; SITE_URL when none is given)."""
    email = email.strip().lower()
    if role in Invitation.PROGRAMME_ROLES:
        if programme is None:
            raise ValidationError({"programme": _("Choose the programme for this role.")})
        if programme.network_id is not None:
            # A network programme: a member municipality's HR sends its own leaders; the facilitators
            # are the organiser's to choose.
            member = NetworkMember.objects.filter(network_id=programme.network_id, municipality=municipality)
            if role != Invitation.Role.PARTICIPANT or not member.exists():
                raise ValidationError(
                    {"programme": _("Your municipality can only send participants to this programme.")}
                )
        elif programme.municipality_id != municipality.pk:
            raise ValidationError({"programme": _("The programme belongs to another municipality.")})
    else:
        programme = None
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name.strip(), "last_name": last_name.strip()}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    _grant_role(
        user=user, role=role, municipality=municipality, programme=programme, participant_fields=participant_fields
    )
    invitation = Invitation.objects.create(
        email=email,
        first_name=user.first_name,
        last_name=user.last_name,
        role=role,
        municipality=municipality,
        programme=programme,
        invited_by=invited_by,
        nonce=secrets.token_hex(16),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit_log(actor=invited_by, action="role.granted", target=invitation, municipality=municipality, role=role)
    _enqueue_invitation_mail(invitation, base_url)
    return invitation


def _enqueue_invitation_mail(invitation, base_url=None):
    from core.tasks import enqueue, send_invitation_email

    # With Redis away the request still succeeds: the reminder scan sends what never left (with SITE_URL).
    transaction.on_commit(lambda: enqueue(send_invitation_email, invitation.pk, base_url))


@transaction.atomic
def invitation_resend(*, invitation, resent_by, base_url=None):
    """A fresh link (the old one stops working) and a fresh expiry."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    invitation.nonce = secrets.token_hex(16)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.sent_at = None
    invitation.save(update_fields=["nonce", "expires_at", "sent_at"])
    audit_log(actor=resent_by, action="invitation.resent", target=invitation, municipality=invitation.municipality)
    _enqueue_invitation_mail(invitation, base_url)
    return invitation


def invitation_send(*, invitation_id, base_url=None):
    """Send the invitation e-mail once; a task retry after success sends nothing. The link starts
    with `base_url` (where HR invited from) or, without one, SITE_URL."""
    from core.language import language_of
    from core.mail import send_templated_mail

    claimed = Invitation.objects.filter(pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("municipality", "programme", "invited_by").get(pk=invitation_id)
    try:
        send_templated_mail(
            name="invitation",
            to=invitation.email,
            context={
                "invitation": invitation,
                "accept_url": f"{(base_url or site_url()).rstrip('/')}{invitation_accept_path(invitation)}",
            },
            # In the municipality's målform, unless the person already has an account and a choice of their own.
            language=language_of(
                User.objects.filter(email=invitation.email).first(), municipality=invitation.municipality
            ),
        )
    except Exception:
        # Release the claim so that a retry can send it.
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


def invitation_accept_path(invitation):
    from django.urls import reverse

    return reverse("invitation_accept", kwargs={"pk": invitation.pk, "token": invitation.token})


@transaction.atomic
def invitation_accept(*, invitation, password=None):
    """Set the new user's password (if they have none) and mark their address verified."""
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid."))
    user = User.objects.select_for_update().get(email=invitation.email)
    if not user.has_usable_password():
        if not password:
            raise ValidationError(_("Choose a password."))
        user.set_password(password)
    user.is_active = True
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_log(actor=user, action="invitation.accepted", target=invitation, municipality=invitation.municipality)
    return user


def municipality_language_set(*, municipality, language, actor):
    """HR sets the municipality's målform: the default language of its people's pages, e-mails and reports."""
    from core.models import Municipality

    if language not in Municipality.WrittenStandard.values:
        raise ValidationError({"language": _("Choose bokmål or nynorsk.")})
    previous = municipality.language
    municipality.language = language
    municipality.save(update_fields=["language"])
    audit_log(
        actor=actor,
        action="municipality.language_set",
        target=municipality,
        municipality=municipality,
        previous=previous,
        language=language,
    )
    return municipality


def language_choose(*, user, language, request=None):
    """A person chooses their language (the footer while logged in): kept for their pages and e-mails."""
    from core.language import SESSION_LANGUAGE, available_languages
    from core.models import MailPreference

    if language not in available_languages():
        raise ValueError(language)
    MailPreference.objects.update_or_create(user=user, defaults={"language": language})
    audit_log(actor=user, action="language.chosen", target=user, language=language)
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE] = language
