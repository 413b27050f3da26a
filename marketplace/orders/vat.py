"""An order's VAT: each line at its frozen rate, each producer's delivery at the transport
rate (as the checkout taxed it, part by part, so both round alike)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from marketplace.taxes import DELIVERY_VAT_RATE, Taxed, taxed


def line_taxed(line) -> Taxed:
    return Taxed(line.total, line.vat_amount, line.currency)


def unit_taxed(line) -> Taxed:
    return taxed(line.unit_price, line.vat_rate, line.currency)


@dataclass(frozen=True)
class OrderVat:
    goods: Taxed
    delivery: Taxed
    by_rate: list[tuple[Decimal, Taxed]]  # what an invoice lists, highest rate first

    @property
    def total(self) -> Taxed:
        return self.goods + self.delivery


def order_vat(order, producer_id: int | None = None) -> OrderVat:
    """The whole order's VAT, or one producer's part of it. Read once per order object:
    its subtotal, delivery and total are asked for one after the other."""
    cache = order.__dict__.setdefault("_order_vat", {})
    if producer_id not in cache:
        cache[producer_id] = _order_vat(order, producer_id)
    return cache[producer_id]


def _order_vat(order, producer_id) -> OrderVat:
    currency = order.currency
    zero = Taxed(Decimal(0), Decimal(0), currency)
    lines, parts = order.lines.all(), order.producer_orders.all()
    if producer_id:
        lines = lines.filter(producer_order__producer_id=producer_id)
        parts = parts.filter(producer_id=producer_id)
    by_rate: dict[Decimal, Taxed] = defaultdict(lambda: zero)
    goods = delivery = zero
    for line in lines:
        amounts = line_taxed(line)
        goods += amounts
        by_rate[line.vat_rate] += amounts
    for part in parts:
        if part.delivery_price:
            amounts = taxed(part.delivery_price, DELIVERY_VAT_RATE, currency)
            delivery += amounts
            by_rate[DELIVERY_VAT_RATE] += amounts
    return OrderVat(goods, delivery, sorted(by_rate.items(), reverse=True))
