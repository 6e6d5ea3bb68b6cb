from programmes.selectors import programmes_visible_to
from sessions.models import Gathering


def gatherings_visible_to(user):
    return Gathering.objects.filter(programme__in=programmes_visible_to(user)).select_related(
        "programme__municipality", "programme__extension_decision"
    )
