"""What the search index needs from commerce: each product's lowest price in the
storefront channel, whether it has stock there, and whether it is listed."""

from django.conf import settings
from django.db.models import F, Min

from marketplace.channels.models import ProductChannelListing, VariantChannelListing
from marketplace.warehouses.models import Stock


def listing_facts(product_ids: list[int]) -> dict[int, dict]:
    channel = settings.STOREFRONT_CHANNEL
    prices = dict(
        VariantChannelListing.objects.filter(
            channel__slug=channel, variant__product_id__in=product_ids
        )
        .values_list("variant__product_id")
        .annotate(lowest=Min("price_amount"))
    )
    in_stock = set(
        Stock.objects.filter(
            warehouse__channels__slug=channel,
            variant__product_id__in=product_ids,
            quantity__gt=F("quantity_allocated"),
        ).values_list("variant__product_id", flat=True)
    )
    listed = set(
        ProductChannelListing.objects.filter(
            channel__slug=channel,
            product_id__in=product_ids,
            is_published=True,
            visible_in_listings=True,
        ).values_list("product_id", flat=True)
    )
    return {
        pk: {
            "price": prices.get(pk),
            "in_stock": pk in in_stock,
            "listed": pk in listed,
        }
        for pk in product_ids
    }
