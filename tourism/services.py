"""Tourism points: which are open, what each displays, and where a product can be seen."""

from datetime import date

from django.db.models import Q, QuerySet

from catalog.models import Product
from tourism.models import PointStatus, ProductDisplay, TourismPoint


def open_points() -> QuerySet[TourismPoint]:
    """Points open to visitors, with the unit names a list shows."""
    return TourismPoint.objects.filter(status=PointStatus.OPEN).select_related(
        "commune__parent__parent"
    )


def _current(on: date) -> Q:
    return Q(since__lte=on) & (Q(until__isnull=True) | Q(until__gte=on))


def current_displays(on: date) -> QuerySet[ProductDisplay]:
    return ProductDisplay.objects.filter(_current(on), point__status=PointStatus.OPEN)


def points_displaying(product: Product, on: date) -> QuerySet[TourismPoint]:
    """Open points where `product` is on display on `on`."""
    shown = current_displays(on).filter(product=product).values("point")
    return open_points().filter(pk__in=shown)


def products_on_display(point: TourismPoint, on: date) -> QuerySet[Product]:
    shown = ProductDisplay.objects.filter(_current(on), point=point).values("product")
    return Product.objects.filter(pk__in=shown, is_archived=False).select_related("producer")
