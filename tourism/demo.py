"""Demo tourism points around Tứ Kỳ (ILLUSTRATIVE: names and places are invented for the
demo). Each open point shows products, holds stock in its own warehouse, and offers pickup
for the online shop. Safe to run again."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from catalog.demo.images import product_image
from catalog.demo.variants import demo_variant
from catalog.models import AdministrativeUnit, Product
from marketplace.channels.models import Channel
from marketplace.warehouses.models import Stock, Warehouse
from marketplace.warehouses.services import set_stock
from tourism.models import PointStatus, ProductDisplay, TourismPoint, TourismPointPhoto

# (slug, name, English name, kind, commune, lat, lon, hours, status, opened, product slugs)
POINTS = [
    (
        "dinh-lang-tu-ky",
        "Điểm trưng bày OCOP Đình làng Tứ Kỳ",
        "Tu Ky communal house OCOP showroom",
        "heritage",
        "Tứ Kỳ",
        "20.818300",
        "106.403900",
        "7:30–17:30 hằng ngày",
        "open",
        date(2023, 9, 2),
        [
            "cha-ruoi-tu-ky",
            "gao-nep-cai-hoa-vang",
            "mat-ong-hoa-nhan-dai-son",
            "nuoc-mam-ca-com-nguyen-giap",
            "ruou-nep-cai-hoa-vang-cong-lac",
        ],
    ),
    (
        "lang-nghe-phuong-ky",
        "Làng nghề mây tre đan Phượng Kỳ",
        "Phuong Ky rattan craft village",
        "craft_village",
        "Lạc Phượng",
        "20.842100",
        "106.371500",
        "8:00–17:00, nghỉ thứ Hai",
        "open",
        date(2023, 11, 20),
        [
            "gio-may-tre-dan-phuong-ky",
            "khay-tre-dan",
            "tram-huong-nu-ha-ky",
            "gao-nep-cai-hoa-vang",
        ],
    ),
    (
        "tram-dung-chan-ngoc-ky",
        "Trạm dừng chân Ngọc Kỳ",
        "Ngoc Ky rest stop",
        "rest_stop",
        "Kỳ Sơn",
        "20.801700",
        "106.425200",
        "6:00–22:00 hằng ngày",
        "open",
        date(2024, 4, 30),
        [
            "cha-ruoi-tu-ky",
            "nhang-tram-huong-ha-ky",
            "ca-ro-dong-tu-ky",
            "cao-actiso-chi-minh",
            "hoa-ly-tan-ky",
        ],
    ),
    (
        "sinh-thai-dan-chu",
        "Khu du lịch sinh thái Dân Chủ",
        "Dan Chu eco-tourism area",
        "attraction",
        "Dân An",
        "20.786400",
        "106.389800",
        "8:00–18:00 hằng ngày",
        "open",
        date(2024, 6, 1),
        [
            "trai-nghiem-lam-cha-ruoi",
            "tour-dong-que-dan-chu",
            "mat-ong-hoa-nhan-dai-son",
            "nuoc-mam-ruoi-nguyen-giap",
        ],
    ),
    (
        "hoi-cho-ocop-tu-ky-2027",
        "Hội chợ OCOP Tứ Kỳ 2027",
        "Tu Ky OCOP fair 2027",
        "fair",
        "Tứ Kỳ",
        "20.820000",
        "106.400500",
        "",
        "planned",
        None,
        [],
    ),
]


@transaction.atomic
def load_tourism() -> dict:
    online = Channel.objects.get(slug="default-channel")
    points = [_point(row, online) for row in POINTS]
    return {"points": sum(1 for point in points if point.status == PointStatus.OPEN)}


def _point(row, online) -> TourismPoint:
    slug, name, name_en, kind, commune_name, lat, lon, hours, status, opened, products = row
    commune = AdministrativeUnit.objects.get(level="commune", name=commune_name, parent__code="298")
    point, _ = TourismPoint.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "name_en": name_en,
            "kind": kind,
            "street_address": f"{name} (địa chỉ minh hoạ)",
            "commune": commune,
            "latitude": Decimal(lat),
            "longitude": Decimal(lon),
            "opening_hours": hours,
            "description": f"{name}: điểm giới thiệu và bán sản phẩm OCOP (dữ liệu demo).",
            "description_en": f"{name_en}: OCOP display and sales point (demo data).",
            "status": status,
            "opened_on": opened,
        },
    )
    if status == PointStatus.OPEN:
        _stock_and_pickup(point, online, products)
    if not point.photos.exists():
        photo = TourismPointPhoto(point=point, alt=name, sort_order=0)
        photo.image.save(f"{slug}.jpg", ContentFile(product_image(name, "6", len(slug))))
    for product in Product.objects.filter(slug__in=products):
        ProductDisplay.objects.get_or_create(
            point=point, product=product, defaults={"since": opened}
        )
    return point


def _stock_and_pickup(point: TourismPoint, online: Channel, product_slugs) -> None:
    warehouse, _ = Warehouse.objects.update_or_create(
        slug=f"diem-{point.slug}",
        defaults={
            "name": point.name,
            "street_address": point.street_address,
            "commune": point.commune,
            "is_pickup_point": True,
        },
    )
    warehouse.channels.add(online)
    if point.warehouse_id != warehouse.pk:
        point.warehouse = warehouse
        point.save(update_fields=["warehouse"])
    for product in Product.objects.filter(slug__in=product_slugs):
        variant = demo_variant(product)
        if not Stock.objects.filter(warehouse=warehouse, variant=variant).exists():
            set_stock(warehouse, variant, 6 + variant.pk % 9, reason="Hàng trưng bày (demo)")
