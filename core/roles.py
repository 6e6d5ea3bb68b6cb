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


def roles_of(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    from core.models import MunicipalityRole
    from participants.models import Facilitator, Participant

    municipality_rows = list(MunicipalityRole.objects.filter(user=user).values_list("role", "municipality_id"))
    roles = Roles(
        hr=frozenset(m for r, m in municipality_rows if r == MunicipalityRole.Role.HR),
        executive=frozenset(m for r, m in municipality_rows if r == MunicipalityRole.Role.EXECUTIVE),
        participant=frozenset(Participant.objects.filter(user=user).order_by().values_list("programme_id", flat=True)),
        facilitator=frozenset(Facilitator.objects.filter(user=user).values_list("programme_id", flat=True)),
    )
    user._roles_cache = roles
    return roles


def forget_roles(user):
    """Call after granting a role to a user object that stays in use."""
    if hasattr(user, "_roles_cache"):
        del user._roles_cache
