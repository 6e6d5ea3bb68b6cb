# Production image for lederprogram: gunicorn by default; the same image runs the Celery
# worker and beat (see docker-compose.yml). Kept correct by review: there is no Docker
# engine on the development machines.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries and a font; gettext for compilemessages (same list as RUN_DEBS in the Makefile).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

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

CMD ["gunicorn", "lederprogram.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
