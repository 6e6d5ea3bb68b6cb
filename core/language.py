"""Which language a person reads: their own choice, else their municipality's målform, else bokmål.

- A person's own choice is the MailPreference row (the *Påminnelser* page, or the footer's language
  switcher while logged in). It decides their pages, e-mails and the PDFs they print.
- Without one, the målform of the municipality the thing is about (a reminder's, an invitation's), or
  of the municipalities they belong to when those agree. A facilitator who serves a bokmål and a
  nynorsk municipality reads the site's language until they choose.
- The language of pages is decided at login and kept in the session, so a page asks the database
  nothing more (core.middleware.LanguageMiddleware reads it). A change of the municipality's målform
  reaches its people at their next login; a person's own choice at once.
"""

from django.conf import settings

SESSION_LANGUAGE = "_language"


def available_languages():
    return {code for code, _name in settings.LANGUAGES}


def municipalities_language(user):
    """The målform of all the person's municipalities when they agree, else None (one query)."""
    from django.db.models import Q

    from core.models import Municipality
    from core.roles import roles_of

    roles = roles_of(user)
    programmes = roles.participant | roles.facilitator
    if not (roles.hr or roles.executive or programmes):
        return None
    languages = set(
        Municipality.objects.filter(Q(pk__in=roles.hr | roles.executive) | Q(programmes__pk__in=programmes))
        .values_list("language", flat=True)
        .distinct()
    )
    return languages.pop() if len(languages) == 1 else None


def own_choice(user):
    from core.models import MailPreference

    if user is None or not user.is_authenticated:
        return None
    return MailPreference.objects.filter(user=user).values_list("language", flat=True).first()


def language_of(user, *, municipality=None):
    """The language to write to `user` in: about something of `municipality`, when one is given."""
    chosen = own_choice(user)
    if chosen in available_languages():
        return chosen
    if municipality is not None:
        return municipality.language
    if user is not None and user.is_authenticated:
        return municipalities_language(user) or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def remember_for_session(request, user):
    """At login (core.receivers) and after a change of choice: the session's pages follow the person."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE] = language_of(user)
