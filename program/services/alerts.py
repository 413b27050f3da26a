"""What needs the programme office's attention: certificates about to expire, and
counterfeit signals raised by the scan log for stamps of the area's products."""

from datetime import timedelta

from django.utils import timezone

from catalog.models import Rating
from program.services.scope import Scope
from traceability.models import CounterfeitFlag

EXPIRY_WINDOW_DAYS = 90


def expiring_certificates(scope: Scope, days: int = EXPIRY_WINDOW_DAYS):
    """Certificates in force that end within `days` from today, soonest first."""
    today = timezone.localdate()
    return (
        Rating.objects.filter(
            status="certified",
            valid_to__range=(today, today + timedelta(days=days)),
            **scope.within("product__producer__commune_id"),
        )
        .select_related("product__producer")
        .order_by("valid_to", "product__name")
    )


def counterfeit_flags(scope: Scope):
    """Signals raised in the period for stamps of the area's products, newest first.

    Signals without a stamp (bursts of unknown serials) belong to no area: only the
    programme office, looking at the whole programme, sees them."""
    flags = CounterfeitFlag.objects.filter(
        raised_at__date__range=(scope.start, scope.end),
        **scope.within("stamp__batch__lot__variant__product__producer__commune_id"),
    )
    return flags.select_related("stamp__batch__lot__variant__product").order_by("-raised_at")
