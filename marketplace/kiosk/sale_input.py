"""What a kiosk sends for one sale, checked before anything is written.

The device is trusted for what happened at the stall (what was handed over, how it
was paid, when), never for what things cost: every line is priced from the kiosk
channel's price list as it stood when the device read it (the snapshot's "prices as
of"), and a price the device shows differently is flagged for staff, not booked."""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone

from catalog.models import ProductVariant
from marketplace.channels.models import VariantChannelListing
from marketplace.channels.price_history import PriceList
from marketplace.kiosk.models import KioskDevice

MAX_LINES = 100
MAX_QUANTITY = 10_000
MAX_AMOUNT = Decimal(10) ** 11


@dataclass
class SaleLine:
    variant: ProductVariant
    quantity: int
    unit_price: Decimal


@dataclass
class CleanSale:
    lines: list[SaleLine]
    method: str
    tendered: Decimal | None
    sold_at: datetime
    flags: list[dict] = field(default_factory=list)


def amount_of(lines: list[SaleLine]) -> Decimal:
    return sum((line.unit_price * line.quantity for line in lines), Decimal(0))


class InvalidSale(Exception):
    def __init__(self, field: str, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.field, self.message_vi, self.message_en = field, message_vi, message_en


def price_list(device: KioskDevice, variant_ids: Iterable[int]) -> PriceList:
    """The kiosk channel's listings of these variants (with what a line needs) and their
    price history."""
    return PriceList(
        VariantChannelListing.objects.select_related(
            "variant__product__producer", "variant__product__group"
        ).filter(variant_id__in=list(variant_ids), channel=device.channel)
    )


def variants_of(sales: list[dict]) -> set[int]:
    """Every variant id the sales of a batch name (whatever else is wrong with them)."""
    ids = set()
    for sale in sales:
        raw_lines = sale.get("lines")
        for raw in raw_lines if isinstance(raw_lines, list) else []:
            if isinstance(raw, dict) and (variant_id := _variant_id(raw)) is not None:
                ids.add(variant_id)
    return ids


def clean_sale(
    device: KioskDevice, payload: dict, methods, prices: PriceList | None = None
) -> CleanSale:
    """The sale as the server books it, or InvalidSale naming the field at fault.

    `prices` holds the batch's listings (`price_list(device, variants_of(sales))`);
    without it the sale's own are read."""
    payment = payload.get("payment") if isinstance(payload.get("payment"), dict) else {}
    method = payment.get("method")
    if not isinstance(method, str) or method not in methods:
        method = None
    if method is None or method not in device.channel.payment_gateways:
        raise InvalidSale(
            "payment",
            "Hình thức thanh toán này không dùng được khi đồng bộ.",
            "This payment method cannot be synced.",
        )
    raw_lines = payload.get("lines")
    if not isinstance(raw_lines, list) or not 1 <= len(raw_lines) <= MAX_LINES:
        raise InvalidSale("lines", "Đơn không có dòng hàng hợp lệ.", "The sale has no valid lines.")
    sold_at = _sold_at(device, payload.get("soldAt"))
    prices_moment = _prices_moment(payload.get("pricesAsOf"), sold_at)
    lines, flags = _lines(device, raw_lines, prices_moment, prices)
    tendered = _amount(payment.get("tendered"), "tendered") if method == "cash" else None
    total = amount_of(lines)
    if tendered is not None and tendered < total:
        raise InvalidSale(
            "tendered",
            f"Tiền khách đưa {tendered:,.0f} ₫ ít hơn tổng theo bảng giá {total:,.0f} ₫.",
            f"Cash tendered {tendered:,.0f} ₫ is less than the price-list total {total:,.0f} ₫.",
        )
    return CleanSale(lines, method, tendered, sold_at, flags)


def _quantity(raw) -> int:
    quantity = raw.get("quantity") if isinstance(raw, dict) else None
    if (
        not isinstance(quantity, int)
        or isinstance(quantity, bool)
        or not 1 <= quantity <= MAX_QUANTITY
    ):
        raise InvalidSale("quantity", "Số lượng không hợp lệ.", "A quantity is invalid.")
    return quantity


MAX_ID = 2**63 - 1  # PostgreSQL's bigint: a larger number names no variant


def _variant_id(raw) -> int | None:
    value = raw.get("variant")
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID:
        return value
    return None


def _lines(device: KioskDevice, raw_lines: list, moment: datetime, prices: PriceList | None):
    quantities = [_quantity(raw) for raw in raw_lines]
    wanted = [_variant_id(raw) for raw in raw_lines]
    if prices is None:
        prices = price_list(device, [v for v in wanted if v is not None])
    lines, flags = [], []
    for raw, variant_id, quantity in zip(raw_lines, wanted, quantities, strict=True):
        listing = prices.listings.get(variant_id)
        if listing is None:
            shown = str(raw.get("variant"))[:20]
            raise InvalidSale(
                "variant",
                f"Sản phẩm {shown} không bán ở kênh này.",
                f"Product {shown} is not sold in this channel.",
            )
        price = prices.price(variant_id, moment)
        shown = _device_price(raw.get("unitPrice"))
        if shown != price:
            flags.append(
                {
                    "code": "price_differs",
                    "sku": listing.variant.sku,
                    "device": None if shown is None else int(shown),
                    "booked": int(price),
                }
            )
        lines.append(SaleLine(listing.variant, quantity, price))
    return lines, flags


def _device_price(value) -> Decimal | None:
    """The price the tablet showed, only to compare: absent or nonsense is a difference."""
    try:
        return _amount(value, "unitPrice")
    except InvalidSale:
        return None


def _amount(value, field: str) -> Decimal:
    """A whole, finite, non-negative amount of đồng (JSON numbers or digit strings)."""
    amount = None
    if isinstance(value, bool):
        value = None
    if isinstance(value, float) and math.isfinite(value):
        value = Decimal(str(value))
    if isinstance(value, int | Decimal) or (isinstance(value, str) and len(value) <= 20):
        try:
            amount = Decimal(value)
        except (InvalidOperation, ValueError):
            amount = None
    if (
        amount is None
        or not amount.is_finite()
        or amount < 0
        or amount != amount.to_integral_value()
        or amount > MAX_AMOUNT
    ):
        shown = str(value)[:20]
        raise InvalidSale(
            field, f"Số tiền «{shown}» không hợp lệ.", f"Amount “{shown}” is invalid."
        )
    return amount


def _moment(value) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _sold_at(device: KioskDevice, value) -> datetime:
    """The device clock's time of sale: not in the future, not before the device existed
    or further back than a kiosk can stay offline (KIOSK_MAX_SALE_AGE_DAYS)."""
    moment = _moment(value)
    if moment is None:
        raise InvalidSale("soldAt", "Thời điểm bán không hợp lệ.", "The sale time is invalid.")
    now = timezone.now()
    if moment > now + timedelta(minutes=10):
        raise InvalidSale("soldAt", "Thời điểm bán ở tương lai.", "The sale time is in the future.")
    earliest = now - timedelta(days=settings.KIOSK_MAX_SALE_AGE_DAYS)
    if device.registered_at:
        earliest = max(earliest, device.registered_at - timedelta(days=1))
    if moment < earliest:
        raise InvalidSale(
            "soldAt",
            "Thời điểm bán quá xa trong quá khứ (trước khi thiết bị được đăng ký "
            "hoặc quá thời hạn đồng bộ).",
            "The sale time is too far back (before the device was registered or past "
            "the sync window).",
        )
    return moment


def _prices_moment(value, sold_at: datetime) -> datetime:
    """Which price list the device sold from: its snapshot's time (the server's clock),
    else the sale time (the device's); never later than now."""
    return min(_moment(value) or sold_at, timezone.now())
