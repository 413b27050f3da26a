"""Tourism points: the list with its map, and a page per point."""

import json

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from catalog.models import SlugKind
from marketplace.warehouses.services import units_available
from storefront.queries import channel_slug, images_prefetch
from storefront.templatetags.shop import localized
from storefront.views.moved import or_moved
from tourism.models import PointStatus, TourismPoint
from tourism.services import open_points, products_on_display


@require_GET
def point_list(request):
    points = list(open_points().prefetch_related("photos"))
    markers = [
        {
            "name": localized(point, "name"),
            "url": reverse("shop-point", args=[point.slug]),
            "lat": float(point.latitude),
            "lon": float(point.longitude),
        }
        for point in points
    ]
    context = {
        "points": points,
        "markers": json.dumps(markers, ensure_ascii=False),
        "tile_url": settings.MAP_TILE_URL,
    }
    return render(request, "storefront/tourism/list.html", context)


def _pickup_stock(point: TourismPoint, products) -> dict[int, int]:
    """Units a buyer of the online shop can pick up here, per product."""
    warehouse = point.warehouse
    if warehouse is None or not warehouse.is_pickup_point:
        return {}
    if not warehouse.channels.filter(slug=channel_slug()).exists():
        return {}
    rows = (
        warehouse.stocks.filter(variant__product__in=products)
        .values("variant__product")
        .annotate(units=units_available())
    )
    return {row["variant__product"]: row["units"] for row in rows}


@require_GET
def point_page(request, slug):
    point = or_moved(
        lambda: get_object_or_404(
            TourismPoint.objects.exclude(status=PointStatus.PLANNED).select_related(
                "commune__parent__parent", "warehouse"
            ),
            slug=slug,
        ),
        TourismPoint,
        SlugKind.POINT,
        "shop-point",
        slug,
    )
    if isinstance(point, HttpResponsePermanentRedirect):
        return point
    products = list(
        products_on_display(point, timezone.localdate()).prefetch_related(images_prefetch())
    )
    pickup = _pickup_stock(point, products)
    context = {
        "point": point,
        "photos": point.photos.all(),
        "products": [(product, pickup.get(product.pk)) for product in products],
        "offers_pickup": bool(pickup),
    }
    return render(request, "storefront/tourism/point.html", context)
