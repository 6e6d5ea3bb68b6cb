"""One reminder scan, for cron on a site without Celery beat (see core/reminders/)."""

from django.core.management.base import BaseCommand

from core.reminders.services import reminders_scan


class Command(BaseCommand):
    help = (
        "Create the reminders that are due now and send them (or queue them, when REDIS_URL is set). "
        "Safe to run as often as you like: nothing is sent twice."
    )

    def handle(self, *args, **options):
        result = reminders_scan()
        self.stdout.write(
            f"reminders: {result.created} new, {result.enqueued} sent or queued, "
            f"{result.not_enqueued} left for the next scan, {result.given_up} given up"
        )
