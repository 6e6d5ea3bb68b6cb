from participants.models import Participant


def participants_of(programme):
    """A programme's participants with their user and assigned facilitator."""
    return (
        Participant.objects.filter(programme=programme)
        .select_related("user", "facilitator")
        .order_by("user__first_name", "user__last_name")
    )
