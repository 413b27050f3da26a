"""Demo kiosks: one per open tourism point and one for the planned fair, each with its
own channel, the point's warehouse, prices and stock, and a device whose token and PIN
the demo prints (ILLUSTRATIVE; demo data only). Safe to run again."""

from catalog.models import ProductVariant
from marketplace.channels.models import Channel, VariantChannelListing
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.kiosk import devices
from marketplace.kiosk.models import KioskDevice
from marketplace.warehouses.models import Stock, Warehouse
from marketplace.warehouses.services import set_stock
from tourism.models import PointKind, PointStatus, TourismPoint

FAIR_PRODUCTS = [
    "cha-ruoi-tu-ky",
    "gao-nep-cai-hoa-vang",
    "mat-ong-hoa-nhan-dai-son",
    "tram-huong-nu-ha-ky",
    "nuoc-mam-ca-com-nguyen-giap",
    "gio-may-tre-dan-phuong-ky",
]


def load_kiosks() -> list[tuple[str, str, str]]:
    """(device name, token, PIN) of every demo kiosk."""
    online = Channel.objects.get(slug="default-channel")
    points = TourismPoint.objects.filter(status=PointStatus.OPEN) | TourismPoint.objects.filter(
        kind=PointKind.FAIR
    )
    return [_kiosk(index, point, online) for index, point in enumerate(points.order_by("slug"))]


def _kiosk(index: int, point: TourismPoint, online: Channel) -> tuple[str, str, str]:
    fair = point.kind == PointKind.FAIR
    channel, _ = Channel.objects.update_or_create(
        slug=f"kiosk-{point.slug}"[:50],
        defaults={
            "name": f"Quầy {point.name}",
            "kind": "fair" if fair else "tourism_point",
            "currency": online.currency,
            "payment_gateways": ["cash", "vietqr", "stripe"],
        },
    )
    warehouse = point.warehouse or _fair_warehouse(point)
    warehouse.channels.add(channel)
    if point.channel_id != channel.pk or point.warehouse_id != warehouse.pk:
        point.channel, point.warehouse = channel, warehouse
        point.save(update_fields=["channel", "warehouse"])
    products = {display.product for display in point.displays.select_related("product")}
    if fair:
        products = {
            stock.variant.product for stock in warehouse.stocks.select_related("variant__product")
        }
    for product in products:
        publish_product(product, channel)
        for listing in VariantChannelListing.objects.filter(
            channel=online, variant__product=product
        ):
            set_variant_price(listing.variant, channel, listing.price_amount)
    name = f"Kiosk {point.name}"
    token, pin = f"demo-kiosk-{point.slug}", f"{202301 + index:06d}"
    if not KioskDevice.objects.filter(name=name).exists():
        devices.register(name, channel, warehouse, token=token, pin=pin)
    return name, token, pin


def _fair_warehouse(point: TourismPoint) -> Warehouse:
    warehouse, _ = Warehouse.objects.update_or_create(
        slug=f"diem-{point.slug}"[:50],
        defaults={
            "name": point.name,
            "street_address": point.street_address,
            "commune": point.commune,
        },
    )
    for variant in ProductVariant.objects.filter(product__slug__in=FAIR_PRODUCTS):
        if not Stock.objects.filter(warehouse=warehouse, variant=variant).exists():
            set_stock(warehouse, variant, 30, reason="Hàng mang đến hội chợ (demo)")
    return warehouse
