from core.models import Invitation, Municipality, MunicipalityRole, User
from core.roles import roles_of


def municipalities_administered_by(user):
    return Municipality.objects.filter(pk__in=roles_of(user).hr)


def invitations_visible_to(user):
    return Invitation.objects.filter(municipality_id__in=roles_of(user).hr).select_related(
        "municipality", "programme", "invited_by"
    )


def people_of_municipality(municipality):
    """Everyone holding a role in the municipality or one of its programmes, with their roles."""
    from django.db.models import Prefetch, Q

    from core.roles import PROGRAMME_ROLES

    # Participations and facilitations (participants/roles.py), as `participations_here` and
    # `facilitations_here`.
    programme_roles = list(PROGRAMME_ROLES)
    in_programmes = Q()
    for source in programme_roles:
        in_programmes |= Q(**{f"{source.related_name}__programme__municipality": municipality})
    return (
        User.objects.filter(Q(municipality_roles__municipality=municipality) | in_programmes)
        .distinct()
        .prefetch_related(
            Prefetch(
                "municipality_roles",
                queryset=MunicipalityRole.objects.filter(municipality=municipality),
                to_attr="roles_here",
            ),
            *(
                Prefetch(
                    source.related_name,
                    queryset=source.model.objects.filter(programme__municipality=municipality).select_related(
                        "programme"
                    ),
                    to_attr=f"{source.related_name}_here",
                )
                for source in programme_roles
            ),
        )
        .order_by("first_name", "last_name", "email")
    )
