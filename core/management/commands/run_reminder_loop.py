"""The reminder scan in a loop, for a site without Celery beat: `make run` starts it beside runserver.

Without REDIS_URL tasks run eagerly, so each scan also sends. The loop ends by itself when the
process that started it goes away (its parent changes), so `make run` never leaves one behind,
even when Ctrl+C stops runserver and the shell without running a trap.
"""

import logging
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core.reminders.services import reminders_scan

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the reminder scan every REMINDER_SCAN_INTERVAL seconds until stopped (or its parent exits)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=None, help="Seconds between scans.")
        parser.add_argument("--once", action="store_true", help="Scan once and stop.")

    def handle(self, *args, interval=None, once=False, **options):
        interval = interval or settings.REMINDER_SCAN_INTERVAL
        parent = os.getppid()
        self.stdout.write(f"reminder loop: a scan every {interval} s")
        while True:
            try:
                result = reminders_scan()
                if result.created or result.enqueued or result.not_enqueued:
                    self.stdout.write(f"reminder loop: {result.created} new, {result.enqueued} sent or queued")
            except Exception:
                # A bad moment (database locked, restarting) must not end the loop; the next scan redoes it.
                logger.exception("reminder scan failed")
            finally:
                close_old_connections()
            if once:
                return
            deadline = time.monotonic() + interval
            while time.monotonic() < deadline:
                if os.getppid() != parent:
                    return
                time.sleep(1)
