# Two commands on a fresh machine: `make run` and `make test`. Both install what they need.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Links in e-mails sent without a request (reminders) point here; `make run PORT=8001` keeps them right.
SITE_URL ?= http://$(HOST):$(PORT)

# Debian packages: gettext compiles translations; pango is WeasyPrint's; chromium drives the browser tests.
RUN_DEBS  := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils

.PHONY: run test test-services deploy-test lint format messages bench loadtest sysdeps-run sysdeps-test install clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet ".[test]"
	touch $(STAMP)

install: $(STAMP)

sysdeps-run:
	@./.ci/debs $(RUN_DEBS)

sysdeps-test:
	@./.ci/debs $(TEST_DEBS)

locale/nb/LC_MESSAGES/django.mo: locale/nb/LC_MESSAGES/django.po locale/nn/LC_MESSAGES/django.po | $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Reminders: run_reminder_loop does without Redis what Celery beat does with it; it runs beside
# runserver (the shell whose PID it watches execs runserver), writes its e-mails as files in
# sent-mail/ and stops by itself when runserver does.
run: sysdeps-run $(STAMP) locale/nb/LC_MESSAGES/django.mo
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	@echo "Lederprogram kjører på http://$(HOST):$(PORT)/  (Ctrl+C stopper)"
	@echo "Totrinnsinnlogging er slått av i demoen (MFA_REQUIRED=0); i drift kreves den for HR og prosessveiledere."
	@echo "Påminnelser sendes av run_reminder_loop og skrives som filer i sent-mail/"
	SITE_URL=$(SITE_URL) EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend $(PY) manage.py run_reminder_loop --stop-with $$$$ & \
	SITE_URL=$(SITE_URL) DJANGO_DEBUG=1 MFA_REQUIRED=0 $(PY) manage.py runserver $(HOST):$(PORT)

test: sysdeps-test $(STAMP) locale/nb/LC_MESSAGES/django.mo
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit -q -r core programmes participants sessions peergroups evaluation lederprogram -ll
	# The import direction: core imports no app, the apps form layers (pyproject.toml [tool.importlinter]).
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/pytest

# The real compose stack built and started, a journey driven through it (.ci/deploy-test). Needs root
# or sudo (Docker); installs docker.io, docker-compose and debootstrap if missing. Part of .ci/run.
deploy-test:
	./.ci/deploy-test

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the catalogue after changing user-facing text, then translate the new entries.
messages: $(STAMP)
	$(PY) manage.py makemessages -l nb -l nn -l en --ignore=.venv --ignore=tests --no-obsolete

# Query counts at 30/336/5,000 participants and median time against a bare page of the same size
# (a report, not a test). SQLite by default; PostgreSQL when DATABASE_URL is set.
bench: $(STAMP) locale/nb/LC_MESSAGES/django.mo
	$(PY) manage.py bench

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts

# 50 users on the Bergen demo for LOADTEST_DURATION (default 5m) against gunicorn, PostgreSQL, Redis and
# a Celery worker on this machine; prints p50/p95 and failures per page (loadtest/run.sh). Not in make test.
loadtest: $(STAMP) locale/nb/LC_MESSAGES/django.mo
	LOADTEST_DURATION=$(or $(LOADTEST_DURATION),5m) ./loadtest/run.sh
