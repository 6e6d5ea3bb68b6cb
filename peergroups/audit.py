"""What the peergroups app's audit-log action codes mean to a reader (registered with core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from core.audit import register_labels

register_labels(
    {
        "peergroups.composed": _("Peer groups proposed"),
        "peergroups.confirmed": _("Peer groups confirmed"),
        "peergroup.updated": _("Peer group changed"),
        "peergroup.member_moved": _("Peer group member moved"),
        "meeting.saved": _("Peer group meeting saved"),
        "meeting.deleted": _("Peer group meeting deleted"),
        "case.created": _("Case logged"),
        "case.followed_up": _("Case followed up"),
        "case.read": _("Case read by the facilitator"),
        "theme.added": _("Case theme added"),
    }
)
