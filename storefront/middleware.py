"""Content Security Policy for every page: scripts and styles from this site only, plus
Stripe.js on the card page and map tiles from the configured tile server."""

import gzip
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import patch_vary_headers


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


@cache
def build_policy(stripe_js_url: str, stripe_api_base: str, tile_url: str) -> str:
    stripe = _origin(stripe_js_url)
    stripe_api = _origin(stripe_api_base) or "https://api.stripe.com"
    tiles = _origin(tile_url.replace("{s}.", ""))
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", stripe],
        # Leaflet and htmx set element styles; no inline scripts are allowed.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", tiles],
        "connect-src": ["'self'", stripe, stripe_api],
        "frame-src": [stripe, "https://hooks.stripe.com"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(
        f"{name} {' '.join(dict.fromkeys(value for value in values if value))}"
        for name, values in directives.items()
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin and GraphiQL bring their own scripts; every other page gets the policy.
        if not request.path.startswith(OWN_SCRIPT_PATHS):
            policy = build_policy(
                settings.STRIPE_JS_URL, settings.STRIPE_API_BASE, settings.MAP_TILE_URL
            )
            response.setdefault("Content-Security-Policy", policy)
        return response


OWN_SCRIPT_PATHS = ("/admin/", "/graphql/")
NEGOTIATED_PATHS = ("/admin/", "/graphql/", "/01/", "/scan/")


class VietnameseFirstMiddleware:
    """Shop pages speak Vietnamese until the visitor picks English with the switch (a
    cookie): the browser's Accept-Language is not consulted there. The admin, the API and
    the stamp pages a tourist's phone opens (the Digital Link resolver) keep Django's
    usual negotiation. Goes before LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(NEGOTIATED_PATHS):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# Pages that show no one's personal data: the catalogue, tourism points and stamp checks.
PUBLIC_PREFIXES = ("/san-pham/", "/chu-the/", "/diem-du-lich/", "/01/", "/sitemap.xml")


class PublicPageGZipMiddleware:
    """Compresses public pages only. A compressed page holding a secret next to text an
    attacker chooses (the search box echoes ?q= on every page) gives the secret away
    through its length (BREACH), so cart, checkout, order, account, portal, programme and
    admin pages go out uncompressed. Django masks CSRF tokens afresh in every response;
    static files come precompressed from WhiteNoise. Level 1: HTML still shrinks about
    four times, at half the time of Django's GZipMiddleware (level 6)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path == "/" or request.path.startswith(PUBLIC_PREFIXES):
            return compressed(request, response)
        return response


def compressed(request, response):
    if response.streaming or len(response.content) < 200 or response.has_header("Content-Encoding"):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    if not accepts_gzip(request.headers.get("Accept-Encoding", "")):
        return response
    body = gzip.compress(response.content, compresslevel=1, mtime=0)
    if len(body) >= len(response.content):
        return response
    response.content = body
    response.headers["Content-Length"] = str(len(body))
    if response.has_header("ETag"):  # no longer the same bytes
        response.headers["ETag"] = "W/" + response.headers["ETag"].removeprefix("W/")
    response.headers["Content-Encoding"] = "gzip"
    return response


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header (RFC 9110, 12.5.3) lets gzip through: listed, or
    covered by `*`, with a weight above zero (`gzip;q=0` refuses it)."""
    weights = {}
    for item in header.lower().split(","):
        coding, _, params = item.partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.strip()] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0
