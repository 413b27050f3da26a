"""Numbers as Vietnamese write them: "47.000", "47,000", "47 000 ₫", "1.250.000đ",
"0,5" (a decimal comma) and "1.234,5" all read as the amount they mean."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NOISE = re.compile(r"[\s\u00a0\u202f₫]|đồng|đ|vnd", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")


def parse_number(text: str) -> Decimal:
    """The number `text` means; ValueError when it is not one. A single separator
    followed by groups of exactly three digits groups thousands ("47.000", "47,000");
    otherwise the last separator is the decimal one ("0,5", "1.234,5", "2.5")."""
    value = _NOISE.sub("", str(text)).strip()
    if not value or not re.fullmatch(r"-?[\d.,]+", value):
        raise ValueError(text)
    sign, digits = ("-", value[1:]) if value.startswith("-") else ("", value)
    if _GROUPED.match(digits) and len(set(re.sub(r"\d", "", digits))) == 1:
        number = re.sub(r"[.,]", "", digits)
    else:
        last = max(digits.rfind("."), digits.rfind(","))
        whole, fraction = (digits[:last], digits[last + 1 :]) if last >= 0 else (digits, "")
        grouping = set(re.sub(r"\d", "", whole))
        if grouping and (not _GROUPED.match(whole) or digits[last] in grouping):
            raise ValueError(text)  # "1,2,3", "1.23.4": no reading is safe
        whole = re.sub(r"[.,]", "", whole)
        if not (whole.isdigit() or whole == "") or not (fraction.isdigit() or fraction == ""):
            raise ValueError(text)
        number = f"{whole or '0'}.{fraction}" if fraction else whole
    try:
        return Decimal(sign + number)
    except InvalidOperation as error:
        raise ValueError(text) from error


def format_number(value, places: int = 0) -> str:
    """47000 -> "47.000"; 0.5 -> "0,5" (as the field shows what one would type)."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    whole = int(abs(value))
    text = f"{whole:,}".replace(",", ".")
    fraction = abs(value) - whole
    if places and fraction:
        text += "," + f"{fraction:.{places}f}"[2:].rstrip("0")
    return ("-" if value < 0 else "") + text


class VietnameseDecimalField(forms.DecimalField):
    """A DecimalField that reads Vietnamese number formats and keeps the typed text."""

    default_error_messages = {
        "invalid": _("Enter a number, for example 47.000 or 0,5."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", False)
        super().__init__(*args, **kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.setdefault("inputmode", "decimal" if self.decimal_places else "numeric")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class VietnameseIntegerField(VietnameseDecimalField):
    default_error_messages = {"invalid": _("Enter a whole number, for example 1.200.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("decimal_places", 0)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        if number is not None and number != number.to_integral_value():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def clean(self, value):
        number = super().clean(value)  # validated as a Decimal (bounds, digits)
        return None if number is None else int(number)
