"""Listing products in channels and pricing their variants."""

from decimal import Decimal

from django.utils import timezone

from catalog.models import Product, ProductVariant
from catalog.search import products_changed
from marketplace.channels.models import Channel, ProductChannelListing, VariantChannelListing
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.money import quantize


def publish_product(
    product: Product, channel: Channel, *, is_published=True, visible=True, available_from=None
) -> ProductChannelListing:
    """List a product in a channel (published or hidden)."""
    listing, _ = ProductChannelListing.objects.update_or_create(
        product=product,
        channel=channel,
        defaults={
            "is_published": is_published,
            "visible_in_listings": visible,
            "available_for_purchase_at": available_from,
        },
    )
    products_changed([product.pk])
    return listing


MAX_PRICE = Decimal(100_000_000_000)


def _amount(value, field: str) -> Decimal:
    """Finite, not negative, and inside the column (12 digits of đồng) before saving."""
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        amount = None
    if amount is None or not amount.is_finite() or not 0 <= amount <= MAX_PRICE:
        raise CommerceError(CommerceErrorCode.INVALID, field, detail=str(value))
    return amount


def set_variant_price(
    variant: ProductVariant, channel: Channel, price, cost_price=None
) -> VariantChannelListing:
    """Set a variant's price in a channel, rounded to the channel's currency."""
    price = _amount(price, "price")
    cost_price = None if cost_price is None else _amount(cost_price, "cost_price")
    listing, _ = VariantChannelListing.objects.update_or_create(
        variant=variant,
        channel=channel,
        defaults={
            "price_amount": quantize(price, channel.currency),
            "cost_price_amount": None
            if cost_price is None
            else quantize(cost_price, channel.currency),
            "currency": channel.currency,
        },
    )
    products_changed([variant.product_id])
    return listing


def purchasable_price(variant: ProductVariant, channel: Channel, now=None) -> Decimal:
    """The variant's price in the channel, or a coded error if it may not be bought there."""
    now = now or timezone.now()
    if not channel.is_active:
        raise CommerceError(CommerceErrorCode.CHANNEL_INACTIVE, "channel", channel=channel.name)
    product_listing = ProductChannelListing.objects.filter(
        product_id=variant.product_id, channel=channel, is_published=True
    ).first()
    price_listing = VariantChannelListing.objects.filter(variant=variant, channel=channel).first()
    if product_listing is None or price_listing is None or variant.product.is_archived:
        raise CommerceError(
            CommerceErrorCode.NOT_PUBLISHED, "variant", variant=variant, channel=channel.name
        )
    available_from = product_listing.available_for_purchase_at
    if available_from and available_from > now:
        raise CommerceError(
            CommerceErrorCode.NOT_AVAILABLE_YET,
            "variant",
            variant=variant,
            date=timezone.localtime(available_from).date(),
        )
    return price_listing.price_amount
