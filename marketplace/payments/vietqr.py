"""VietQR (EMVCo merchant-presented QR on NAPAS) payloads for bank transfers.

TLV fields: 2-digit id, 2-digit length, value. 38 holds the NAPAS GUID, the
beneficiary (bank BIN and account) and the service code QRIBFTTA; 62/08 carries the
transfer note; 63 is a CRC-16/CCITT-FALSE over everything before it, "6304" included."""

import io
import re
from decimal import Decimal

import segno

from catalog.text import unaccent
from marketplace.errors import CommerceError, CommerceErrorCode

NAPAS_GUID = "A000000727"
SERVICE_TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
MAX_NOTE_LENGTH = 50


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise CommerceError(CommerceErrorCode.INVALID, tag, detail="value longer than 99")
    return f"{tag}{len(value):02d}{value}"


def transfer_note(text: str) -> str:
    """The note as banks accept it: ASCII letters, digits and spaces, no diacritics."""
    cleaned = re.sub(r"[^A-Za-z0-9 ]", "", unaccent(text)).strip()
    return re.sub(r" +", " ", cleaned)[:MAX_NOTE_LENGTH]


def build_payload(*, bank_bin: str, account: str, amount=None, note: str = "") -> str:
    """The VietQR text for a transfer to `account` at the bank `bank_bin`."""
    if not re.fullmatch(r"\d{6}", bank_bin or ""):
        raise CommerceError(CommerceErrorCode.INVALID, "bin", detail="BIN: 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account or ""):
        raise CommerceError(CommerceErrorCode.INVALID, "account", detail="1-19 letters or digits")
    beneficiary = tlv("00", bank_bin) + tlv("01", account)
    merchant = (
        tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TRANSFER_TO_ACCOUNT)
    )
    fields = [tlv("00", "01"), tlv("01", "12" if amount is not None else "11"), tlv("38", merchant)]
    fields.append(tlv("53", CURRENCY_VND))
    if amount is not None:
        fields.append(tlv("54", _amount(amount)))
    fields.append(tlv("58", "VN"))
    if note:
        fields.append(tlv("62", tlv("08", transfer_note(note))))
    body = "".join(fields) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def _amount(amount) -> str:
    value = Decimal(str(amount))
    if value <= 0 or value != value.to_integral_value() or len(str(int(value))) > 13:
        raise CommerceError(CommerceErrorCode.INVALID, "amount", detail="whole đồng, above 0")
    return str(int(value))


def parse(payload: str) -> dict:
    """Decode a payload into its fields (nested for 38 and 62); refuse a wrong CRC."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise CommerceError(CommerceErrorCode.INVALID, "payload", detail="no CRC field")
    expected = f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}"
    if payload[-4:].upper() != expected:
        raise CommerceError(CommerceErrorCode.INVALID, "payload", detail="CRC mismatch")
    fields = _split(payload)
    for nested in ("38", "62"):
        if nested in fields:
            fields[nested] = _split(fields[nested])
    if "01" in fields.get("38", {}):
        fields["38"]["01"] = _split(fields["38"]["01"])
    return fields


def _split(text: str) -> dict:
    fields, position = {}, 0
    while position < len(text):
        tag, length = text[position : position + 2], text[position + 2 : position + 4]
        if not length.isdigit() or position + 4 + int(length) > len(text):
            raise CommerceError(CommerceErrorCode.INVALID, "payload", detail=f"bad field {tag}")
        fields[tag] = text[position + 4 : position + 4 + int(length)]
        position += 4 + int(length)
    return fields


def qr_png(payload: str, scale: int = 6) -> bytes:
    """A PNG of the payload as a QR code with a quiet zone."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
