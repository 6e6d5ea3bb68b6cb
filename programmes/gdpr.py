"""The retention rule for programmes (registered with core/gdpr.py): the working material of a programme
that ended more than RETENTION_DAYS_AFTER_PROGRAMME_END days ago is erased."""

import datetime

from django.conf import settings

from core.gdpr import EXPIRED_MATERIAL, programme_material_erase
from programmes.models import Programme


@EXPIRED_MATERIAL.register
def programmes_ended(*, today):
    cutoff = today - datetime.timedelta(days=settings.RETENTION_DAYS_AFTER_PROGRAMME_END)
    total = 0
    for programme in Programme.objects.filter(end_date__lt=cutoff).select_related("municipality").order_by("pk"):
        total += programme_material_erase(programme=programme)
    return total
