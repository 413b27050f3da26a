"""Field validators with bilingual messages."""

import re

import phonenumbers
from django.core.exceptions import ValidationError

from catalog.gtin import is_valid_gtin

# Tax code (mã số thuế / mã số doanh nghiệp): 10 digits, or 10 digits and a 3-digit branch.
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
# Household business registration: district code, letter A, serial (e.g. 04A8012345).
_HOUSEHOLD_REGISTRATION = re.compile(r"^\d{2}[A-Z]\d{6,10}$")
_BANK_BIN = re.compile(r"^\d{6}$")
_BANK_ACCOUNT = re.compile(r"^\d{6,19}$")


def validate_registration_number(value: str) -> None:
    if not (_TAX_CODE.match(value) or _HOUSEHOLD_REGISTRATION.match(value)):
        raise ValidationError(
            "Mã số đăng ký/mã số thuế không đúng định dạng (10 chữ số, 10-3 chữ số, "
            "hoặc mã hộ kinh doanh như 04A8012345) / Registration or tax number format is "
            "invalid (10 digits, 10-3 digits, or a household code such as 04A8012345).",
            code="invalid_registration_number",
        )


def validate_bank_bin(value: str) -> None:
    if not _BANK_BIN.match(value):
        raise ValidationError(
            "Mã BIN ngân hàng phải gồm 6 chữ số / The bank BIN must be 6 digits.",
            code="invalid_bank_bin",
        )


def validate_bank_account(value: str) -> None:
    if not _BANK_ACCOUNT.match(value):
        raise ValidationError(
            "Số tài khoản phải gồm 6 đến 19 chữ số / The account number must be 6 to 19 digits.",
            code="invalid_bank_account",
        )


def validate_gtin(value: str) -> None:
    if not is_valid_gtin(value):
        raise ValidationError(
            f"Mã GTIN {value} không hợp lệ (sai độ dài hoặc số kiểm tra) / "
            f"GTIN {value} is invalid (wrong length or check digit).",
            code="invalid_gtin",
        )


def normalise_phone(value: str, region: str = "VN") -> str:
    """Return a phone number in E.164 form (+84…) or raise ValidationError."""
    try:
        number = phonenumbers.parse(value, region)
        valid = phonenumbers.is_valid_number(number)
    except phonenumbers.NumberParseException:
        valid = False
    if not valid:
        raise ValidationError(
            f"Số điện thoại không hợp lệ: {value} / Invalid phone number: {value}",
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalise_phone(value)
