"""Amounts typed or exported in a named number format, read strictly.

Vietnamese banks and people write "1.234.567" or "1.234.567,00"; English-language
exports write "1,234,567.00". Read by the wrong convention, "2200.00" becomes 220,000,
so each format has its own grammar and anything that does not fit it exactly is
refused, never guessed."""

import re
from decimal import Decimal

FORMATS = {
    # thousands separator, decimal separator
    "vi": (".", ","),
    "en": (",", "."),
}
MAX_DIGITS = 15


class AmountError(ValueError):
    pass


def _grammar(thousands: str, decimal: str) -> re.Pattern:
    t, d = re.escape(thousands), re.escape(decimal)
    return re.compile(rf"^(?P<whole>\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}(?P<fraction>\d+))?$")


GRAMMARS = {name: _grammar(*separators) for name, separators in FORMATS.items()}


def parse_amount(text: str, number_format: str = "vi", *, minor_digits: int = 0) -> Decimal:
    """`text` read in `number_format` ("vi" or "en"); AmountError says why it cannot be.

    A fraction is accepted only when it fits the currency (`minor_digits`; VND has none,
    so "2.200,00" is 2200 but "2.200,50" is refused)."""
    if number_format not in GRAMMARS:
        raise AmountError(f"unknown number format {number_format!r}")
    cleaned = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    thousands, decimal = FORMATS[number_format]
    match = GRAMMARS[number_format].match(cleaned)
    if match is None:
        raise AmountError(
            f"{text!r} is not an amount in the {number_format!r} format "
            f"(thousands {thousands!r}, decimals {decimal!r})"
        )
    whole = match.group("whole").replace(thousands, "")
    fraction = (match.group("fraction") or "").rstrip("0")
    if len(fraction) > minor_digits:
        raise AmountError(f"{text!r} has more decimals than the currency allows")
    if len(whole.lstrip("0")) > MAX_DIGITS:
        raise AmountError(f"{text!r} is too large")
    return Decimal(f"{whole}.{fraction or 0}")
