"""Settings for the services a multi-machine deployment adds (docs/deploy.md): a read
replica, a shared cache, object storage for media and Sentry. Each reads its own
environment variables and is off when they are unset, so one machine needs none."""

from urllib.parse import urlsplit

from marketplace.database import parse_database_url
from marketplace.env import ConfigurationError, env_bool, env_str

REPLICA = "replica"


def replica_database(url: str, conn_max_age: int) -> dict:
    """The DATABASES entry of a read replica; its test database mirrors the primary."""
    entry = parse_database_url(url, conn_max_age)
    entry["TEST"] = {"MIRROR": "default"}
    return entry


def cache_config(url: str) -> dict:
    """`CACHE_URL`: redis://host:port/db (shared by every web node) or locmem:// (one
    process, the default)."""
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss", "unix"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "ocop",
            "TIMEOUT": 300,
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ConfigurationError(f"CACHE_URL must start with redis:// or locmem://, got {url!r}")


def private_storage(private_root) -> dict:
    """Files that are never public: a folder outside MEDIA_ROOT, or the bucket's
    `private/` prefix (bucket objects are private and links are signed anyway)."""
    public = media_storage()
    if public["BACKEND"] == "storages.backends.s3.S3Storage":
        return {**public, "OPTIONS": {**public["OPTIONS"], "location": "private"}}
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(private_root), "base_url": None},
    }


def media_storage() -> dict:
    """Uploaded media and stamp sheets: the local MEDIA_ROOT, or an S3-compatible bucket
    when `S3_BUCKET` is set. Bucket objects are private; links are signed for a while, so
    dossier files and unpublished products' photos are never public."""
    bucket = env_str("S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 3600,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "private, max-age=3600"},
    }
    optional = {
        "endpoint_url": "S3_ENDPOINT_URL",
        "region_name": "S3_REGION",
        "access_key": "S3_ACCESS_KEY_ID",
        "secret_key": "S3_SECRET_ACCESS_KEY",
        "custom_domain": "S3_CUSTOM_DOMAIN",
    }
    for option, variable in optional.items():
        value = env_str(variable, "")
        if value:
            options[option] = value
    if env_bool("S3_PATH_STYLE", False):
        options["addressing_style"] = "path"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def static_storage(production: bool) -> dict:
    """Collected static files with hashed names and precompressed copies in production
    (served by WhiteNoise from the image); plain files in demo and test."""
    if production:
        return {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    return {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def init_sentry(dsn: str, environment: str) -> None:
    """Report unhandled errors to Sentry; personal data (IP, cookies, user) is not sent."""
    if not dsn:
        return
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
