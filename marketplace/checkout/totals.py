"""Checkout totals: subtotal per producer, delivery per producer, grand total."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from marketplace.channels.models import VariantChannelListing
from marketplace.channels.services import purchasable_price
from marketplace.checkout.models import Checkout, CheckoutLine, DeliveryMethod
from marketplace.errors import CommerceError
from marketplace.money import quantize
from marketplace.shipping.models import RateKind
from marketplace.taxes import DELIVERY_VAT_RATE, variant_vat_rate, vat_of


@dataclass
class ProducerPart:
    producer: object
    lines: list[CheckoutLine] = field(default_factory=list)
    subtotal: Decimal = Decimal(0)
    delivery: Decimal = Decimal(0)
    weight_grams: int = 0
    vat: Decimal = Decimal(0)  # VAT included in `subtotal`

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.delivery


@dataclass
class CheckoutTotals:
    currency: str
    parts: list[ProducerPart]
    unit_prices: dict[int, Decimal]
    vat_rates: dict[int, Decimal]  # per variant, the rate of its product's group

    @property
    def subtotal(self) -> Decimal:
        return sum((part.subtotal for part in self.parts), Decimal(0))

    @property
    def delivery(self) -> Decimal:
        return sum((part.delivery for part in self.parts), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.delivery

    @property
    def subtotal_vat(self) -> Decimal:
        return sum((part.vat for part in self.parts), Decimal(0))

    @property
    def delivery_vat(self) -> Decimal:
        rate, currency = DELIVERY_VAT_RATE, self.currency
        return sum((vat_of(part.delivery, rate, currency) for part in self.parts), Decimal(0))

    @property
    def total_vat(self) -> Decimal:
        return self.subtotal_vat + self.delivery_vat


def delivery_price(rate, weight_grams: int, currency: str) -> Decimal:
    """Flat rate, or base plus a price per started kilogram."""
    if rate.kind == RateKind.FLAT:
        return quantize(rate.base_amount, currency)
    kilograms = math.ceil(weight_grams / 1000) if weight_grams else 0
    return quantize(rate.base_amount + rate.per_kg_amount * kilograms, currency)


def _listed_price(variant, channel) -> Decimal:
    listing = VariantChannelListing.objects.filter(variant=variant, channel=channel).first()
    return listing.price_amount if listing else Decimal(0)


def compute_totals(checkout: Checkout, *, skip_unavailable: bool = False) -> CheckoutTotals:
    """Price every line at today's channel price and group the lines by producer. For
    display (`skip_unavailable`), a line that can no longer be bought is left out of the
    totals and shown at its last listed price (0 without one): it is a checkout problem."""
    currency = checkout.channel.currency
    parts: dict[int, ProducerPart] = {}
    unit_prices: dict[int, Decimal] = {}
    vat_rates: dict[int, Decimal] = {}
    lines = checkout.lines.select_related(
        "variant__product__producer", "variant__product__group"
    ).order_by("pk")
    for line in lines:
        vat_rates[line.variant_id] = variant_vat_rate(line.variant)
        try:
            price = purchasable_price(line.variant, checkout.channel)
        except CommerceError:
            if not skip_unavailable:
                raise
            unit_prices[line.variant_id] = _listed_price(line.variant, checkout.channel)
            continue
        producer = line.variant.product.producer
        part = parts.setdefault(producer.pk, ProducerPart(producer))
        unit_prices[line.variant_id] = price
        part.lines.append(line)
        amount = quantize(price * line.quantity, currency)
        part.subtotal += amount
        part.vat += vat_of(amount, vat_rates[line.variant_id], currency)
        part.weight_grams += line.variant.shipping_weight_grams * line.quantity
    deliveries = {d.producer_id: d for d in checkout.deliveries.select_related("rate")}
    for producer_id, part in parts.items():
        chosen = deliveries.get(producer_id)
        if chosen and chosen.method == DeliveryMethod.HOME_DELIVERY and chosen.rate:
            part.delivery = delivery_price(chosen.rate, part.weight_grams, currency)
    return CheckoutTotals(currency, list(parts.values()), unit_prices, vat_rates)
