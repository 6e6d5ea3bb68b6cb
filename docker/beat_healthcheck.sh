#!/bin/sh
# Beat is healthy while its schedule file is being written: beat syncs it at least every few minutes
# (beat_sync_every, max loop interval 300 s) as long as its loop runs.
find /var/lib/celery-beat -maxdepth 1 -name 'celerybeat-schedule*' -mmin -10 | grep -q .
