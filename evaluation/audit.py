"""What the evaluation app's audit-log action codes mean to a reader (registered with core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import register_labels

register_labels(
    {
        "evaluation.created": _("Programme evaluation opened"),
        "evaluation.closed": _("Evaluation closed"),
        "evaluation.exported": _("Evaluation results exported"),
        "evaluation.ten_factor_saved": _("10-faktor averages saved"),
        "report.requested": _("Report build requested"),
        "report.downloaded": _("Report downloaded"),
    }
)
