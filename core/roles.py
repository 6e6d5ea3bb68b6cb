"""What roles a user holds, loaded once per request and kept on the user object.

`rules.py` predicates and selectors both read this, so a page asks the database about
roles a fixed number of times, however many objects it checks.
"""

from dataclasses import dataclass, field

from core.registry import Registry


@dataclass(frozen=True)
class Roles:
    hr: frozenset = field(default_factory=frozenset)  # municipality ids
    executive: frozenset = field(default_factory=frozenset)  # municipality ids
    participant: frozenset = field(default_factory=frozenset)  # programme ids
    facilitator: frozenset = field(default_factory=frozenset)  # programme ids
    organiser: frozenset = field(default_factory=frozenset)  # network ids

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
    def is_organiser(self):
        return bool(self.organiser)

    @property
    def any(self):
        return bool(self.hr or self.executive or self.participant or self.facilitator or self.organiser)


NO_ROLES = Roles()
# Kinds of programme role in the roles query; municipality roles are MunicipalityRole.Role values.
PARTICIPANT, FACILITATOR = "~participant", "~facilitator"
ORGANISER = "~organiser"  # a network role (core.NetworkRole); its scope is a network id


@dataclass(frozen=True)
class ProgrammeRole:
    """A role held in a programme through a row of `model` (with `user` and `programme` fields),
    registered by the app that owns the model (participants/roles.py), keyed by the Invitation.Role
    that grants it. Core reads roles, people and audit rows through it without importing the app."""

    kind: str  # PARTICIPANT or FACILITATOR: the Roles field its programme ids fill
    model: type
    related_name: str  # the User's reverse accessor ("participations")
    grant: object  # fn(*, user, programme, fields): the row an accepted invitation makes


PROGRAMME_ROLES = Registry("programme roles")


def roles_of(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    from django.db.models import F, Value

    from core.models import MunicipalityRole, NetworkRole

    # One query for all sources of roles: every page asks, so every query saved here counts.
    role = MunicipalityRole.objects.filter(user=user).annotate(kind=F("role"), scope=F("municipality_id"))
    network_role = NetworkRole.objects.filter(user=user).annotate(kind=Value(ORGANISER), scope=F("network_id"))
    programme_roles = [
        source.model.objects.filter(user=user).annotate(kind=Value(source.kind), scope=F("programme_id"))
        for source in PROGRAMME_ROLES
    ]
    rows = list(
        role.values_list("kind", "scope")
        .order_by()
        .union(
            *(rows.values_list("kind", "scope").order_by() for rows in programme_roles),
            network_role.values_list("kind", "scope").order_by(),
            all=True,
        )
    )
    roles = Roles(
        hr=frozenset(scope for kind, scope in rows if kind == MunicipalityRole.Role.HR),
        executive=frozenset(scope for kind, scope in rows if kind == MunicipalityRole.Role.EXECUTIVE),
        participant=frozenset(scope for kind, scope in rows if kind == PARTICIPANT),
        facilitator=frozenset(scope for kind, scope in rows if kind == FACILITATOR),
        organiser=frozenset(scope for kind, scope in rows if kind == ORGANISER),
    )
    user._roles_cache = roles
    return roles


def forget_roles(user):
    """Call after granting a role to a user object that stays in use."""
    if hasattr(user, "_roles_cache"):
        del user._roles_cache
    # What networks/selectors.member_municipalities kept from those roles.
    if hasattr(user, "_network_members_cache"):
        del user._network_members_cache
