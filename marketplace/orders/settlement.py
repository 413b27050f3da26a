"""What the marketplace owes each producer for a period: paid sales, commission, refunds."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from catalog.tabular import safe_row
from marketplace.orders.models import OrderLine, ProducerOrder
from marketplace.payments.models import RefundLine

HEADER = [
    "producer_id",
    "producer",
    "currency",
    "orders",
    "gross",
    "delivery",
    "commission",
    "refunds",
    "refunded_commission",
    "net",
]


@dataclass
class SettlementRow:
    producer_id: int
    producer: str
    currency: str
    orders: set = field(default_factory=set)
    gross: Decimal = Decimal(0)
    delivery: Decimal = Decimal(0)
    commission: Decimal = Decimal(0)
    refunds: Decimal = Decimal(0)
    refunded_commission: Decimal = Decimal(0)

    @property
    def net(self) -> Decimal:
        """Goods and delivery paid, less commission, less refunds net of their commission."""
        return (
            self.gross + self.delivery - self.commission - self.refunds + self.refunded_commission
        )


def settlement_bounds(start: date, end: date):
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def settlement(start: date, end: date, producer_id: int | None = None) -> list[SettlementRow]:
    """Per producer: orders paid between `start` and `end` (inclusive) and refunds made then."""
    since, until = settlement_bounds(start, end)
    rows: dict[tuple[int, str], SettlementRow] = {}

    def row(producer_order) -> SettlementRow:
        key = (producer_order.producer_id, producer_order.order.currency)
        return rows.setdefault(key, SettlementRow(key[0], producer_order.producer.name, key[1]))

    paid = OrderLine.objects.filter(order__paid_at__gte=since, order__paid_at__lt=until)
    refunded = RefundLine.objects.filter(
        refund__created_at__gte=since, refund__created_at__lt=until
    )
    parts = ProducerOrder.objects.filter(order__paid_at__gte=since, order__paid_at__lt=until)
    if producer_id is not None:
        paid = paid.filter(producer_order__producer_id=producer_id)
        refunded = refunded.filter(order_line__producer_order__producer_id=producer_id)
        parts = parts.filter(producer_id=producer_id)
    for line in paid.select_related("producer_order__producer", "order"):
        entry = row(line.producer_order)
        entry.orders.add(line.order_id)
        entry.gross += line.total
        entry.commission += line.commission_amount
    for part in parts.select_related("producer", "order"):
        row(part).delivery += part.delivery_price
    for line in refunded.select_related(
        "order_line__producer_order__producer", "order_line__order"
    ):
        entry = row(line.order_line.producer_order)
        entry.refunds += line.amount
        entry.refunded_commission += line.commission_amount
    return sorted(rows.values(), key=lambda entry: (entry.producer, entry.currency))


def settlement_csv(rows: list[SettlementRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for entry in rows:
        writer.writerow(
            safe_row(
                [
                    entry.producer_id,
                    entry.producer,
                    entry.currency,
                    len(entry.orders),
                    entry.gross,
                    entry.delivery,
                    entry.commission,
                    entry.refunds,
                    entry.refunded_commission,
                    entry.net,
                ]
            )
        )
    return buffer.getvalue()
