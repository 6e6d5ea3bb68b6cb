from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    """Gatherings (samlinger). The label is not "sessions": django.contrib.sessions owns that."""

    name = "sessions"
    label = "gatherings"
    verbose_name = _("Gatherings")
