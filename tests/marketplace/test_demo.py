from collections import Counter
from io import StringIO

from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from catalog.demo import data as demo_data
from catalog.demo.load import CLOSE_UPS
from catalog.models import Producer, Product, ProductImage, ProductVariant, Rating
from catalog.services.ratings import valid_certificates
from marketplace.accounts.models import User
from marketplace.channels.models import VariantChannelListing
from marketplace.kiosk.models import KioskDevice
from marketplace.orders.models import Order
from marketplace.payments.models import Payment
from marketplace.warehouses.models import Stock
from program.models import SalesLedgerEntry
from traceability.models import Lot, Scan, Stamp


def snapshot():
    return {
        "producers": sorted(Producer.objects.values_list("slug", "registration_number")),
        "products": sorted(Product.objects.values_list("slug", "name", "group__code")),
        "variants": sorted(ProductVariant.objects.values_list("sku", "gtin")),
        "images": ProductImage.objects.count(),
        "ratings": sorted(
            Rating.objects.values_list("product__slug", "stars", "status", "certificate_number")
        ),
        "users": sorted(User.objects.values_list("email", "is_staff")),
        "orders": sorted(Order.objects.values_list("email", "status", "charge_status", "total")),
        "stock": sorted(
            Stock.objects.values_list("variant__sku", "quantity", "quantity_allocated")
        ),
        "prices": sorted(VariantChannelListing.objects.values_list("variant__sku", "price_amount")),
        "lots": sorted(Lot.objects.values_list("code", "status")),
        "stamps": Stamp.objects.count(),
        "ledger": sorted(SalesLedgerEntry.objects.values_list("source", "gross")),
        "kiosks": sorted(KioskDevice.objects.values_list("name", "token_hash")),
        "scans": Scan.objects.count(),
    }


def test_loading_the_demo_twice_gives_the_same_data(db):
    call_command("load_demo", stdout=StringIO())
    first = snapshot()

    output = StringIO()
    call_command("load_demo", stdout=output)

    assert snapshot() == first
    assert "canbo@ocop.demo / demo-canbo-2023" in output.getvalue()
    assert "chaxua@ocop.demo / demo-chuthe-2023" in output.getvalue()
    assert "tuky@ocop.demo / demo-tuky-2023" in output.getvalue()
    assert "token demo-kiosk-dinh-lang-tu-ky  PIN 202301" in output.getvalue()


def test_the_demo_loads_again_after_ordinary_use_of_the_portal(demo):
    # A producer adds variants without a GTIN whose SKUs sort before the demo's own.
    from catalog.services.products import add_variant

    for slug in ("cha-ruoi-tu-ky", "gao-nep-cai-hoa-vang", "ca-ro-dong-tu-ky"):
        add_variant(Product.objects.get(slug=slug), sku=f"AAA-{slug}", name="Hộp quà")
    lots = sorted(Lot.objects.values_list("code", "variant__sku"))

    call_command("load_demo", stdout=StringIO())

    assert sorted(Lot.objects.values_list("code", "variant__sku")) == lots
    assert all(sku.startswith("TK-") for _code, sku in lots)


def test_the_demo_is_a_realistic_programme(demo):
    communes = Producer.objects.values("commune").distinct().count()
    groups = Product.objects.values("group__parent__code").distinct().count()
    statuses = Counter(Rating.objects.values_list("status", flat=True))
    certified_stars = set(Rating.objects.filter(status="certified").values_list("stars", flat=True))

    assert Producer.objects.count() >= 12
    assert communes >= 6
    assert Product.objects.count() >= 40
    assert groups >= 4
    assert not Product.objects.annotate(n=Count("variants")).filter(n=0).exists()
    # A photo each, and a second one for the products whose gallery shows thumbnails
    assert not Product.objects.annotate(n=Count("images")).filter(n=0).exists()
    assert ProductImage.objects.count() == Product.objects.count() + len(CLOSE_UPS)
    assert {3, 4} <= certified_stars
    assert statuses["superseded"] == 1
    # The 2020 certificate, and those the demo renewed because they ended before today.
    renewed = Rating.objects.filter(certificate_number__contains="-R").count()
    assert statuses["expired"] == 1 + renewed
    held = set(valid_certificates(timezone.localdate()).values_list("product__slug", flat=True))
    assert held == {
        demo_data.product_slug(index)
        for index, (kind, *_) in demo_data.RATINGS.items()
        if kind in ("certified", "upgrade")
    }
    assert statuses["revoked"] == 1
    assert statuses["proposed"] >= 1
    upgrade = Rating.objects.get(replaces__isnull=False)
    assert (upgrade.replaces.stars, upgrade.stars) == (3, 4)
    assert Product.objects.filter(name__in=["Chả rươi Tứ Kỳ", "Gạo nếp cái hoa vàng"]).count() == 2


def test_demo_images_are_real_jpeg_files(demo):
    from PIL import Image

    image = ProductImage.objects.first()
    with image.image.open("rb") as handle, Image.open(handle) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (800, 600)


def test_the_demo_shop_prices_every_variant_and_has_orders_in_each_payment_state(demo):
    from catalog.models import ProductVariant

    online = VariantChannelListing.objects.filter(channel__slug="default-channel")
    assert online.count() == ProductVariant.objects.count()
    # Each kiosk sells the products on display at its point, at the online price.
    kiosk = VariantChannelListing.objects.filter(channel__slug="kiosk-dinh-lang-tu-ky")
    assert kiosk.exists()
    assert all(
        listing.price_amount == online.get(variant=listing.variant).price_amount
        for listing in kiosk
    )
    assert not Stock.objects.filter(quantity=0).exists()
    payment_states = set(Payment.objects.values_list("gateway", "status"))
    assert {
        ("cod", "charged"),
        ("cod", "pending"),
        ("vietqr", "awaiting_transfer"),
        ("vietqr", "charged"),
        ("stripe", "pending"),
        ("cod", "cancelled"),
        ("cod", "partially_refunded"),
    } <= payment_states
    assert Order.objects.filter(status="fulfilled", charge_status="full").exists()


def test_the_demo_traces_a_dozen_products_with_stamps_scans_and_one_recall(demo):
    assert Lot.objects.values("variant__product").distinct().count() >= 10
    assert Lot.objects.filter(status="recalled").count() == 1
    assert all(lot.batches.exists() and lot.events.count() >= 4 for lot in Lot.objects.all())
    assert Scan.objects.filter(verdict="genuine_repeat").exists()


def test_the_demo_plan_is_tu_kys_own_2023_plan(demo):
    from program.models import Plan

    plan = Plan.objects.get(year=2023)
    assert (plan.decision_number, plan.decision_date.isoformat()) == ("36/KH-UBND", "2023-02-28")
    assert plan.administrative_unit.name.endswith("Tứ Kỳ")
