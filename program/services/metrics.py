"""Progress metrics, computed from the data (never typed in), for one area and period.

Each metric returns its value and the items that make it up, so a figure on the
dashboard can be opened to the products, points or producers behind it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum

from catalog.models import DossierItem, Producer, Product, Rating
from catalog.models.dossiers import DossierItemKind, ReviewStatus
from marketplace.channels.models import ChannelKind, ProductChannelListing
from program.models import Inspection, Metric
from program.services import alerts
from program.services.aggregates import ledger_rows
from program.services.scope import Scope
from tourism.models import PointKind, PointStatus, TourismPoint
from traceability.models import StampBatch

MODERN_KINDS = (ChannelKind.ONLINE, ChannelKind.SUPERMARKET)


@dataclass
class MetricValue:
    value: Decimal
    items: list[str] = field(default_factory=list)


def _counted(names) -> MetricValue:
    items = sorted(set(names))
    return MetricValue(Decimal(len(items)), items)


def _certified(scope: Scope):
    return Rating.objects.exclude(certificate_number="").filter(
        stars__gte=3, **scope.within("product__producer__commune_id")
    )


def newly_certified(scope: Scope, **_) -> MetricValue:
    """Products whose first OCOP certificate (3★ or more) was decided in the period."""
    earlier = _certified(scope).filter(
        product_id=OuterRef("product_id"), decision_date__lt=scope.start
    )
    ratings = _certified(scope).filter(
        decision_date__range=(scope.start, scope.end), replaces__isnull=True
    )
    return _counted(ratings.filter(~Exists(earlier)).values_list("product__name", flat=True))


def upgraded(scope: Scope, **_) -> MetricValue:
    """Products re-rated from 3★ to 4★ in the period."""
    ratings = _certified(scope).filter(
        decision_date__range=(scope.start, scope.end), stars=4, replaces__stars=3
    )
    return _counted(ratings.values_list("product__name", flat=True))


def _products(scope: Scope):
    return Product.objects.filter(is_archived=False, **scope.within("producer__commune_id"))


def _accepted(kind: str):
    return Exists(
        DossierItem.objects.filter(
            product_id=OuterRef("pk"), kind=kind, review_status=ReviewStatus.ACCEPTED
        )
    )


def standard_dossier(scope: Scope, **_) -> MetricValue:
    """Products with a quality declaration, a GTIN and traceability stamps issued."""
    stamps = StampBatch.objects.filter(
        lot__variant__product_id=OuterRef("pk"), issued_at__date__lte=scope.end
    )
    products = _products(scope).filter(
        Q(quality_declaration_number__gt="") | _accepted(DossierItemKind.QUALITY_DECLARATION),
        Exists(Product.objects.filter(pk=OuterRef("pk"), variants__gtin__gt="")),
        Exists(stamps),
    )
    return _counted(products.values_list("name", flat=True))


def packaging_support(scope: Scope, **_) -> MetricValue:
    """Products whose packaging-and-label item of the dossier was accepted."""
    products = _products(scope).filter(_accepted(DossierItemKind.PACKAGING_LABEL))
    return _counted(products.values_list("name", flat=True))


def display_points(scope: Scope, **_) -> MetricValue:
    """Display-and-sales points at tourist sites open by the end of the period (not fairs)."""
    points = TourismPoint.objects.filter(
        status=PointStatus.OPEN, opened_on__lte=scope.end, **scope.within("commune_id")
    ).exclude(kind=PointKind.FAIR)
    return _counted(points.values_list("name", flat=True))


def modern_channel_producers(scope: Scope, **_) -> MetricValue:
    """Producers with online or supermarket sales in the period, or a supermarket listing."""
    sold = (
        ledger_rows(scope)
        .filter(channel_kind__in=MODERN_KINDS)
        .values("producer_id")
        .annotate(total=Sum("gross"))
        .filter(total__gt=0)
        .values("producer_id")
    )
    listed = ProductChannelListing.objects.filter(
        channel__kind=ChannelKind.SUPERMARKET, is_published=True
    ).values("product__producer_id")
    producers = Producer.objects.filter(Q(pk__in=sold) | Q(pk__in=listed)).filter(
        **scope.within("commune_id")
    )
    return _counted(producers.values_list("name", flat=True))


def revenue(scope: Scope, channel_kind: str = "", **_) -> MetricValue:
    """Gross sales less refunds in the period, for one channel kind or all."""
    rows = ledger_rows(scope, channel_kind=channel_kind)
    return MetricValue(rows.aggregate(total=Sum("gross"))["total"] or Decimal(0))


def fairs_attended(scope: Scope, **_) -> MetricValue:
    """Trade fairs with sales in the period: fair channels, or fairs named in imported sales."""
    rows = ledger_rows(scope).filter(channel_kind=ChannelKind.FAIR)
    names = [
        channel or note
        for channel, note in rows.values_list("channel__name", "note").distinct()
        if channel or note
    ]
    return _counted(names)


def expiring_certificates(scope: Scope, **_) -> MetricValue:
    """Certified products whose certificate ends within the next 90 days."""
    ratings = alerts.expiring_certificates(scope)
    return _counted(ratings.values_list("product__name", flat=True))


def inspections(scope: Scope, **_) -> MetricValue:
    """Quality inspections done at producers in the period."""
    done = Inspection.objects.filter(
        inspected_on__range=(scope.start, scope.end), **scope.within("producer__commune_id")
    )
    labels = [
        f"{day:%d/%m/%Y} {name}" for day, name in done.values_list("inspected_on", "producer__name")
    ]
    return MetricValue(Decimal(len(labels)), labels)


COMPUTE = {
    Metric.NEWLY_CERTIFIED: newly_certified,
    Metric.UPGRADED: upgraded,
    Metric.STANDARD_DOSSIER: standard_dossier,
    Metric.PACKAGING_SUPPORT: packaging_support,
    Metric.DISPLAY_POINTS: display_points,
    Metric.MODERN_CHANNEL_PRODUCERS: modern_channel_producers,
    Metric.REVENUE: revenue,
    Metric.FAIRS_ATTENDED: fairs_attended,
    Metric.EXPIRING_CERTIFICATES: expiring_certificates,
    Metric.INSPECTIONS: inspections,
}


def compute(metric: str, scope: Scope, channel_kind: str = "") -> MetricValue:
    return COMPUTE[metric](scope, channel_kind=channel_kind)
