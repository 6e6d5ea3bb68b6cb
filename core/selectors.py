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

    from participants.models import Facilitator, Participant

    return (
        User.objects.filter(
            Q(municipality_roles__municipality=municipality)
            | Q(participations__programme__municipality=municipality)
            | Q(facilitations__programme__municipality=municipality)
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "municipality_roles",
                queryset=MunicipalityRole.objects.filter(municipality=municipality),
                to_attr="roles_here",
            ),
            Prefetch(
                "participations",
                queryset=Participant.objects.filter(programme__municipality=municipality).select_related("programme"),
                to_attr="participations_here",
            ),
            Prefetch(
                "facilitations",
                queryset=Facilitator.objects.filter(programme__municipality=municipality).select_related("programme"),
                to_attr="facilitations_here",
            ),
        )
        .order_by("first_name", "last_name", "email")
    )
