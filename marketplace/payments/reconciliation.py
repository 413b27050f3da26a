"""Reconcile VietQR transfers from a bank statement CSV by the order code in the note.

The file is checked whole before anything is written: a malformed row rejects the
file with every row's error listed. Each statement line is imported once (its bank
reference is unique); a line whose note names an order awaiting transfer and whose
amount equals what is due marks that order paid. Everything else is kept for a
person to decide: less or more than due, no order code, or an order already paid."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from marketplace.amounts import FORMATS, AmountError, parse_amount
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.payments import services as payments
from marketplace.payments.models import (
    BankTransfer,
    Gateway,
    Payment,
    PaymentStatus,
    TransferOutcome,
)

COLUMNS = ("reference", "date", "amount", "note")
ORDER_CODE = re.compile(r"OCOP\s*0*(\d{1,12})", re.IGNORECASE)
# A kiosk builds its VietQR code offline, before the order exists: its note carries the
# sale's code instead (see marketplace/kiosk/sync.py).
TRANSFER_CODE = re.compile(r"KS[0-9A-F]{10}", re.IGNORECASE)


@dataclass(frozen=True)
class StatementLine:
    row: int
    reference: str
    booked_on: date
    amount: Decimal
    note: str


def parse_statement(content: bytes, number_format: str = "vi") -> list[StatementLine]:
    """Read `reference,date,amount,note` rows (UTF-8, header required), amounts in the
    bank's number format ("vi": 1.234.567,00; "en": 1,234,567.00)."""
    if number_format not in FORMATS:
        raise CommerceError(
            CommerceErrorCode.INVALID_FILE, "file", detail=f"unknown number format {number_format}"
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommerceError(CommerceErrorCode.INVALID_FILE, "file", detail="not UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise CommerceError(
            CommerceErrorCode.INVALID_FILE, "file", detail=f"missing columns: {', '.join(missing)}"
        )
    lines, errors = [], []
    for number, row in enumerate(reader, start=2):
        try:
            lines.append(_line(number, row, number_format))
        except ValueError as error:
            errors.append(f"row {number}: {error}")
    if errors:
        raise CommerceError(CommerceErrorCode.INVALID_FILE, "file", detail="; ".join(errors))
    if not lines:
        raise CommerceError(CommerceErrorCode.INVALID_FILE, "file", detail="no rows")
    return lines


def _line(number: int, row: dict, number_format: str) -> StatementLine:
    reference = (row.get("reference") or "").strip()
    if not reference:
        raise ValueError("reference is empty")
    raw_date = (row.get("date") or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            booked_on = datetime.strptime(raw_date, pattern).date()
            break
        except ValueError:
            continue
    else:
        raise ValueError(f"date {raw_date!r} is not YYYY-MM-DD or DD/MM/YYYY")
    try:
        amount = parse_amount(row.get("amount") or "", number_format)
    except AmountError as error:
        raise ValueError(f"amount: {error}") from None
    if amount <= 0:
        raise ValueError("amount must be above 0")
    return StatementLine(number, reference, booked_on, amount, (row.get("note") or "").strip())


def reconcile(content: bytes, number_format: str = "vi") -> list[BankTransfer]:
    """Import a statement and apply it; return the transfers created (not the duplicates)."""
    lines = parse_statement(content, number_format)
    created = []
    with transaction.atomic():
        for line in lines:
            if BankTransfer.objects.filter(reference=line.reference).exists():
                continue
            created.append(_apply(line))
    return created


def _apply(line: StatementLine) -> BankTransfer:
    note = line.note.replace(" ", "")
    match, code = ORDER_CODE.search(note), TRANSFER_CODE.search(note)
    found = Payment.objects.select_for_update().filter(gateway=Gateway.VIETQR).order_by("-pk")
    payment = None
    if match:
        payment = found.filter(order_id=int(match.group(1))).first()
    elif code:
        payment = found.filter(transfer_code=code.group(0).upper()).first()
    outcome = _outcome(payment, line.amount)
    transfer = BankTransfer.objects.create(
        reference=line.reference,
        booked_on=line.booked_on,
        amount=line.amount,
        note=line.note,
        payment=payment,
        outcome=outcome,
    )
    if outcome == TransferOutcome.MATCHED:
        payments.record_capture(payment, line.amount, reference=line.reference, source="vietqr")
    return transfer


def _outcome(payment: Payment | None, amount: Decimal) -> str:
    if payment is None:
        return TransferOutcome.UNMATCHED
    if payment.status != PaymentStatus.AWAITING_TRANSFER:
        return TransferOutcome.ALREADY_PAID
    due = payment.amount - payment.captured_amount
    if amount < due:
        return TransferOutcome.UNDERPAID
    if amount > due:
        return TransferOutcome.OVERPAID
    return TransferOutcome.MATCHED


def to_decide():
    """Transfers a person must look at."""
    return BankTransfer.objects.exclude(outcome=TransferOutcome.MATCHED).select_related("payment")
