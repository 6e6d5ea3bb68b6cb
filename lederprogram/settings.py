"""One settings file for every environment, driven by environment variables.

With nothing set it runs on SQLite, with eager Celery tasks, a cache in files that every process shares and
e-mail to the console: what `make run` and `make test` need. `DATABASE_URL` switches to
PostgreSQL, `REDIS_URL` to Redis for Celery and the cache.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lederprogram.env import env_bool, env_int, env_ints

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# DJANGO_ENV=production: HTTPS only and a secret that must come from the environment.
# `python manage.py check --deploy` is clean with it (tests/test_security.py).
PRODUCTION = os.environ.get("DJANGO_ENV", "development").strip().lower() == "production"
if PRODUCTION:
    if not os.environ.get("DJANGO_SECRET_KEY"):
        raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_ENV=production.")
    DEBUG = False
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Behind the municipality's TLS-terminating proxy, which sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Only allows submitting the domain to the browsers' preload list; nothing is submitted by itself.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session ends after 30 minutes without a request and 12 hours after login at the latest
# (core.middleware.SessionTimeoutMiddleware); the cookie never outlives the longer of the two.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_MAX_SECONDS = int(os.environ.get("SESSION_MAX_SECONDS", str(12 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (django-csp): scripts and styles only from our own static files; no inline
# script anywhere. Inline style attributes are allowed (Bootstrap's components set some).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "core",
    "programmes",
    "participants",
    "sessions.apps.GatheringsConfig",
    "peergroups",
    "evaluation",
    "networks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.middleware.SessionTimeoutMiddleware",
    "core.middleware.MFARequiredMiddleware",
    "core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "lederprogram.urls"
# Django's own CSRF page is English and says "more information is available with DEBUG=True".
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
WSGI_APPLICATION = "lederprogram.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
            # long_date, date_range, percent ...: every template formats dates through them, without a load tag.
            "builtins": ["core.templatetags.dates"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
    "DATABASE_PREPARED_STATEMENTS", "1"
) not in ("0", ""):
    # Django turns psycopg's prepared statements off, for poolers that hand each transaction another
    # session (PgBouncer in transaction mode). Django's own cursors bind values on the client and never
    # prepare; this lets core.precompiled prepare the calendar feed's queries, which are planned on
    # every poll otherwise. Behind such a pooler, set DATABASE_PREPARED_STATEMENTS=0.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Without Redis the cache must still be one for every process: allauth's login limits and
    # lock-out, the calendar feeds' bodies. Local memory would be each gunicorn worker's own (a locked
    # account let in by the next worker). Files on this machine are shared by every process, and
    # without Redis there is no broker, tasks run in the web process, and everything is on one machine
    # (as SQLite is). The database cache would add a query to every cached read (a feed poll is one
    # query by design). CACHE_DIR defaults to a directory per checkout under the system's temp dir.
    import hashlib
    import tempfile

    CACHES = {
        "default": {
            # Django's, without counting the directory's files before every write (core/cache.py).
            "BACKEND": "core.cache.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR")
            or str(
                Path(tempfile.gettempdir())
                / f"lederprogram-cache-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]}"
            ),
            # Culling drops a third of the entries at random, rate-limit histories among them.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Celery: a real broker when REDIS_URL is set; otherwise tasks run in-process at once.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Oslo"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id first (core/hashers.py: OWASP's parameters); the rest only verify older hashes, and Django
# re-hashes a password with the first hasher at the next successful login.
PASSWORD_HASHERS = [
    "core.hashers.OWASPArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "core.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "core.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "core.password_validation.CommonPasswordValidator"},
    {"NAME": "core.password_validation.NumericPasswordValidator"},
]
# Two-step login (allauth.mfa): an authenticator app (TOTP) and recovery codes. Required for HR
# administrators, facilitators and staff (core.middleware.MFARequiredMiddleware), optional for others.
# `make run` turns the requirement off so the demo logins work at once.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lederprogram"
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: e-mail is the login; nobody signs up on their own (HR invites).
ACCOUNT_ADAPTER = "core.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Lederprogram] "
# allauth's own defaults, stated so that nobody switches them off by accident.
# A municipality's staff reach us from a handful of addresses (the town hall's NAT, the venue's wifi):
# a whole run of ~100 leaders logs in from one address within minutes. So the per-address limits
# are sized for a room, and the guard against guessing is per account (5 wrong in 5 minutes).
# Behind a reverse proxy, TRUSTED_PROXY_COUNT says how many X-Forwarded-For hops are ours;
# without it every request would seem to come from the proxy and share one address's limits.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_RATE_LIMITS = {
    "login": os.environ.get("LOGIN_RATE_LIMIT", "300/m/ip"),
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "60/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "signup": "20/m/ip",
}
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))

LANGUAGE_CODE = "nb"
# Bokmål and nynorsk are a municipality's målform (Municipality.language); English for facilitators.
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers the Norwegian way in every language (core/formatting.py has the rest).
FORMAT_MODULE_PATH = ["lederprogram.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Lederprogram <noreply@lederprogram.local>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

MESSAGE_TAGS = {40: "danger"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Evaluation results, case-theme counts and every other aggregate about people are never shown for
# fewer respondents (or cases) than this. It cannot be set below 3.
ANONYMITY_THRESHOLD = max(3, int(os.environ.get("ANONYMITY_THRESHOLD", "5")))


# --- Reminders (issue 7): see core/reminders/__init__.py ---------------------------------------
# Celery beat runs one scan at this fixed interval (never a wall-clock crontab, never an ETA days
# ahead: Redis hands a long-ETA task to another worker after the visibility timeout). Without Redis,
# `manage.py run_reminder_loop` (started by `make run`) runs the same scan in-process.
REMINDER_SCAN_INTERVAL = env_int("REMINDER_SCAN_INTERVAL_SECONDS", 600)
# A row left in "sending" this long belongs to a worker that died: the scan hands it out again.
# Longer than the slowest send can take (EMAIL_TIMEOUT per SMTP step).
REMINDER_SENDING_TIMEOUT = env_int("REMINDER_SENDING_TIMEOUT_SECONDS", 900)
# A pending row whose task is on the queue is not queued again before this (the queue may be long, or
# the message lost with a Redis restart: then this is how long it takes to notice).
REMINDER_REQUEUE_AFTER = env_int("REMINDER_REQUEUE_AFTER_SECONDS", 900)
# Sends of one reminder, in all; transient SMTP failures wait BASE, 2×BASE, 4×BASE ... at most MAX.
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 5)
REMINDER_RETRY_BASE = env_int("REMINDER_RETRY_BASE_SECONDS", 60)
REMINDER_RETRY_MAX = env_int("REMINDER_RETRY_MAX_SECONDS", 600)
# What is reminded when (Europe/Oslo wall-clock days before the thing starts, or weeks of silence).
REMINDER_GATHERING_DAYS_BEFORE = env_ints("REMINDER_GATHERING_DAYS_BEFORE", "7,1")
REMINDER_PEER_MEETING_DAYS_BEFORE = env_ints("REMINDER_PEER_MEETING_DAYS_BEFORE", "2")
REMINDER_PLAN_CHECKIN_WEEKS = env_int("REMINDER_PLAN_CHECKIN_WEEKS", 6)
REMINDER_BASELINE_AFTER_DAYS = env_int("REMINDER_BASELINE_AFTER_DAYS", 7)
REMINDER_EVALUATION_CLOSING_DAYS_BEFORE = env_int("REMINDER_EVALUATION_CLOSING_DAYS_BEFORE", 2)
REMINDER_CASE_FOLLOWUP_DAYS_BEFORE = env_int("REMINDER_CASE_FOLLOWUP_DAYS_BEFORE", 3)

# Django waits forever on a silent SMTP server by default; a send must end well within the timeout above.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

CELERY_BEAT_SCHEDULE = {
    "reminders-scan": {
        "task": "core.tasks.scan_reminders",
        "schedule": REMINDER_SCAN_INTERVAL,
        # A scan that waited a whole interval on the queue is replaced by the next one.
        "options": {"expires": REMINDER_SCAN_INTERVAL},
    },
}
# acks_late (above) keeps a message on Redis until its task has finished, so a worker that dies
# mid-task loses nothing. reject_on_worker_lost is set on core.tasks.send_reminder only, where the
# row's claim and attempt count make a redelivery safe and bounded; set for every task, a task
# that kills its worker process would be delivered again forever.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis hands an unacknowledged message to another worker after this; longer than any countdown
    # we use (REMINDER_RETRY_MAX) so that a waiting retry is not run twice. A message of a dead worker
    # comes back after it, and the scan covers the meantime (REMINDER_SENDING_TIMEOUT).
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT_SECONDS", 3600),
    # A web request or the scan that enqueues while Redis is away gives up quickly: the row stays
    # pending and the next scan enqueues it.
    "socket_connect_timeout": 3,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}

# The leader's own space (issue 4): a development plan asks for a check-in this often (start page task).
PLAN_CHECKIN_WEEKS = int(os.environ.get("PLAN_CHECKIN_WEEKS", "4"))
# Personality profiles are deleted when their programme ends, as the consent text promises.
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "purge-ended-profiles": {"task": "participants.tasks.purge_ended_profiles", "schedule": 24 * 60 * 60},
}
# Peer groups: HR's start page flags a group that has met fewer than PEERGROUP_STALLED_MIN_MEETINGS
# times since the programme's last gathering when the next gathering is less than
# PEERGROUP_STALLED_WINDOW_DAYS away.
PEERGROUP_STALLED_WINDOW_DAYS = int(os.environ.get("PEERGROUP_STALLED_WINDOW_DAYS", "14"))
PEERGROUP_STALLED_MIN_MEETINGS = int(os.environ.get("PEERGROUP_STALLED_MIN_MEETINGS", "1"))

# Evaluation (issue 6). Free text reaches the executive's report only with at least this many
# screened answers (never fewer than the threshold). Gathering feedback opens when a run ends and
# closes this many days later.
EVALUATION_REPORT_FREE_TEXT_MIN = max(ANONYMITY_THRESHOLD, int(os.environ.get("EVALUATION_REPORT_FREE_TEXT_MIN", "8")))
EVALUATION_FEEDBACK_OPEN_DAYS = int(os.environ.get("EVALUATION_FEEDBACK_OPEN_DAYS", "14"))

# GDPR (issue 8): a programme's working material (profiles, plans with their history, baselines' free
# text, case texts, feedback, notices) is erased this many days after the programme's end date;
# participation and attendance are kept. Checked daily by Celery beat (or `manage.py purge_expired_material`).
RETENTION_DAYS_AFTER_PROGRAMME_END = env_int("RETENTION_DAYS_AFTER_PROGRAMME_END", 180)
# The executive's report builds itself when the programme evaluation closes by its deadline (a click
# on "close" builds it at once; the report page also queues it if this sweep has not run yet).
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "reports-for-closed-evaluations": {
        "task": "evaluation.tasks.build_reports_for_closed_evaluations",
        "schedule": REMINDER_SCAN_INTERVAL,
        "options": {"expires": REMINDER_SCAN_INTERVAL},
    },
}
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "purge-expired-material": {"task": "core.tasks.purge_expired_material", "schedule": 24 * 60 * 60},
}
# Microsoft Entra ID login (issue 8), optional per deployment: see README "Innlogging med Microsoft".
# A municipality registers an app in its own tenant, sets ENTRA_LOGIN=1 and adds the SocialApp in
# the admin (provider microsoft, client id, secret, settings {"tenant": "<tenant id>"}). Microsoft
# never creates a user here: core.adapters.SocialAccountAdapter logs in the user with that verified
# address, or refuses.
ENTRA_LOGIN = env_bool("ENTRA_LOGIN", False)
# Entra's own second factor counts as ours: HR and facilitators who log in with Microsoft are not
# made to set up TOTP as well. Only when the tenant's conditional access demands MFA for this app.
ENTRA_COUNTS_AS_MFA = env_bool("ENTRA_COUNTS_AS_MFA", False)
SOCIALACCOUNT_ADAPTER = "core.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
# Nothing but the login: Microsoft's access tokens are not kept.
SOCIALACCOUNT_STORE_TOKENS = False
if ENTRA_LOGIN:
    # The login form's POST is answered with a redirect to Microsoft, which form-action governs too.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [
        "'self'",
        os.environ.get("ENTRA_LOGIN_ORIGIN", "https://login.microsoftonline.com"),
    ]

# `manage.py bench --world NAME`: worlds beyond the default three sizes, each a report function that
# may build across every app (so it lives in lederprogram, and core's command finds it by name).
BENCH_WORLDS = {
    "national": "lederprogram.bench_national.report_national",
    "network": "lederprogram.bench_network.report_network",
}
