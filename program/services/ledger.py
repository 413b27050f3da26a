"""Write the sales ledger from the commerce event log: each paid line once, each refund once."""

from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from catalog.models import AdministrativeUnit
from catalog.services.administrative_units import successors_on
from marketplace.events.models import Event
from marketplace.events.services import EventType, subscribe
from marketplace.orders.models import OrderLine
from marketplace.payments.models import RefundLine
from marketplace.taxes import vat_of
from program.models import EntryKind, SalesLedgerEntry
from program.services.webhooks import active_endpoints, queue_ledger_webhooks
from tourism.models import TourismPoint

SUBSCRIBER = "program.ledger"


def subscribe_to_sales() -> None:
    subscribe(EventType.ORDER_PAID, on_order_paid, name=SUBSCRIBER)
    subscribe(EventType.ORDER_LINE_REFUNDED, on_line_refunded, name=SUBSCRIBER)


def sale_source(line_id: int) -> str:
    return f"sale:{line_id}"


def refund_source(refund_id: int, line_id: int) -> str:
    return f"refund:{refund_id}:{line_id}"


def on_order_paid(event: Event) -> None:
    """`order.paid`: one sale row per line, keyed by the order line (a replay writes nothing).

    The order's lines are booked together: one delivery and one insert per order."""
    lines = list(_lines().filter(order_id=event.payload["order"]))
    points = SalesPoints()
    record_entries([sale_entry(line, points) for line in lines])


def on_line_refunded(event: Event) -> None:
    """`order_line.refunded`: one negative row per refunded line."""
    payload = event.payload
    refund_line = (
        RefundLine.objects.select_related("refund")
        .filter(refund_id=payload["refund"], order_line_id=payload["order_line"])
        .first()
    )
    if refund_line is None:
        raise LookupError(f"refund {payload['refund']} has no line {payload['order_line']}")
    refund_line.order_line = _line(refund_line.order_line_id)
    record_entry(refund_entry(refund_line, SalesPoints()))


LINE_RELATIONS = (
    "order__channel",
    "producer_order__producer__commune",
    "producer_order__pickup_warehouse",
    "variant__product",
)


def _lines():
    return OrderLine.objects.select_related(*LINE_RELATIONS).order_by("pk")


def _line(line_id: int) -> OrderLine:
    return _lines().get(pk=line_id)


def record_entries(entries: list[SalesLedgerEntry]) -> None:
    """Append the entries whose sources are not yet in the ledger (one insert)."""
    if not entries:
        return
    endpoints = active_endpoints()
    if not endpoints:
        # Nothing to send: a replayed row is simply skipped by the unique source.
        SalesLedgerEntry.objects.bulk_create(entries, ignore_conflicts=True)
        return
    try:
        with transaction.atomic():
            SalesLedgerEntry.objects.bulk_create(entries)
    except IntegrityError:  # booked before (a replay): add only what is missing
        for entry in entries:
            record_entry(entry)
        return
    queue_ledger_webhooks(entries, endpoints)


def record_entry(entry: SalesLedgerEntry) -> bool:
    """Append `entry` unless its source is already in the ledger; True when written."""
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        if SalesLedgerEntry.objects.filter(source=entry.source).exists():
            return False
        raise
    queue_ledger_webhooks([entry])
    return True


def sale_entry(line: OrderLine, points: "SalesPoints") -> SalesLedgerEntry:
    order = line.order
    return _entry(
        line,
        points,
        source=sale_source(line.pk),
        kind=EntryKind.SALE,
        day=timezone.localdate(order.paid_at) if order.paid_at else timezone.localdate(),
        quantity=line.quantity,
        gross=line.total,
        commission=line.commission_amount,
        vat=line.vat_amount,
    )


def refund_entry(refund_line: RefundLine, points: "SalesPoints") -> SalesLedgerEntry:
    return _entry(
        refund_line.order_line,
        points,
        source=refund_source(refund_line.refund_id, refund_line.order_line_id),
        kind=EntryKind.REFUND,
        day=timezone.localdate(refund_line.refund.created_at),
        quantity=-refund_line.quantity,
        gross=-refund_line.amount,
        commission=-refund_line.commission_amount,
        vat=-vat_of(
            refund_line.amount, refund_line.order_line.vat_rate, refund_line.order_line.currency
        ),
    )


def _entry(line: OrderLine, points, *, source, kind, day: date, quantity, gross, commission, vat):
    order = line.order
    producer = line.producer_order.producer
    if line.variant is None:
        raise LookupError(f"order line {line.pk} lost its variant; it cannot be booked")
    return SalesLedgerEntry(
        source=source,
        kind=kind,
        entry_date=day,
        product=line.variant.product,
        variant=line.variant,
        producer=producer,
        administrative_unit_id=unit_id_on(producer, day),
        channel=order.channel,
        channel_kind=order.channel.kind,
        sales_point_id=points.for_line(line),
        order_line=line,
        quantity=quantity,
        gross=Decimal(gross),
        commission=Decimal(commission),
        vat=Decimal(vat),
        currency=line.currency,
    )


def unit_id_on(producer, day: date) -> int:
    """The producer's commune as the units stood on `day` (a merged commune's successor)."""
    commune = producer.commune
    if commune.is_valid_on(day):
        return commune.pk
    return _successor_id(commune.pk, day)


@lru_cache(maxsize=4096)
def _successor_id(commune_id: int, day: date) -> int:
    # Units change by decree, years apart; a process may remember the answer for a day.
    commune = AdministrativeUnit.objects.get(pk=commune_id)
    successors = successors_on(commune, day)
    return successors[0].pk if len(successors) == 1 else commune_id


class SalesPoints:
    """Which tourism point sold a line: the one whose kiosk channel sold it, else the one
    whose warehouse it was collected from. Read once for a batch of lines."""

    def __init__(self):
        rows = TourismPoint.objects.filter(
            Q(channel__isnull=False) | Q(warehouse__isnull=False)
        ).values_list("pk", "channel_id", "warehouse_id")
        self.by_channel = {channel: pk for pk, channel, _ in rows if channel}
        self.by_warehouse = {warehouse: pk for pk, _, warehouse in rows if warehouse}

    def for_line(self, line: OrderLine) -> int | None:
        return self.by_channel.get(line.order.channel_id) or self.by_warehouse.get(
            line.producer_order.pickup_warehouse_id
        )
