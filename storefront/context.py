"""Template context every storefront page shares (no database queries)."""

from django.conf import settings


def shop(request):
    session = getattr(request, "session", None)
    return {
        "cart_count": session.get("cart_count", 0) if session is not None else 0,
        "site_name": "OCOP Market",
        "stripe_js_url": settings.STRIPE_JS_URL,
    }
