"""Prices as a channel's price list stood at a moment (from the trigger-kept history)."""

from datetime import datetime
from decimal import Decimal

from marketplace.channels.models import VariantChannelListing, VariantPriceChange


def prices_as_of(listings: list[VariantChannelListing], moment: datetime) -> dict[int, Decimal]:
    """Each listing's variant → the price in force at `moment`.

    A listing whose history starts after `moment` (listed later than the kiosk read its
    prices) answers its first price, the one the device could have been sent."""
    by_listing = {listing.pk: listing for listing in listings}
    changes = VariantPriceChange.objects.filter(listing__in=by_listing)
    before = (
        changes.filter(valid_from__lte=moment)
        .order_by("listing_id", "-valid_from", "-pk")
        .distinct("listing_id")
        .values_list("listing_id", "price_amount")
    )
    prices = {by_listing[listing_id].variant_id: price for listing_id, price in before}
    missing = [pk for pk, listing in by_listing.items() if listing.variant_id not in prices]
    if missing:
        first = (
            changes.filter(listing__in=missing)
            .order_by("listing_id", "valid_from", "pk")
            .distinct("listing_id")
            .values_list("listing_id", "price_amount")
        )
        prices.update({by_listing[listing_id].variant_id: price for listing_id, price in first})
    for listing in listings:  # no history at all (cannot happen with the trigger in place)
        prices.setdefault(listing.variant_id, listing.price_amount)
    return prices
