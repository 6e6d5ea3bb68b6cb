"""What the apps' reminder kinds share about programmes: only active programmes remind anyone.

No kind of its own (see core/registry.py and core/reminders/).
"""

from django.db.models import Q


def active_programme(prefix):
    from programmes.models import Programme

    return Q(**{f"{prefix}status": Programme.Status.ACTIVE})
