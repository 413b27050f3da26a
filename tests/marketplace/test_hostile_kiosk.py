"""Hostile kiosk input: the tablet never sets a price, a bad sale never stops a batch,
sale ids are per device, absurd times are refused (issue #18, points 1, 13, 18)."""

import json
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.kiosk import devices
from marketplace.kiosk.models import KioskSale
from marketplace.kiosk.snapshot import snapshot
from marketplace.kiosk.sync import sync_batch
from marketplace.orders.models import Order
from marketplace.warehouses.models import Stock
from program.models import SalesLedgerEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    return Channel.objects.create(
        slug="hoi-cho", name="Hội chợ", kind="fair", payment_gateways=["cash", "vietqr"]
    )


@pytest.fixture
def stall(make_seller, fair):
    """A device selling one variant at 120,000 ₫ from a stall with 50 in stock."""
    seller = make_seller(price=120000, stock=50)
    seller.warehouse.channels.add(fair)
    publish_product(seller.variant.product, fair)
    set_variant_price(seller.variant, fair, 120000)
    return devices.register("Quầy 1", fair, seller.warehouse).device, seller.variant


def a_sale(variant, unit_price=120000, quantity=2, **changes):
    body = {
        "id": str(uuid.uuid4()),
        "soldAt": timezone.now().isoformat(),
        "payment": {"method": "cash", "tendered": 10_000_000},
        "lines": [{"variant": variant.pk, "quantity": quantity, "unitPrice": unit_price}],
    }
    return {**body, **changes}


@pytest.mark.parametrize("unit_price", [1, 0, 99_000_000_000, "NaN", None])
def test_the_order_and_the_ledger_take_the_price_list_not_the_tablet(
    stall, unit_price, django_capture_on_commit_callbacks
):
    device, variant = stall

    with django_capture_on_commit_callbacks(execute=True):
        [result] = sync_batch(device, [a_sale(variant, unit_price=unit_price)])

    order = Order.objects.get()
    assert order.total == Decimal(240000)
    assert order.lines.get().unit_price == Decimal(120000)
    assert SalesLedgerEntry.objects.get().gross == Decimal(240000)
    assert result["status"] == "flagged"
    shown = unit_price if isinstance(unit_price, int) else None
    assert result["flags"] == [
        {"code": "price_differs", "sku": variant.sku, "device": shown, "booked": 120000}
    ]


def test_a_sale_is_priced_by_the_list_the_device_read(stall, fair):
    device, variant = stall
    read = snapshot(device)
    set_variant_price(variant, fair, 150000)  # the price rises after the kiosk went offline

    [old] = sync_batch(device, [a_sale(variant, pricesAsOf=read["pricesAsOf"])])
    [new] = sync_batch(device, [a_sale(variant, unit_price=150000)])

    assert (old["status"], new["status"]) == ("synced", "synced")
    totals = Order.objects.order_by("pk").values_list("total", flat=True)
    assert list(totals) == [Decimal(240000), Decimal(300000)]


def test_one_batch_prices_each_sale_at_its_own_moment(stall, fair):
    device, variant = stall
    first = snapshot(device)
    set_variant_price(variant, fair, 150000)
    second = snapshot(device)
    set_variant_price(variant, fair, 90000)
    sales = [
        a_sale(variant, pricesAsOf=first["pricesAsOf"]),
        a_sale(variant, unit_price=150000, pricesAsOf=second["pricesAsOf"]),
        a_sale(variant, unit_price=90000),
    ]

    results = sync_batch(device, sales)

    assert [r["status"] for r in results] == ["synced"] * 3
    totals = Order.objects.order_by("pk").values_list("total", flat=True)
    assert list(totals) == [Decimal(240000), Decimal(300000), Decimal(180000)]


@pytest.mark.parametrize("variant_id", [10**30, -1, 0, 2**63])
def test_a_variant_id_beyond_any_row_fails_alone(stall, variant_id):
    device, variant = stall
    bad = a_sale(variant)
    bad["lines"][0]["variant"] = variant_id

    results = sync_batch(device, [bad, a_sale(variant)])

    assert [r["status"] for r in results] == ["failed", "synced"]
    assert results[0]["field"] == "variant" and "not sold" in results[0]["message_en"]
    assert Order.objects.count() == 1


def test_a_nan_tendered_fails_alone_and_the_rest_of_the_batch_is_written(stall):
    device, variant = stall
    bad = a_sale(variant, payment={"method": "cash", "tendered": "NaN"})
    infinite = a_sale(variant, payment={"method": "cash", "tendered": "Infinity"})
    good = a_sale(variant)

    results = sync_batch(device, [bad, infinite, good])

    assert [r["status"] for r in results] == ["failed", "failed", "synced"]
    assert [r.get("field") for r in results[:2]] == ["tendered", "tendered"]
    assert KioskSale.objects.get().sale_id == uuid.UUID(good["id"])


def test_a_sale_id_of_another_device_reveals_nothing(stall, fair):
    device, variant = stall
    other = devices.register("Quầy 2", fair, device.warehouse).device
    sale = a_sale(variant)
    [first] = sync_batch(device, [sale])

    [again] = sync_batch(other, [sale])

    assert first["status"] == "synced" and first["token"]
    assert again == {
        "id": sale["id"],
        "status": "failed",
        "field": "id",
        "message_vi": "Mã đơn này đã được một thiết bị khác dùng.",
        "message_en": "This sale id was already used by another device.",
    }
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    "sold_at",
    ["0001-01-01T00:00:00+00:00", (timezone.now() - timedelta(days=400)).isoformat(), "x" * 500],
)
def test_an_absurd_sale_time_is_refused(stall, sold_at):
    device, variant = stall

    [result] = sync_batch(device, [a_sale(variant, soldAt=sold_at)])

    assert (result["status"], result["field"]) == ("failed", "soldAt")
    assert not Order.objects.exists()
    assert Stock.objects.get(warehouse=device.warehouse, variant=variant).quantity == 50


def bearer(registration):
    return {"HTTP_AUTHORIZATION": f"Bearer {registration.token}"}


@pytest.fixture
def registration(stall, fair):
    device, _ = stall
    return devices.register("Quầy API", fair, device.warehouse)


@pytest.mark.parametrize("path", ["/kiosk/api/sync", "/kiosk/api/card"])
def test_deeply_nested_json_is_a_400(client, registration, path):
    deep = "[" * 1000 + "]" * 1000
    body = '{"sales": ' + deep + "}" if path.endswith("sync") else '{"lines": ' + deep + "}"

    response = client.post(path, body, content_type="application/json", **bearer(registration))

    assert response.status_code == 400
    assert response.json()["error"]["message_vi"]
    assert not KioskSale.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-13-01", "x"])
def test_a_report_day_out_of_range_is_a_400(client, registration, day):
    response = client.get("/kiosk/api/report", {"day": day}, **bearer(registration))

    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["error"]["message_en"]


def test_a_nan_over_http_is_answered_per_sale(client, registration, stall):
    _, variant = stall
    sale = a_sale(variant, payment={"method": "cash", "tendered": float("nan")})
    body = json.dumps({"sales": [sale, a_sale(variant)]})  # Python writes NaN, as hostile JSON

    response = client.post(
        "/kiosk/api/sync", body, content_type="application/json", **bearer(registration)
    )

    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == ["failed", "synced"]
