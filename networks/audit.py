"""What the networks app's audit-log action codes mean to a reader (registered with core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import register_labels

register_labels(
    {
        "network.composed": _("Cross-municipal panel or pairs set up"),
        "theme_day.planned": _("Local theme day planned"),
        "theme_day.held": _("Local theme day marked as held"),
    }
)
