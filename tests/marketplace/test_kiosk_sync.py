"""Kiosk sales sync: exactly once, stock taken or flagged, payments, revoked devices."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.kiosk import devices
from marketplace.kiosk.models import KioskSale
from marketplace.kiosk.report import end_of_day
from marketplace.kiosk.sync import sale_code, sync_batch
from marketplace.orders.models import Order
from marketplace.payments.reconciliation import reconcile
from marketplace.warehouses.models import Stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    return Channel.objects.create(
        slug="hoi-cho-2026",
        name="Hội chợ OCOP 2026",
        kind="fair",
        payment_gateways=["cash", "vietqr", "stripe"],
    )


@pytest.fixture
def kiosk(make_seller, fair):
    """A registered device selling two producers' goods from one stall's warehouse."""
    first, second = make_seller(price=120000, stock=5), make_seller(price=80000, stock=5)
    stall = first.warehouse
    stall.channels.add(fair)
    for seller in (first, second):
        publish_product(seller.variant.product, fair)
        set_variant_price(
            seller.variant, fair, seller.variant.channel_listings.first().price_amount
        )
    Stock.objects.create(warehouse=stall, variant=second.variant, quantity=3)
    registration = devices.register("Quầy hội chợ 1", fair, stall)
    return registration, first.variant, second.variant


def sale(variant_quantities, method="cash", tendered=500000, sale_id=None):
    return {
        "id": str(sale_id or uuid.uuid4()),
        "soldAt": timezone.now().isoformat(),
        "payment": {"method": method, "tendered": tendered},
        "lines": [
            {
                "variant": variant.pk,
                "quantity": quantity,
                "unitPrice": int(variant.channel_listings.first().price_amount),
            }
            for variant, quantity in variant_quantities
        ],
    }


def test_a_cash_sale_becomes_a_paid_order_of_the_kiosk_channel(kiosk, fair):
    registration, rice, honey = kiosk

    [result] = sync_batch(registration.device, [sale([(rice, 1), (honey, 2)], tendered=300000)])

    order = Order.objects.get()
    assert result["status"] == "synced" and result["order"] == order.code
    assert (order.channel, order.total, order.charge_status) == (fair, Decimal("280000"), "full")
    assert order.producer_orders.count() == 2
    payment = order.payments.get()
    assert (payment.cash_tendered, payment.cash_change) == (Decimal("300000"), Decimal("20000"))
    stall = registration.device.warehouse
    assert Stock.objects.get(warehouse=stall, variant=rice).quantity == 4
    assert Stock.objects.get(warehouse=stall, variant=honey).quantity == 1


def test_the_same_batch_sent_twice_is_written_once(kiosk):
    registration, rice, _ = kiosk
    batch = [sale([(rice, 1)]), sale([(rice, 2)])]

    first = sync_batch(registration.device, batch)
    again = sync_batch(registration.device, batch)

    assert [r["duplicate"] for r in first] == [False, False]
    assert [r["duplicate"] for r in again] == [True, True]
    assert [r["order"] for r in again] == [r["order"] for r in first]
    assert Order.objects.count() == 2 and KioskSale.objects.count() == 2


def test_a_sale_beyond_the_stock_is_kept_and_flagged(kiosk):
    registration, _, honey = kiosk

    [result] = sync_batch(registration.device, [sale([(honey, 5)])])

    assert result["status"] == "flagged"
    assert result["flags"] == [{"code": "insufficient_stock", "sku": honey.sku, "missing": 2}]
    assert Stock.objects.get(warehouse=registration.device.warehouse, variant=honey).quantity == 0
    assert Order.objects.get().charge_status == "full"


def test_a_vietqr_sale_waits_and_is_reconciled_by_its_sale_code(kiosk):
    registration, rice, _ = kiosk
    sale_id = uuid.uuid4()

    sync_batch(registration.device, [sale([(rice, 1)], method="vietqr", sale_id=sale_id)])
    order = Order.objects.get()
    payment = order.payments.get()
    assert (payment.status, payment.transfer_code) == ("awaiting_transfer", sale_code(sale_id))

    reconcile(f"reference,date,amount,note\nFT77,29/11/2026,120000,{sale_code(sale_id)}\n".encode())

    order.refresh_from_db()
    assert order.charge_status == "full"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"payment": {"method": "stripe"}}, "payment"),
        ({"lines": []}, "lines"),
        ({"lines": [{"variant": 999999, "quantity": 1, "unitPrice": 1000}]}, "variant"),
        ({"lines": [{"variant": None, "quantity": 0, "unitPrice": 1000}]}, "quantity"),
        ({"payment": {"method": "cash", "tendered": 1000}}, "tendered"),
        ({"soldAt": "yesterday"}, "soldAt"),
        ({"id": "not-a-uuid"}, "id"),
    ],
)
def test_an_invalid_sale_fails_with_its_reason_and_writes_nothing(kiosk, change, field):
    registration, rice, _ = kiosk

    [result] = sync_batch(registration.device, [{**sale([(rice, 1)]), **change}])

    assert (result["status"], result["field"]) == ("failed", field)
    assert result["message_vi"] and result["message_en"]
    assert not Order.objects.exists() and not KioskSale.objects.exists()


def test_a_revoked_device_is_refused_with_a_reason(kiosk):
    registration, _, _ = kiosk
    devices.revoke(registration.device)

    with pytest.raises(CommerceError) as refused:
        devices.authenticate(registration.token)

    assert refused.value.code == CommerceErrorCode.DEVICE_REVOKED
    assert "Quầy hội chợ 1" in refused.value.message_vi
    with pytest.raises(CommerceError) as unknown:
        devices.authenticate("not-a-token")
    assert unknown.value.code == CommerceErrorCode.DEVICE_UNKNOWN


def test_only_hashes_of_the_token_and_pin_are_stored(kiosk):
    registration, _, _ = kiosk
    device = registration.device

    assert registration.token not in (device.token_hash, device.pin_hash)
    assert len(registration.pin) == 6 and registration.pin.isdigit()
    assert devices.pin_hash(device.pin_salt, registration.pin) == device.pin_hash
    assert devices.authenticate(registration.token) == device


def test_the_end_of_day_report_splits_by_method_and_producer(kiosk):
    registration, rice, honey = kiosk
    sync_batch(
        registration.device,
        [sale([(rice, 1), (honey, 1)]), sale([(rice, 1)], method="vietqr")],
    )

    report = end_of_day(registration.device, timezone.localdate())

    assert report["by_method"]["cash"] == {"count": 1, "total": Decimal("200000")}
    assert report["by_method"]["vietqr"] == {"count": 1, "total": Decimal("120000")}
    assert report["total"] == Decimal("320000")
    rice_producer = report["producers"][rice.product.producer.name]
    assert rice_producer["gross"] == Decimal("240000") and rice_producer["quantity"] == 2
    assert rice_producer["by_method"] == {"cash": Decimal("120000"), "vietqr": Decimal("120000")}
    yesterday = end_of_day(registration.device, timezone.localdate() - timedelta(days=1))
    assert yesterday["total"] == 0
