"""Prices as a channel's price list stood at a moment (from the trigger-kept history)."""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from marketplace.channels.models import VariantChannelListing, VariantPriceChange


class PriceList:
    """Some listings of a channel with their whole price history, read once (one query)
    and then asked for the price in force at any moment: a kiosk batch prices every sale
    at its own moment without a query per sale."""

    def __init__(self, listings: Iterable[VariantChannelListing]):
        self.listings = {listing.variant_id: listing for listing in listings}
        self._history: dict[int, list[tuple[datetime, Decimal]]] = defaultdict(list)
        rows = (
            VariantPriceChange.objects.filter(
                listing__in=[listing.pk for listing in self.listings.values()]
            )
            .order_by("listing_id", "valid_from", "pk")
            .values_list("listing_id", "valid_from", "price_amount")
        )
        for listing_id, valid_from, price in rows:
            self._history[listing_id].append((valid_from, price))

    def price(self, variant_id: int, moment: datetime) -> Decimal:
        """The price in force at `moment`: the latest change made by then (of two at the
        same instant, the later written). A listing whose history starts after `moment`
        (listed later than the kiosk read its prices) answers its first price, the one
        the device could have been sent."""
        listing = self.listings[variant_id]
        changes = self._history.get(listing.pk)
        if not changes:  # no history at all (cannot happen with the trigger in place)
            return listing.price_amount
        index = bisect_right(changes, moment, key=lambda change: change[0])
        return changes[index - 1 if index else 0][1]
