"""Turn DATABASE_URL (or the embedded server's URI) into Django's DATABASES entry."""

from urllib.parse import parse_qsl, unquote, urlsplit

from marketplace.env import ConfigurationError


def parse_database_url(url: str, conn_max_age: int = 0) -> dict:
    """Parse a `postgresql://user:password@host:port/name?option=value` URL."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ConfigurationError(
            f"DATABASE_URL must start with postgresql:// (PostgreSQL only), got {parts.scheme!r}"
        )
    options = dict(parse_qsl(parts.query))
    host = options.pop("host", None) or unquote(parts.hostname or "")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigurationError("DATABASE_URL must name a database, e.g. postgresql://…/ocop")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        # Keep connections between requests (a new one costs milliseconds); Django checks
        # a reused connection before use.
        "CONN_MAX_AGE": conn_max_age,
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
    }
