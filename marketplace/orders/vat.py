"""An order's VAT: per line at its frozen rate, delivery at the transport rate."""

from collections import defaultdict
from decimal import Decimal

from marketplace.taxes import DELIVERY_VAT_RATE, Taxed, taxed


def line_taxed(line) -> Taxed:
    return Taxed(line.total, line.vat_amount, line.currency)


def unit_taxed(line) -> Taxed:
    return taxed(line.unit_price, line.vat_rate, line.currency)


def lines_taxed(lines, currency: str) -> Taxed:
    found = Taxed(Decimal(0), Decimal(0), currency)
    for line in lines:
        found = found + line_taxed(line)
    return found


def delivery_taxed(amount, currency: str) -> Taxed:
    return taxed(amount, DELIVERY_VAT_RATE, currency)


def order_taxed(order) -> Taxed:
    """Goods plus delivery; net + tax = gross = the order's total (before discounts)."""
    return lines_taxed(order.lines.all(), order.currency) + delivery_taxed(
        order.delivery_total, order.currency
    )


def vat_by_rate(order) -> list[tuple[Decimal, Taxed]]:
    """(rate, amounts at that rate), the lines an invoice shows, highest rate first."""
    by_rate: dict[Decimal, Taxed] = defaultdict(
        lambda: Taxed(Decimal(0), Decimal(0), order.currency)
    )
    for line in order.lines.all():
        by_rate[line.vat_rate] = by_rate[line.vat_rate] + line_taxed(line)
    if order.delivery_total:
        rate = DELIVERY_VAT_RATE
        by_rate[rate] = by_rate[rate] + delivery_taxed(order.delivery_total, order.currency)
    return sorted(by_rate.items(), reverse=True)
