"""A producer recalls its own lot from the portal and sees who scanned it afterwards."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from tests.storefront.portal import (
    approved_producer,
    english,
    gtin_for,
    login,
    product_with_variant,
)
from traceability.models import Lot, LotStatus
from traceability.services.lots import create_lot
from traceability.services.stamps import issue_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def lot():
    producer, owner = approved_producer("thu-hoi")
    _, variant = product_with_variant(producer, gtin=gtin_for(41))
    lot = create_lot(
        variant,
        code="TH-2026-01",
        production_date=date(2026, 10, 1),
        expiry_date=date(2027, 10, 1),
        quantity=Decimal(50),
        unit="kg",
        origin_name="Vườn Đông",
        origin_unit=producer.commune,
    )
    issue_batch(lot, 3)
    lot.owner = owner
    return lot


def scan(stamp) -> str:
    lot = stamp.batch.lot
    path = f"/01/{lot.variant.gtin}/10/{lot.code}/21/{stamp.serial}"
    return Client().get(path).content.decode()


def test_a_recall_needs_a_reason_and_the_confirmation(client, lot):
    login(client, lot.owner)
    unconfirmed = client.post(f"/producer/lots/{lot.pk}/recall", {"reason": "Nấm mốc"})
    no_reason = client.post(f"/producer/lots/{lot.pk}/recall", {"reason": " ", "confirm": "on"})

    assert (unconfirmed.status_code, no_reason.status_code) == (400, 400)
    lot.refresh_from_db()
    assert lot.status == LotStatus.ACTIVE
    assert "Thu hồi lô" in client.get(f"/producer/lots/{lot.pk}/").content.decode()


def test_the_producer_recalls_its_lot_and_sees_the_scans_since(client, lot):
    before, after = lot.batches.get().stamps.order_by("pk")[:2]
    scan(before)
    login(client, lot.owner)

    response = client.post(
        f"/producer/lots/{lot.pk}/recall",
        {"reason": "Phát hiện nấm mốc trong kho", "confirm": "on"},
    )
    page_of_buyer = scan(after)
    lot_page = client.get(f"/producer/lots/{lot.pk}/").content.decode()

    assert response.status_code == 302
    lot.refresh_from_db()
    assert lot.status == LotStatus.RECALLED and lot.recalled_at is not None
    assert "Lô hàng này đã bị thu hồi" in page_of_buyer
    assert "Phát hiện nấm mốc trong kho" in page_of_buyer
    assert "1 lượt quét" in lot_page
    assert after.serial in lot_page and before.serial not in lot_page
    assert "Thu hồi lô" not in lot_page  # nothing left to recall


def test_a_lot_is_recalled_once(client, lot):
    login(client, lot.owner)
    client.post(f"/producer/lots/{lot.pk}/recall", {"reason": "Lần đầu", "confirm": "on"})
    first = Lot.objects.get(pk=lot.pk).recalled_at
    english(client)

    again = client.post(f"/producer/lots/{lot.pk}/recall", {"reason": "Lần hai", "confirm": "on"})

    assert again.status_code == 400
    assert "was already recalled" in again.content.decode()
    lot.refresh_from_db()
    assert (lot.recalled_at, lot.recall_reason) == (first, "Lần đầu")
