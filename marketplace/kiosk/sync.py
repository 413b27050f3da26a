"""Accept a batch of kiosk sales idempotently: each sale exactly once, answered per sale.

Each sale is written in its own transaction, keyed by the id the device made, so a
batch cut off at any point can be sent again whole: sales already written answer
"synced" again and the rest are written now. Goods were handed over at the stall, so
a sale that finds too little stock is still written, takes what stock there is, and is
flagged for staff; it is never dropped."""

import logging
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveIntegerField, When
from django.utils import timezone

from catalog.search import variants_changed
from marketplace.channels.price_history import PriceList
from marketplace.errors import CommerceError
from marketplace.events.services import EventType, emit
from marketplace.kiosk.models import KioskDevice, KioskSale, SaleStatus
from marketplace.kiosk.sale_input import (
    InvalidSale,
    SaleLine,
    amount_of,
    clean_sale,
    price_list,
    variants_of,
)
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
from marketplace.payments.models import Gateway
from marketplace.warehouses.models import MovementKind, Stock, StockAdjustment

OFFLINE_METHODS = (Gateway.CASH, Gateway.VIETQR)
log = logging.getLogger(__name__)


def sale_code(sale_id: uuid.UUID) -> str:
    """The short code a kiosk puts in a VietQR transfer note (ASCII, made offline)."""
    return "KS" + sale_id.hex[:10].upper()


def sync_batch(device: KioskDevice, sales: list[dict]) -> list[dict]:
    """Write each sale of the batch once; answer per sale: synced, flagged or failed."""
    known = _already_synced(sales)
    rates: dict = {}  # commission rates, read once per producer and group in a batch
    prices = price_list(device, variants_of(sales))  # listings and price history, once
    results = [_sync_one(device, sale, known, rates, prices) for sale in sales]
    KioskDevice.objects.filter(pk=device.pk).update(last_sync_at=timezone.now())
    return results


def _sync_one(device, payload, known, rates, prices) -> dict:
    """One sale of a batch: whatever goes wrong with it, the rest of the batch goes on."""
    try:
        return sync_sale(device, payload, known, rates=rates, prices=prices)
    except Exception:
        log.exception(
            "kiosk sale %r of device %s could not be written", payload.get("id"), device.pk
        )
        return _failed(
            _sale_id(payload),
            "sale",
            "Máy chủ không ghi được đơn này; đơn vẫn được giữ trên máy để gửi lại.",
            "The server could not write this sale; the device keeps it to send again.",
        )


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
    prices: PriceList | None = None,
) -> dict:
    sale_id = _sale_id(payload)
    if sale_id is None:
        return _failed(payload.get("id"), "id", "Mã đơn không hợp lệ.", "The sale id is invalid.")
    if known is None:
        known = _already_synced([payload])
    done = known.get(sale_id)
    if done is not None:
        return _answer_again(device, done)
    try:
        clean = clean_sale(device, payload, methods, prices)
    except InvalidSale as invalid:
        return _failed(sale_id, invalid.field, invalid.message_vi, invalid.message_en)
    try:
        with transaction.atomic():
            sale = KioskSale(
                sale_id=sale_id,
                device=device,
                payment_method=clean.method,
                sold_at=clean.sold_at,
                status=SaleStatus.SYNCED,
                payload=payload,
                flags=list(clean.flags),
            )
            _record(device, sale, clean.lines, clean.tendered, rates)
    except IntegrityError:
        # The same sale arrived twice at once: the other request wrote it first, and the
        # unique sale id undid everything this one wrote (order and stock included).
        done = KioskSale.objects.select_related("order").get(sale_id=sale_id)
        return _answer_again(device, done)
    except CommerceError as error:
        return _failed(sale_id, error.field or "sale", error.message_vi, error.message_en)
    return _answer(sale, duplicate=False)


def _answer_again(device: KioskDevice, sale: KioskSale) -> dict:
    """A sale id seen before: its own device gets the answer again; another device learns
    nothing of it (not the order code, not its token)."""
    if sale.device_id != device.pk:
        return _failed(
            sale.sale_id,
            "id",
            "Mã đơn này đã được một thiết bị khác dùng.",
            "This sale id was already used by another device.",
        )
    return _answer(sale, duplicate=True)


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
        payments.open_payment(order, Gateway.VIETQR, transfer_code=sale_code(sale.sale_id))


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
                    stock=stock,
                    kind=MovementKind.KIOSK_SALE,
                    change=-taken,
                    quantity_after=stock.quantity - taken,
                    reason=reason,
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
