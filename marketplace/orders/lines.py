"""Order lines are frozen at order time: names, codes, price and commission."""

from decimal import Decimal

from marketplace.money import quantize
from marketplace.orders.commission import commission_rate
from marketplace.orders.models import Order, OrderLine, ProducerOrder
from marketplace.taxes import variant_vat_rate, vat_of


def new_line(
    order: Order,
    sub_order: ProducerOrder,
    variant,
    quantity: int,
    unit_price: Decimal,
    *,
    fulfilled: bool = False,
    rates: dict | None = None,
) -> OrderLine:
    """An unsaved line with today's names and the programme's commission fixed.

    `rates` remembers commission rates across the lines of one batch of sales."""
    producer = sub_order.producer
    line_total = quantize(unit_price * quantity, order.currency)
    key = (producer.pk, variant.product.group_id)
    rates = {} if rates is None else rates
    if key not in rates:
        rates[key] = commission_rate(producer.pk, variant.product.group)
    rate = rates[key]
    vat_rate = variant_vat_rate(variant)
    return OrderLine(
        order=order,
        producer_order=sub_order,
        variant=variant,
        product_name=variant.product.name,
        variant_name=variant.name,
        sku=variant.sku,
        gtin=variant.gtin or "",
        producer_name=producer.name,
        quantity=quantity,
        quantity_fulfilled=quantity if fulfilled else 0,
        unit_price=unit_price,
        total=line_total,
        currency=order.currency,
        commission_rate=rate,
        commission_amount=quantize(line_total * rate / 100, order.currency),
        vat_rate=vat_rate,
        vat_amount=vat_of(line_total, vat_rate, order.currency),
    )


def freeze_line(
    order: Order, sub_order: ProducerOrder, variant, quantity: int, unit_price, **options
):
    """Create the line (see `new_line`)."""
    line = new_line(order, sub_order, variant, quantity, unit_price, **options)
    line.save()
    return line
