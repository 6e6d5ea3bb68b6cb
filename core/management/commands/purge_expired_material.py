from django.conf import settings
from django.core.management.base import BaseCommand

from core.gdpr import material_purge_expired


class Command(BaseCommand):
    help = (
        "Erase the working material of every programme that ended more than "
        "RETENTION_DAYS_AFTER_PROGRAMME_END days ago (the same as the daily Celery beat task)."
    )

    def handle(self, *args, **options):
        changed = material_purge_expired()
        self.stdout.write(
            f"Retention {settings.RETENTION_DAYS_AFTER_PROGRAMME_END} days: {changed} rows erased or scrubbed."
        )
