"""Accept a batch of kiosk sales idempotently: each sale exactly once, answered per sale.

Each sale is written in its own transaction, keyed by the id the device made, so a
batch cut off at any point can be sent again whole: sales already written answer
"synced" again and the rest are written now. Goods were handed over at the stall, so
a sale that finds too little stock is still written, takes what stock there is, and is
flagged for staff; it is never dropped."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveIntegerField, When
from django.utils import timezone

from catalog.models import ProductVariant
from catalog.search import variants_changed
from marketplace.channels.models import VariantChannelListing
from marketplace.errors import CommerceError
from marketplace.events.services import EventType, emit
from marketplace.kiosk.models import KioskDevice, KioskSale, SaleStatus
from marketplace.money import quantize
from marketplace.orders.lines import new_line
from marketplace.orders.models import (
    Order,
    OrderLine,
    OrderStatus,
    ProducerOrder,
    ProducerOrderStatus,
)
from marketplace.payments import services as payments
from marketplace.payments import vietqr
from marketplace.payments.models import Gateway
from marketplace.warehouses.models import Stock, StockAdjustment

OFFLINE_METHODS = (Gateway.CASH, Gateway.VIETQR)
MAX_LINES = 100


def sale_code(sale_id: uuid.UUID) -> str:
    """The short code a kiosk puts in a VietQR transfer note (ASCII, made offline)."""
    return "KS" + sale_id.hex[:10].upper()


@dataclass
class SaleLine:
    variant: ProductVariant
    quantity: int
    unit_price: Decimal


def amount_of(lines: list[SaleLine]) -> Decimal:
    return sum((line.unit_price * line.quantity for line in lines), Decimal(0))


class InvalidSale(Exception):
    def __init__(self, field: str, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.field, self.message_vi, self.message_en = field, message_vi, message_en


def sync_batch(device: KioskDevice, sales: list[dict]) -> list[dict]:
    """Write each sale of the batch once; answer per sale: synced, flagged or failed."""
    known = _already_synced(sales)
    rates: dict = {}  # commission rates, read once per producer and group in a batch
    results = [sync_sale(device, sale, known, rates=rates) for sale in sales]
    KioskDevice.objects.filter(pk=device.pk).update(last_sync_at=timezone.now())
    return results


def _sale_id(payload: dict) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(payload.get("id", "")))
    except ValueError:
        return None


def _already_synced(sales: list[dict]) -> dict:
    """The batch's sales written before, read in one query (a resent queue is common)."""
    ids = [sale_id for sale_id in map(_sale_id, sales) if sale_id]
    found = KioskSale.objects.filter(sale_id__in=ids).select_related("order")
    return {sale.sale_id: sale for sale in found}


def start_card_sale(device: KioskDevice, payload: dict) -> dict:
    """A card sale, made while online: the order is written now and paid by card on the
    order's page (Stripe.js); the signed webhook marks it paid. Sent twice, it answers
    the same order."""
    return sync_sale(device, payload, methods=(Gateway.STRIPE,))


def sync_sale(
    device: KioskDevice,
    payload: dict,
    known: dict | None = None,
    methods=OFFLINE_METHODS,
    rates: dict | None = None,
) -> dict:
    sale_id = _sale_id(payload)
    if sale_id is None:
        return _failed(payload.get("id"), "id", "Mã đơn không hợp lệ.", "The sale id is invalid.")
    if known is None:
        known = _already_synced([payload])
    done = known.get(sale_id)
    if done is not None:
        return _answer(done, duplicate=True)
    try:
        lines, method, tendered, sold_at = _clean(device, payload, methods)
    except InvalidSale as invalid:
        return _failed(sale_id, invalid.field, invalid.message_vi, invalid.message_en)
    try:
        with transaction.atomic():
            sale = KioskSale(
                sale_id=sale_id,
                device=device,
                payment_method=method,
                sold_at=sold_at,
                status=SaleStatus.SYNCED,
                payload=payload,
            )
            _record(device, sale, lines, tendered, rates)
    except IntegrityError:
        # The same sale arrived twice at once: the other request wrote it first, and the
        # unique sale id undid everything this one wrote (order and stock included).
        done = KioskSale.objects.select_related("order").get(sale_id=sale_id)
        return _answer(done, duplicate=True)
    except CommerceError as error:
        return _failed(sale_id, error.field or "sale", error.message_vi, error.message_en)
    return _answer(sale, duplicate=False)


def _answer(sale: KioskSale, *, duplicate: bool) -> dict:
    return {
        "id": str(sale.sale_id),
        "status": sale.status,
        "order": sale.order.code if sale.order else None,
        "token": str(sale.order.token) if sale.order else None,
        "flags": sale.flags,
        "duplicate": duplicate,
    }


def _failed(sale_id, field: str, message_vi: str, message_en: str) -> dict:
    return {
        "id": str(sale_id) if sale_id else None,
        "status": "failed",
        "field": field,
        "message_vi": message_vi,
        "message_en": message_en,
    }


def _clean(device: KioskDevice, payload: dict, methods=OFFLINE_METHODS):
    method = (
        payload.get("payment", {}).get("method")
        if isinstance(payload.get("payment"), dict)
        else None
    )
    if method not in methods or method not in device.channel.payment_gateways:
        raise InvalidSale(
            "payment",
            f"Hình thức thanh toán «{method}» không dùng được khi đồng bộ.",
            f"Payment method “{method}” cannot be synced.",
        )
    raw_lines = payload.get("lines")
    if not isinstance(raw_lines, list) or not 1 <= len(raw_lines) <= MAX_LINES:
        raise InvalidSale("lines", "Đơn không có dòng hàng hợp lệ.", "The sale has no valid lines.")
    lines = _lines(device, raw_lines)
    tendered = (
        _amount(payload["payment"].get("tendered"), "tendered") if method == Gateway.CASH else None
    )
    total = amount_of(lines)
    if tendered is not None and tendered < total:
        raise InvalidSale(
            "tendered",
            f"Tiền khách đưa {tendered} ít hơn tổng {total}.",
            f"Cash tendered {tendered} is less than the total {total}.",
        )
    return lines, method, tendered, _sold_at(payload.get("soldAt"))


def _lines(device: KioskDevice, raw_lines: list) -> list[SaleLine]:
    for raw in raw_lines:
        if not isinstance(raw, dict):
            raise InvalidSale("lines", "Dòng hàng không hợp lệ.", "A line is invalid.")
        quantity = raw.get("quantity")
        if (
            not isinstance(quantity, int)
            or isinstance(quantity, bool)
            or not 1 <= quantity <= 10_000
        ):
            raise InvalidSale("quantity", "Số lượng không hợp lệ.", "A quantity is invalid.")
    wanted = [raw.get("variant") for raw in raw_lines]
    listings = {
        listing.variant_id: listing
        for listing in VariantChannelListing.objects.select_related(
            "variant__product__producer", "variant__product__group"
        ).filter(variant_id__in=[v for v in wanted if isinstance(v, int)], channel=device.channel)
    }
    lines = []
    for raw, variant_id in zip(raw_lines, wanted, strict=True):
        listing = listings.get(variant_id) if isinstance(variant_id, int) else None
        if listing is None:
            raise InvalidSale(
                "variant",
                f"Sản phẩm {variant_id} không bán ở kênh này.",
                f"Product {variant_id} is not sold in this channel.",
            )
        lines.append(
            SaleLine(listing.variant, raw["quantity"], _amount(raw.get("unitPrice"), "unitPrice"))
        )
    return lines


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if amount < 0 or amount != amount.to_integral_value() or amount > Decimal(10) ** 11:
        raise InvalidSale(field, f"Số tiền {value} không hợp lệ.", f"Amount {value} is invalid.")
    return amount


def _sold_at(value) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise InvalidSale(
            "soldAt", "Thời điểm bán không hợp lệ.", "The sale time is invalid."
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now() + timedelta(minutes=10):
        raise InvalidSale("soldAt", "Thời điểm bán ở tương lai.", "The sale time is in the future.")
    return moment


def _record(device: KioskDevice, sale: KioskSale, lines, tendered, rates=None) -> None:
    """The sale becomes an order of the kiosk channel, handed over, and its payment."""
    currency = device.channel.currency
    total = quantize(amount_of(lines), currency)
    order = Order.objects.create(
        channel=device.channel,
        status=OrderStatus.FULFILLED,
        currency=currency,
        subtotal=total,
        delivery_total=0,
        total=total,
    )
    by_producer: dict[int, list[SaleLine]] = {}
    for line in lines:
        by_producer.setdefault(line.variant.product.producer_id, []).append(line)
    now = timezone.now()
    sub_orders = ProducerOrder.objects.bulk_create(
        _sub_order(device, order, group, now) for group in by_producer.values()
    )
    OrderLine.objects.bulk_create(
        new_line(
            order,
            sub_order,
            line.variant,
            line.quantity,
            line.unit_price,
            fulfilled=True,
            rates=rates,
        )
        for sub_order, group in zip(sub_orders, by_producer.values(), strict=True)
        for line in group
    )
    _take_stock(device, sale, lines)
    sale.order = order
    sale.status = SaleStatus.FLAGGED if sale.flags else SaleStatus.SYNCED
    sale.save()  # the unique sale id: a second copy of this sale fails here
    emit(EventType.ORDER_CREATED, {"order": order.pk, "gateway": sale.payment_method})
    if sale.payment_method == Gateway.CASH:
        payments.record_cash(order, tendered)
    elif sale.payment_method == Gateway.STRIPE:
        payments.open_payment(order, Gateway.STRIPE)
    else:
        # The customer paid with the code the device drew offline: its note is the sale code.
        payment = payments.open_payment(order, Gateway.VIETQR)
        payment.transfer_code = sale_code(sale.sale_id)
        payment.vietqr_payload = vietqr.build_payload(
            bank_bin=settings.VIETQR_BANK_BIN,
            account=settings.VIETQR_ACCOUNT_NUMBER,
            amount=order.total,
            note=payment.transfer_code,
        )
        payment.save(update_fields=["transfer_code", "vietqr_payload"])


def _sub_order(device, order: Order, lines: list[SaleLine], now) -> ProducerOrder:
    """One producer's part of the sale, handed over at the stall."""
    subtotal = quantize(amount_of(lines), order.currency)
    return ProducerOrder(
        order=order,
        producer=lines[0].variant.product.producer,
        status=ProducerOrderStatus.DELIVERED,
        delivery_method="kiosk",
        delivery_name=device.name,
        pickup_warehouse=device.warehouse,
        subtotal=subtotal,
        delivery_price=0,
        total=subtotal,
        fulfilled_at=now,
        delivered_at=now,
    )


def _take_stock(device: KioskDevice, sale: KioskSale, lines: list[SaleLine]) -> None:
    """The goods left the stall: take them from its stock, flag any shortfall for staff.

    The sale's stock rows are locked in one query, in variant order, so concurrent
    sales never deadlock."""
    variants = sorted(
        {line.variant.pk: line.variant for line in lines}.values(), key=lambda v: v.pk
    )
    stocks = {
        stock.variant_id: stock
        for stock in Stock.objects.select_for_update()
        .filter(warehouse=device.warehouse, variant__in=variants)
        .order_by("variant_id")
    }
    wanted: dict[int, int] = {}
    for line in lines:
        wanted[line.variant.pk] = wanted.get(line.variant.pk, 0) + line.quantity
    adjustments, takes = [], {}
    reason = f"Bán tại kiosk {device.name} ({sale_code(sale.sale_id)})"
    for variant in variants:
        stock = stocks.get(variant.pk) or Stock.objects.create(
            warehouse=device.warehouse, variant=variant
        )
        quantity = wanted[variant.pk]
        taken = min(quantity, stock.quantity_available)
        if taken:
            takes[stock.pk] = taken
            adjustments.append(
                StockAdjustment(
                    stock=stock, change=-taken, quantity_after=stock.quantity - taken, reason=reason
                )
            )
        if taken < quantity:
            sale.flags.append(
                {"code": "insufficient_stock", "sku": variant.sku, "missing": quantity - taken}
            )
    if takes:
        Stock.objects.filter(pk__in=takes).update(
            quantity=Case(
                *(When(pk=pk, then=F("quantity") - taken) for pk, taken in takes.items()),
                default=F("quantity"),
                output_field=PositiveIntegerField(),
            )
        )
    StockAdjustment.objects.bulk_create(adjustments)
    if takes:
        variants_changed(wanted)
