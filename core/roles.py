"""What roles a user holds, loaded once per request and kept on the user object.

`rules.py` predicates and selectors both read this, so a page asks the database about
roles a fixed number of times, however many objects it checks.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Roles:
    hr: frozenset = field(default_factory=frozenset)  # municipality ids
    executive: frozenset = field(default_factory=frozenset)  # municipality ids
    participant: frozenset = field(default_factory=frozenset)  # programme ids
    facilitator: frozenset = field(default_factory=frozenset)  # programme ids

    @property
    def is_hr(self):
        return bool(self.hr)

    @property
    def is_executive(self):
        return bool(self.executive)

    @property
    def is_participant(self):
        return bool(self.participant)

    @property
    def is_facilitator(self):
        return bool(self.facilitator)

    @property
    def any(self):
        return bool(self.hr or self.executive or self.participant or self.facilitator)


NO_ROLES = Roles()
# Kinds of programme role in the roles query; municipality roles are MunicipalityRole.Role values.
PARTICIPANT, FACILITATOR = "~participant", "~facilitator"


def roles_of(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    from django.db.models import F, Value

    from core.models import MunicipalityRole
    from participants.models import Facilitator, Participant

    # One query for all three sources of roles: every page asks, so every query saved here counts.
    role = MunicipalityRole.objects.filter(user=user).annotate(kind=F("role"), scope=F("municipality_id"))
    participant = Participant.objects.filter(user=user).annotate(kind=Value(PARTICIPANT), scope=F("programme_id"))
    facilitator = Facilitator.objects.filter(user=user).annotate(kind=Value(FACILITATOR), scope=F("programme_id"))
    rows = list(
        role.values_list("kind", "scope")
        .order_by()
        .union(
            participant.values_list("kind", "scope").order_by(),
            facilitator.values_list("kind", "scope").order_by(),
            all=True,
        )
    )
    roles = Roles(
        hr=frozenset(scope for kind, scope in rows if kind == MunicipalityRole.Role.HR),
        executive=frozenset(scope for kind, scope in rows if kind == MunicipalityRole.Role.EXECUTIVE),
        participant=frozenset(scope for kind, scope in rows if kind == PARTICIPANT),
        facilitator=frozenset(scope for kind, scope in rows if kind == FACILITATOR),
    )
    user._roles_cache = roles
    return roles


def forget_roles(user):
    """Call after granting a role to a user object that stays in use."""
    if hasattr(user, "_roles_cache"):
        del user._roles_cache
