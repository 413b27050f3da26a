"""Value-added tax: prices are VAT-inclusive; the tax is the part of the gross amount.

Vietnamese retail prices include VAT (Law on VAT 48/2024/QH15). The rate depends on
the goods: it is set per OCOP product group (0, 5, 8 or 10 %; the programme office
keeps the table). The tax of a VAT-inclusive amount is `gross × rate / (100 + rate)`,
rounded to the currency's smallest unit, and net = gross − tax, so net + tax = gross
exactly on every line, total and ledger row."""

from dataclasses import dataclass
from decimal import Decimal

from marketplace.money import quantize

VAT_RATES = (Decimal(0), Decimal(5), Decimal(8), Decimal(10))
# Delivery is a transport service, at the reduced rate of Decree 174/2025/NĐ-CP
# (8 % instead of 10 % until 31 December 2026).
DELIVERY_VAT_RATE = Decimal(8)


@dataclass(frozen=True)
class Taxed:
    gross: Decimal
    tax: Decimal
    currency: str

    @property
    def net(self) -> Decimal:
        return self.gross - self.tax

    def __add__(self, other: "Taxed") -> "Taxed":
        return Taxed(self.gross + other.gross, self.tax + other.tax, self.currency)


def vat_of(gross, rate, currency: str) -> Decimal:
    """The VAT contained in a VAT-inclusive `gross` at `rate` percent."""
    rate = Decimal(rate or 0)
    return quantize(Decimal(gross) * rate / (100 + rate), currency)


def taxed(gross, rate, currency: str) -> Taxed:
    return Taxed(Decimal(gross), vat_of(gross, rate, currency), currency)


def variant_vat_rate(variant) -> Decimal:
    """The rate of a variant's goods: its product's OCOP group."""
    return variant.product.group.vat_rate
