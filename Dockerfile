# Production image for lederprogram: gunicorn by default; the same image runs the Celery worker and
# beat (docker-compose.yml). Started and driven in CI by `make deploy-test` (.ci/deploy-test).
#
# Debian bookworm with Debian's own Python (3.11) rather than python:3.11-slim: the base is then a
# plain Debian image that CI can build itself with debootstrap (no image registry is reachable there),
# and production and CI run the same Debian packages and the same interpreter. BASE_IMAGE is
# debian:bookworm-slim from the registry by default; CI passes its local lederprogram-base:bookworm.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    LANG=C.UTF-8 \
    PATH=/opt/venv/bin:$PATH

# Debian's Python and venv; WeasyPrint's system libraries and a font; gettext for compilemessages
# (the same list as RUN_DEBS in the Makefile).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        python3 \
        python3-venv \
        ca-certificates \
        gettext \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && python3 -m venv /opt/venv

RUN groupadd --system app \
    && useradd --system --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so that code changes do not reinstall them. `packages = []` in
# pyproject.toml: this installs only the dependencies; the app runs from /app.
COPY pyproject.toml ./
RUN pip install . && rm -rf build *.egg-info

COPY . .

# The .mo catalogue is not committed; static files (Bootstrap included) are collected into
# /app/staticfiles. Neither step touches the database; the secret is a throwaway for the build.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput -v0

# The source stays root-owned and read-only for the app user; only these are writable
# (named volumes mounted here inherit the ownership on first use).
RUN mkdir -p /app/media /var/lib/celery-beat \
    && chown app:app /app/media /var/lib/celery-beat

USER app

EXPOSE 8000

# Asks gunicorn for the login page as the site's own host over the proxy's HTTPS (docker/healthcheck.py).
HEALTHCHECK --interval=10s --timeout=10s --start-period=60s --retries=5 CMD ["python", "docker/healthcheck.py"]

CMD ["gunicorn", "lederprogram.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
