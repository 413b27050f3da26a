"""Shop pages whose HTML depends only on the address and the language are kept in the
shared cache for STOREFRONT_CACHE_SECONDS (prices and stock are checked again in the
cart). A form in such HTML gets its visitor's CSRF field after the cache, never in it."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.backends.utils import csrf_input
from django.utils.safestring import SafeString, mark_safe

# Stands in the cached HTML where the visitor's CSRF field goes.
CSRF_SLOT = mark_safe("<!--csrf-field-->")


def cached_page(key: str, build):
    """The value kept under `key`, or built and kept (0 seconds: always built)."""
    seconds = settings.STOREFRONT_CACHE_SECONDS
    if not seconds:
        return build()
    digest = hashlib.sha256(key.encode()).hexdigest()
    value = cache.get(f"storefront:{digest}")
    if value is None:
        value = build()
        cache.set(f"storefront:{digest}", value, seconds)
    return value


def with_csrf(request, html: str) -> SafeString:
    """Cached HTML (our own escaped template output) with this visitor's CSRF field."""
    return mark_safe(html.replace(CSRF_SLOT, csrf_input(request)))
