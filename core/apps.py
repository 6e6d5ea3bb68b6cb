from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core import calendar_clock, receivers, registry  # noqa: F401  (receivers connects the auth signals)

        calendar_clock.connect()
        # Every app's contributions (reminder kinds, GDPR parts, ...): see core/registry.py. Core's own
        # reminder kind first, as autodiscovery finds the package core.reminders, not its kinds module.
        from core.reminders import kinds  # noqa: F401

        registry.autodiscover()
