"""What the programmes app's audit-log action codes mean to a reader (registered with core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import register_labels

register_labels(
    {
        "programme.created": _("Programme created"),
        "programme.updated": _("Programme changed"),
        "programme.extension_decided": _("Extension decided"),
        "programme.extension_override": _("Extension decided before the evaluation was published"),
        "programme.extension_themes_proposed": _("Needs proposed as themes of the extension's gatherings"),
    }
)
