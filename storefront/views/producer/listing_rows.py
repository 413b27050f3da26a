"""The facts of each row of the portal's product list, read in one query: the lowest
price in the online shop, the stock it can sell (the shop's own number), the stars of the
current certificate, and whether it is published there."""

from django.conf import settings
from django.db.models import Exists, IntegerField, Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalog.models import ProductImage
from catalog.services.ratings import current_stars_subquery
from marketplace.channels.models import ProductChannelListing, VariantChannelListing
from marketplace.warehouses.models import Stock
from marketplace.warehouses.services import units_available


def listing_rows(products):
    channel = settings.STOREFRONT_CHANNEL
    prices = (
        VariantChannelListing.objects.filter(variant__product=OuterRef("pk"), channel__slug=channel)
        .values("variant__product")
        .annotate(low=Min("price_amount"))
        .values("low")
    )
    stock = (
        Stock.objects.filter(variant__product=OuterRef("pk"), warehouse__channels__slug=channel)
        .values("variant__product")
        .annotate(units=units_available())
        .values("units")
    )
    published = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), channel__slug=channel, is_published=True
    )
    return (
        products.select_related("group")
        .prefetch_related(
            Prefetch("images", ProductImage.objects.order_by("sort_order", "pk"), "photos")
        )
        .annotate(
            price=Subquery(prices[:1]),
            available=Coalesce(Subquery(stock[:1], output_field=IntegerField()), 0),
            stars=current_stars_subquery(timezone.localdate()),
            published=Exists(published),
        )
    )
