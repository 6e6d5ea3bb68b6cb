"""The reminder scan in a loop, for a site without Celery beat: `make run` starts it beside runserver.

Without REDIS_URL tasks run eagerly, so each scan also sends. With `--stop-with PID` it ends by
itself once that process is gone: `make run` passes the shell that becomes runserver, so no loop
is left behind, however runserver stops (Ctrl+C reaches a background job only as an ignored signal).
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
        parser.add_argument("--stop-with", type=int, default=None, metavar="PID", help="Stop when this process ends.")

    def handle(self, *args, interval=None, once=False, stop_with=None, **options):
        interval = interval or settings.REMINDER_SCAN_INTERVAL
        self.stdout.write(f"reminder loop: a scan every {interval} s")
        while True:
            try:
                result = reminders_scan()
                if result.created or result.enqueued or result.not_enqueued:
                    self.stdout.write(f"reminder loop: {result.created} new, {result.enqueued} sent or queued")
            except Exception:
                # A bad moment (database locked, restarting) must not end the loop; the next scan redoes it.
                logger.exception("reminder scan failed")
            if once:
                return
            # As a request would: no connection is held across the sleep, a broken one is dropped.
            close_old_connections()
            deadline = time.monotonic() + interval
            while time.monotonic() < deadline:
                if stop_with is not None and not _alive(stop_with):
                    return
                time.sleep(1)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
