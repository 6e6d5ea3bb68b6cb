#!/usr/bin/env bash
# make loadtest: the Bergen demo (336 leaders) under 50 users for LOADTEST_DURATION (default 5m),
# on gunicorn + PostgreSQL + Redis + a Celery worker on this machine. Not part of make test or CI.
#
# It drops and recreates its own database (LOADTEST_DB) and uses its own Redis database number, so
# it touches nothing else. Two-step login is off for the run (MFA_REQUIRED=0): the users log in with
# the demo password through the real login form, and TOTP codes are not what is being measured.
set -euo pipefail
# Users arrive one a second (LOADTEST_SPAWN_RATE): a login hashes the password on purpose slowly
# (Argon2id, some 25 ms of CPU), and 50 people do not log in within the same few seconds.
#
# LOADTEST_SCENARIO=runday: the end of a run day instead (loadtest/runday.py): 300 leaders arrive over
# two minutes, log in, answer the feedback, open plan and calendar and leave, while HR marks attendance.
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
SCENARIO=${LOADTEST_SCENARIO:-browse}
DURATION=${LOADTEST_DURATION:-5m}
USERS=50  # the locustfile's fixed counts: 3 HR, 5 facilitators, 2 executives, 40 participants
LOCUSTFILE=loadtest/locustfile.py
SPAWN_RATE=${LOADTEST_SPAWN_RATE:-1}
if [ "$SCENARIO" = runday ]; then
    LEADERS=${LOADTEST_RUNDAY_LEADERS:-300}
    export LOADTEST_RUNDAY_LEADERS=$LEADERS
    USERS=$((LEADERS + 2))  # runday.py's fixed counts: the leaders and 2 × HR
    LOCUSTFILE=loadtest/runday.py
    SPAWN_RATE=${LOADTEST_SPAWN_RATE:-$(python3 -c "print(round($USERS / 120, 2))")}  # all within two minutes
    DURATION=${LOADTEST_DURATION:-4m}
fi
PG=${LOADTEST_PG:-postgres://postgres@127.0.0.1:5432}
DB=${LOADTEST_DB:-lederprogram_load}
PORT=${LOADTEST_PORT:-8765}
# 3 sync workers × 1 thread, as the image runs: measured against 5 workers on a quiet machine (README, Load test).
WORKERS=${LOADTEST_WORKERS:-3}
THREADS=${LOADTEST_THREADS:-1}
OUT=${LOADTEST_OUT:-test-artifacts/loadtest}

export DATABASE_URL="$PG/$DB"
export REDIS_URL=${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/14}  # CI and its tests use 15
export DATABASE_CONN_MAX_AGE=60
export MFA_REQUIRED=0
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export MEDIA_ROOT="$PWD/$OUT/media"
unset DJANGO_ENV DJANGO_DEBUG
mkdir -p "$OUT"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

echo "== database $DB (new), Redis $REDIS_URL"
psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"$VENV/bin/python" -c "import redis, os; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"
"$VENV/bin/python" manage.py migrate --noinput -v0
"$VENV/bin/python" manage.py compilemessages --ignore=.venv -v0
"$VENV/bin/python" manage.py collectstatic --noinput -v0
"$VENV/bin/python" manage.py load_demo >/dev/null
if [ "$SCENARIO" = runday ]; then
    "$VENV/bin/python" loadtest/runday_prepare.py "$OUT/plan.json"
else
    "$VENV/bin/python" loadtest/prepare.py "$OUT/plan.json"
fi

echo "== gunicorn ($WORKERS workers × $THREADS threads) on 127.0.0.1:$PORT and a Celery worker"
"$VENV/bin/gunicorn" lederprogram.wsgi --workers "$WORKERS" --threads "$THREADS" --bind "127.0.0.1:$PORT" \
    --access-logfile "$OUT/access.log" --error-logfile "$OUT/gunicorn.log" &
pids+=($!)
"$VENV/bin/celery" -A lederprogram worker --concurrency 1 --loglevel WARNING --logfile "$OUT/celery.log" >>"$OUT/celery.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/konto/login/" && break
    sleep 0.2
done

echo "== locust ($SCENARIO): $USERS users for $DURATION, $SPAWN_RATE arriving a second"
LOADTEST_PLAN="$OUT/plan.json" LOADTEST_DURATION="$DURATION" LOADTEST_USERS="$USERS" \
    "$VENV/bin/locust" -f "$LOCUSTFILE" --headless --host "http://127.0.0.1:$PORT" \
    --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "$DURATION" --stop-timeout 10 \
    --only-summary --csv "$OUT/stats" --exit-code-on-error 0 2>"$OUT/locust.log" | tee "$OUT/summary.txt" \
    || { tail -20 "$OUT/locust.log"; exit 1; }

echo "== evaluation reports"
"$VENV/bin/python" manage.py shell -c "
from collections import Counter
from evaluation.models import Report
print(dict(Counter(Report.objects.values_list('state', flat=True))))"
