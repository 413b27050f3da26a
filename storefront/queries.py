"""Read-side queries of the shop: what is listed in the storefront channel, at what price,
in stock or not, and the choices the listing filters offer."""

from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery

from catalog.models import (
    AdministrativeUnit,
    Producer,
    Product,
    ProductGroup,
    ProductImage,
    filed_under,
)
from catalog.services.ratings import current_stars_subquery
from marketplace.channels.models import ProductChannelListing, VariantChannelListing
from marketplace.warehouses.models import Stock, Warehouse

FACET_SECONDS = 300


def channel_slug() -> str:
    return settings.STOREFRONT_CHANNEL


def published(*, in_listings: bool = False) -> QuerySet:
    """Ids of products published in the storefront channel (and shown in listings)."""
    listings = ProductChannelListing.objects.filter(channel__slug=channel_slug(), is_published=True)
    if in_listings:
        listings = listings.filter(visible_in_listings=True)
    return listings.values("product")


def channel_warehouses() -> QuerySet:
    """The warehouses whose stock the storefront channel sells."""
    return Warehouse.objects.filter(channels__slug=channel_slug())


def stock_in_channel() -> QuerySet:
    """Stock rows with units left in warehouses that serve the storefront channel."""
    return Stock.objects.filter(
        warehouse__channels__slug=channel_slug(), quantity__gt=F("quantity_allocated")
    )


def images_prefetch() -> Prefetch:
    return Prefetch("images", queryset=ProductImage.objects.order_by("sort_order", "pk"))


def listed_products(today: date) -> QuerySet[Product]:
    """Published, unarchived products with their stars, lowest price and stock flag."""
    lowest_price = (
        VariantChannelListing.objects.filter(
            channel__slug=channel_slug(), variant__product=OuterRef("pk")
        )
        .values("variant__product")
        .annotate(lowest=Min("price_amount"))
        .values("lowest")
    )
    return (
        Product.objects.filter(is_archived=False, pk__in=published(in_listings=True))
        .annotate(
            stars=current_stars_subquery(today),
            price=Subquery(lowest_price),
            in_stock=Exists(stock_in_channel().filter(variant__product=OuterRef("pk"))),
        )
        .select_related("producer", "group")
    )


def area_filter(code: str) -> Q:
    """Products of producers in the unit with this code, or in any unit below it."""
    return (
        Q(producer__commune__code=code)
        | Q(producer__commune__parent__code=code)
        | Q(producer__commune__parent__parent__code=code)
    )


def group_filter(code: str) -> Q:
    """Products filed under the group with this code, at any depth (1 takes in 1.3 and
    1.3d; 1.3 takes in 1.3a–1.3d)."""
    return filed_under("code", code)


def facets() -> dict:
    """Groups, areas and producers the filters offer; cached, they change rarely."""
    found = cache.get("storefront:facets")
    if found is None:
        found = {
            "groups": [
                (group.code, group.name, group.name_en, group.parent_id is None)
                for group in ProductGroup.objects.order_by("code")
            ],
            "areas": _areas(),
            "producers": list(
                Producer.objects.filter(products__in=Product.objects.filter(pk__in=published()))
                .distinct()
                .order_by("sort_name")
                .values_list("slug", "name")
            ),
        }
        cache.set("storefront:facets", found, FACET_SECONDS)
    return found


def _areas() -> list[tuple[str, str]]:
    """Provinces and districts that have producers with listed products, by name."""
    communes = AdministrativeUnit.objects.filter(producers__products__pk__in=published())
    units = AdministrativeUnit.objects.filter(
        Q(children__in=communes) | Q(children__children__in=communes)
    ).distinct()
    return [(unit.code, str(unit)) for unit in units.order_by("level", "sort_name")]
