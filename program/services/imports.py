"""Import sales made outside the system from CSV or XLSX: preview, then all or nothing.

A file-level problem (unreadable, missing columns, no rows) is refused at once.
Otherwise every row is checked and the preview lists each row's errors in both
languages; `confirm` writes the rows only when none has an error, and a file
already imported is refused so it is never counted twice.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from catalog import tabular
from catalog.models import ProductVariant
from catalog.tabular import TableProblem
from marketplace.channels.models import ChannelKind
from marketplace.money import DEFAULT_CURRENCY
from program.errors import ProgramError, ProgramErrorCode
from program.models import EntryKind, LedgerImport, SalesLedgerEntry
from program.models.imports import ImportStatus
from program.services.ledger import unit_id_on
from program.services.webhooks import queue_ledger_webhooks

MAX_ROWS = 5000
# Column names, English first, with the Vietnamese headings a spreadsheet may use.
COLUMNS = {
    "date": ("date", "ngay", "ngày"),
    "sku": ("sku", "ma_sku", "mã sku"),
    "quantity": ("quantity", "so_luong", "số lượng"),
    "gross": ("gross", "thanh_tien", "thành tiền"),
    "channel_kind": ("channel_kind", "kenh", "kênh"),
    "place": ("place", "noi_ban", "nơi bán"),
}
REQUIRED = ("date", "sku", "quantity", "gross", "channel_kind")
CHANNEL_KINDS = {value for value, _ in ChannelKind.choices}
THOUSANDS = re.compile(r"\d{1,3}([.,]\d{3})+")


@dataclass
class RowError:
    row: int
    field: str
    message_vi: str
    message_en: str


PROBLEMS = {
    TableProblem.UNREADABLE: ProgramErrorCode.UNREADABLE_FILE,
    TableProblem.MISSING_COLUMNS: ProgramErrorCode.MISSING_COLUMNS,
    TableProblem.EMPTY: ProgramErrorCode.EMPTY_FILE,
    TableProblem.TOO_MANY_ROWS: ProgramErrorCode.TOO_MANY_ROWS,
}


def read_table(content: bytes, filename: str) -> list[dict]:
    """Rows as dicts keyed by our column names; line numbers as the spreadsheet shows them."""
    try:
        return tabular.read_table(content, filename, COLUMNS, REQUIRED, MAX_ROWS)
    except tabular.TableError as error:
        raise ProgramError(PROBLEMS[error.problem], "file", **error.params) from error


def check_rows(rows: list[dict], producer=None) -> tuple[list[dict], list[RowError]]:
    """Clean every row; the cleaned rows are JSON-safe, the errors name row and field."""
    skus = {str(row.get("sku") or "").strip() for row in rows}
    variants = {
        variant.sku: variant
        for variant in ProductVariant.objects.select_related("product").filter(sku__in=skus)
    }
    cleaned, errors = [], []
    for row in rows:
        problems = []
        clean = {"row": row["row"], "place": str(row.get("place") or "").strip()[:200]}
        for name, check in CHECKS:
            try:
                clean[name] = check(row.get(name), variants=variants, producer=producer)
            except _Invalid as invalid:
                problems.append(RowError(row["row"], name, *invalid.args))
        errors += problems
        if not problems:
            cleaned.append(clean)
    return cleaned, errors


# A row's limits, far above any real sale and inside the ledger's columns (a 32-bit
# quantity, 12 digits of đồng): the preview refuses what the database could not hold.
MAX_ROW_QUANTITY = 10_000_000
MAX_ROW_GROSS = Decimal(100_000_000_000)


def _vi(number) -> str:
    """1000000 → "1.000.000", as Vietnamese writes numbers."""
    return f"{number:,}".replace(",", ".")


class _Invalid(Exception):
    pass


def _date(value, **_) -> str:
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        day = _parse_day(str(value or "").strip())
    if day > timezone.localdate():
        raise _Invalid(
            f"Ngày {day:%d/%m/%Y} ở tương lai.", f"Date {day:%d/%m/%Y} is in the future."
        )
    return day.isoformat()


def _parse_day(text: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _Invalid(
        f"Ngày «{text}» không hợp lệ (dd/mm/yyyy).", f"Date “{text}” is invalid (dd/mm/yyyy)."
    )


def _sku(value, *, variants, producer, **_) -> int:
    sku = str(value or "").strip()
    variant = variants.get(sku)
    if variant is None:
        raise _Invalid(f"Không có sản phẩm mã SKU «{sku}».", f"No product has SKU “{sku}”.")
    if producer is not None and variant.product.producer_id != producer.pk:
        raise _Invalid(
            f"Sản phẩm {sku} không thuộc chủ thể của bạn.",
            f"Product {sku} does not belong to your producer.",
        )
    return variant.pk


def _quantity(value, **_) -> int:
    text = str(value if value is not None else "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if (
        number is None
        or not number.is_finite()
        or number != number.to_integral_value()
        or not 0 < number <= MAX_ROW_QUANTITY
    ):
        raise _Invalid(
            f"Số lượng «{text}» phải là số nguyên dương, tối đa {_vi(MAX_ROW_QUANTITY)}.",
            f"Quantity “{text}” must be a positive whole number, {MAX_ROW_QUANTITY:,} at most.",
        )
    return int(number)


def _gross(value, **_) -> str:
    text = str(value if value is not None else "").strip().replace(" ", "").removesuffix("₫")
    # Vietnamese groups thousands with dots (120.000 ₫), English with commas (120,000).
    if THOUSANDS.fullmatch(text):
        text = text.replace(".", "").replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if (
        amount is None
        or not amount.is_finite()
        or amount != amount.to_integral_value()
        or not 0 <= amount <= MAX_ROW_GROSS
    ):
        raise _Invalid(
            f"Thành tiền «{text}» phải là số đồng nguyên, không âm, tối đa {_vi(MAX_ROW_GROSS)}.",
            f"Amount “{text}” must be whole đồng, not negative, {MAX_ROW_GROSS:,} at most.",
        )
    return str(amount.quantize(Decimal(1)))


def _channel_kind(value, **_) -> str:
    kind = str(value or "").strip().lower()
    if kind not in CHANNEL_KINDS:
        choices = ", ".join(sorted(CHANNEL_KINDS))
        raise _Invalid(
            f"Kênh «{kind}» không hợp lệ; dùng một trong: {choices}.",
            f"Channel kind “{kind}” is invalid; use one of: {choices}.",
        )
    return kind


CHECKS = (
    ("date", _date),
    ("sku", _sku),
    ("quantity", _quantity),
    ("gross", _gross),
    ("channel_kind", _channel_kind),
)


def preview(content: bytes, filename: str, *, user=None, producer=None) -> LedgerImport:
    """Read and check a file; keep the result for the person to confirm."""
    rows = read_table(content, filename)
    cleaned, errors = check_rows(rows, producer)
    return LedgerImport.objects.create(
        filename=filename[:255],
        digest=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
        producer=producer,
        status=ImportStatus.PREVIEWED,
        rows=cleaned,
        errors=[error.__dict__ for error in errors],
    )


def confirm(ledger_import: LedgerImport) -> list[SalesLedgerEntry]:
    """Write every row of a previewed import, or nothing if any row has an error."""
    with transaction.atomic():
        ledger_import = LedgerImport.objects.select_for_update().get(pk=ledger_import.pk)
        if ledger_import.status != ImportStatus.PREVIEWED or _imported_before(ledger_import):
            raise ProgramError(ProgramErrorCode.ALREADY_IMPORTED, "file")
        if ledger_import.errors:
            raise ProgramError(
                ProgramErrorCode.IMPORT_HAS_ERRORS, "file", count=len(ledger_import.errors)
            )
        entries = SalesLedgerEntry.objects.bulk_create(_entries(ledger_import))
        ledger_import.status = ImportStatus.IMPORTED
        ledger_import.imported_at = timezone.now()
        ledger_import.save(update_fields=["status", "imported_at"])
        queue_ledger_webhooks(entries)
    return entries


def _imported_before(ledger_import: LedgerImport) -> bool:
    return LedgerImport.objects.filter(
        digest=ledger_import.digest, status=ImportStatus.IMPORTED
    ).exists()


def _entries(ledger_import: LedgerImport) -> list[SalesLedgerEntry]:
    ids = {row["sku"] for row in ledger_import.rows}
    variants = ProductVariant.objects.select_related("product__producer__commune").in_bulk(ids)
    entries = []
    for row in ledger_import.rows:
        variant = variants[row["sku"]]
        producer = variant.product.producer
        day = date.fromisoformat(row["date"])
        entries.append(
            SalesLedgerEntry(
                source=f"import:{ledger_import.pk}:{row['row']}",
                kind=EntryKind.EXTERNAL,
                entry_date=day,
                product=variant.product,
                variant=variant,
                producer=producer,
                administrative_unit_id=unit_id_on(producer, day),
                channel_kind=row["channel_kind"],
                ledger_import=ledger_import,
                quantity=row["quantity"],
                gross=Decimal(row["gross"]),
                commission=Decimal(0),
                currency=DEFAULT_CURRENCY,
                note=row["place"],
            )
        )
    return entries
