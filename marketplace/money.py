"""Money as a Decimal amount and an ISO currency, rounded to the currency's minor unit."""

from decimal import ROUND_HALF_UP, Decimal

# Digits after the decimal point; VND has no minor unit.
MINOR_UNITS = {"VND": 0, "USD": 2, "EUR": 2, "JPY": 0, "KRW": 0}
DEFAULT_CURRENCY = "VND"


def quantize(amount, currency: str) -> Decimal:
    """Round `amount` half-up to the smallest unit of `currency`."""
    digits = MINOR_UNITS.get(currency.upper(), 2)
    return Decimal(amount).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_money(amount, currency: str) -> str:
    """'120.000 ₫' for VND; '12.50 USD' otherwise."""
    value = quantize(amount, currency)
    if currency.upper() == "VND":
        return f"{int(value):,}".replace(",", ".") + " ₫"
    return f"{value:,.{MINOR_UNITS.get(currency.upper(), 2)}f} {currency.upper()}"


def to_minor_units(amount, currency: str) -> int:
    """Integer amount in the currency's smallest unit, as Stripe expects (VND is zero-decimal)."""
    digits = MINOR_UNITS.get(currency.upper(), 2)
    return int(quantize(amount, currency).scaleb(digits))


def from_minor_units(value: int, currency: str) -> Decimal:
    return quantize(Decimal(value).scaleb(-MINOR_UNITS.get(currency.upper(), 2)), currency)
