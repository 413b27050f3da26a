"""A producer's products, variants, prices and stock as one spreadsheet: exported, edited,
and imported back. The import is previewed with each row's errors, and applied all or
nothing; a row is keyed by its SKU (a new SKU adds a variant, and a product when no
product of that name exists yet)."""

import hashlib
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction

from catalog.errors import CatalogError
from catalog.gtin import is_valid_gtin, normalise_gtin
from catalog.models import MeasureUnit, Product, ProductGroup, ProductVariant
from catalog.services.products import add_variant, ensure_dossier
from catalog.services.slugs import free_slug
from catalog.tabular import TableError, csv_bytes, read_table, xlsx_bytes
from marketplace.channels.models import Channel, ProductSheetImport, SheetImportStatus
from marketplace.channels.services import set_variant_price
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.warehouses.models import Stock
from marketplace.warehouses.services import set_stock

MAX_ROWS = 2000
COLUMNS = {
    "sku": ("sku", "mã sku", "ma_sku"),
    "product_name": ("product_name", "tên sản phẩm", "ten_san_pham"),
    "product_name_en": ("product_name_en", "tên tiếng anh", "ten_tieng_anh"),
    "brand": ("brand", "nhãn hiệu", "nhan_hieu"),
    "group": ("group", "nhóm", "nhom"),
    "variant_name": ("variant_name", "quy cách", "quy_cach"),
    "gtin": ("gtin", "mã vạch", "ma_vach"),
    "net_quantity": ("net_quantity", "khối lượng tịnh", "khoi_luong"),
    "unit": ("unit", "đơn vị", "don_vi"),
    "price": ("price", "giá", "gia"),
    "stock": ("stock", "tồn kho", "ton_kho"),
}
HEADER = list(COLUMNS)
REQUIRED = ("sku", "product_name", "group", "variant_name")
UNITS = set(MeasureUnit.values)


@dataclass
class RowError:
    row: int
    field: str
    message_vi: str
    message_en: str


class _Invalid(Exception):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _number(value, field: str, *, whole=False):
    text = _text(value).replace(" ", "")
    if not text:
        return None
    if whole:
        text = text.replace(".", "").replace(",", "")
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise _Invalid(f"{field} không phải là số", f"{field} is not a number") from None
    if number < 0 or (whole and number != number.to_integral_value()):
        raise _Invalid(f"{field} phải là số không âm", f"{field} must be a whole number ≥ 0")
    return int(number) if whole else str(number)


def check_rows(producer, rows: list[dict]) -> tuple[list[dict], list[RowError]]:
    """Clean every row against the producer's own catalogue; rows are JSON-safe."""
    groups = _sub_groups()
    skus = [_text(row.get("sku")) for row in rows]
    variants = {
        variant.sku: variant
        for variant in ProductVariant.objects.filter(sku__in=skus).select_related("product")
    }
    seen: set[str] = set()
    cleaned, errors = [], []
    for row in rows:
        checks = {
            "sku": lambda value: _sku(value, producer, variants, seen),
            "product_name": lambda value: _required(value, 200),
            "product_name_en": lambda value: _text(value)[:200],
            "brand": lambda value: _text(value)[:120],
            "group": lambda value: _group(value, groups),
            "variant_name": lambda value: _required(value, 200),
            "gtin": lambda value, row=row: _gtin(value, row, variants),
            "net_quantity": lambda value: _number(value, "net_quantity"),
            "unit": _unit,
            "price": lambda value: _number(value, "price", whole=True),
            "stock": lambda value: _number(value, "stock", whole=True),
        }
        clean, problems = {"row": row["row"]}, []
        for field, check in checks.items():
            try:
                clean[field] = check(row.get(field))
            except _Invalid as invalid:
                problems.append(RowError(row["row"], field, *invalid.args))
        errors += problems
        if not problems:
            cleaned.append(clean)
    return cleaned, errors


def _required(value, length: int) -> str:
    text = _text(value)
    if not text:
        raise _Invalid("bắt buộc", "required")
    return text[:length]


def _sku(value, producer, variants, seen) -> str:
    sku = _required(value, 64)
    if sku in seen:
        raise _Invalid(f"SKU {sku} lặp lại trong tệp", f"SKU {sku} appears twice in the file")
    seen.add(sku)
    variant = variants.get(sku)
    if variant is not None and variant.product.producer_id != producer.pk:
        raise _Invalid(f"SKU {sku} đã được dùng", f"SKU {sku} is already in use")
    return sku


def _group(value, groups) -> str:
    """The sub-group's code, as the file and the preview show it."""
    code = _text(value)
    if code not in groups:
        raise _Invalid(f"không có nhóm OCOP {code!r}", f"no OCOP sub-group {code!r}")
    return code


def _gtin(value, row, variants) -> str:
    text = _text(value)
    existing = variants.get(_text(row.get("sku")))
    if not text:
        return existing.gtin if existing and existing.gtin else ""
    if not is_valid_gtin(text):
        raise _Invalid(f"GTIN {text} sai số kiểm tra", f"GTIN {text} fails its check digit")
    gtin = normalise_gtin(text)
    if existing is not None and existing.gtin and existing.gtin != gtin:
        raise _Invalid("không đổi được GTIN đã cấp", "an issued GTIN cannot be changed")
    if existing is None and ProductVariant.objects.filter(gtin=gtin).exists():
        raise _Invalid(f"GTIN {text} đã được dùng", f"GTIN {text} is already in use")
    return gtin


def _unit(value) -> str:
    unit = _text(value).lower() or MeasureUnit.GRAM
    if unit not in UNITS:
        raise _Invalid(
            f"đơn vị {unit!r} không hợp lệ", f"unit {unit!r} is not one of g, kg, ml, l, piece"
        )
    return unit


def preview(producer, content: bytes, filename: str, *, user) -> ProductSheetImport:
    """Read and check a file; file-level problems raise, row problems are listed."""
    try:
        rows = read_table(content, filename, COLUMNS, REQUIRED, MAX_ROWS)
    except TableError as error:
        raise CommerceError(
            CommerceErrorCode.INVALID_FILE, "file", detail=_describe(error)
        ) from None
    cleaned, errors = check_rows(producer, rows)
    return ProductSheetImport.objects.create(
        producer=producer,
        uploaded_by=user,
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=cleaned,
        errors=[asdict(error) for error in errors],
    )


def _describe(error: TableError) -> str:
    details = {
        "unreadable_file": "not a readable CSV (UTF-8) or XLSX file",
        "missing_columns": f"missing columns: {error.params.get('columns')}",
        "empty_file": "no rows",
        "too_many_rows": f"{error.params.get('count')} rows, at most {MAX_ROWS}",
    }
    return details[error.problem.value]


def confirm(sheet: ProductSheetImport, *, user) -> int:
    """Apply every row, or none: any error (found now or at preview) writes nothing."""
    if sheet.status != SheetImportStatus.PREVIEWED or sheet.errors:
        raise _not_applicable(sheet)
    channel = Channel.objects.filter(slug=settings.STOREFRONT_CHANNEL).first()
    warehouse = sheet.producer.warehouses.order_by("pk").first()
    with transaction.atomic():
        sheet = ProductSheetImport.objects.select_for_update().get(pk=sheet.pk)
        if sheet.status != SheetImportStatus.PREVIEWED:
            raise _not_applicable(sheet)
        groups = _sub_groups()
        for row in sheet.rows:
            row = {**row, "group": groups[row["group"]]}
            _apply(sheet.producer, row, channel, warehouse, user, sheet.filename)
        sheet.status = SheetImportStatus.APPLIED
        sheet.save(update_fields=["status"])
    return len(sheet.rows)


def _sub_groups() -> dict[str, int]:
    """OCOP sub-groups by code: rows name them by code, products store the id."""
    return dict(ProductGroup.objects.filter(parent__isnull=False).values_list("code", "pk"))


def _not_applicable(sheet) -> CommerceError:
    status = sheet.get_status_display() if not sheet.errors else "có lỗi / has errors"
    return CommerceError(
        CommerceErrorCode.INVALID_STATUS,
        "file",
        action="nhập / import",
        what="tệp / file",
        status=status,
    )


def _apply(producer, row, channel, warehouse, user, filename) -> None:
    variant = ProductVariant.objects.filter(sku=row["sku"], product__producer=producer).first()
    fields = {"name": row["product_name"], "group_id": row["group"]}
    if row["product_name_en"]:
        fields["name_en"] = row["product_name_en"]
    if row.get("brand"):
        fields["brand"] = row["brand"]
    if variant is None:
        product = producer.products.filter(name=row["product_name"]).first()
        if product is None:
            slug = free_slug(Product, row["product_name"], "san-pham")
            product = Product(producer=producer, slug=slug, **fields)
            product.save()
            ensure_dossier(product)
        try:
            variant = add_variant(
                product,
                sku=row["sku"],
                name=row["variant_name"],
                gtin=row["gtin"],
                net_quantity=row["net_quantity"],
                unit=row["unit"],
            )
        except CatalogError as error:
            raise CommerceError(
                CommerceErrorCode.INVALID, f"row {row['row']}", detail=str(error)
            ) from error
    else:
        product = variant.product
        for name, value in fields.items():
            setattr(product, name, value)
        product.save()
        variant.name, variant.unit = row["variant_name"], row["unit"]
        variant.net_quantity = row["net_quantity"]
        if row["gtin"] and not variant.gtin:
            variant.gtin = row["gtin"]
        variant.save()
    if row["price"] is not None:
        if channel is None:
            raise CommerceError(CommerceErrorCode.NOT_FOUND, "channel", what="channel")
        set_variant_price(variant, channel, row["price"])
    if row["stock"] is not None:
        if warehouse is None:
            raise CommerceError(CommerceErrorCode.REQUIRED, "warehouse")
        set_stock(warehouse, variant, row["stock"], reason=f"Nhập từ tệp {filename}", user=user)


def export_rows(producer) -> list[list]:
    """The producer's variants in the import format (price in the storefront channel,
    stock in its first warehouse)."""
    warehouse = producer.warehouses.order_by("pk").first()
    stock = (
        dict(Stock.objects.filter(warehouse=warehouse).values_list("variant_id", "quantity"))
        if warehouse
        else {}
    )
    variants = (
        ProductVariant.objects.filter(product__producer=producer, product__is_archived=False)
        .select_related("product__group")
        .prefetch_related("channel_listings__channel")
        .order_by("product__sort_name", "sku")
    )
    rows = []
    for variant in variants:
        price = next(
            (
                listing.price_amount
                for listing in variant.channel_listings.all()
                if listing.channel.slug == settings.STOREFRONT_CHANNEL
            ),
            None,
        )
        product = variant.product
        rows.append(
            [
                variant.sku,
                product.name,
                product.name_en,
                product.brand,
                product.group.code,
                variant.name,
                variant.gtin or "",
                "" if variant.net_quantity is None else f"{variant.net_quantity.normalize():f}",
                variant.unit,
                "" if price is None else int(price),
                stock.get(variant.pk, ""),
            ]
        )
    return rows


def export(producer, kind: str) -> bytes:
    rows = export_rows(producer)
    return xlsx_bytes(HEADER, rows, "san-pham") if kind == "xlsx" else csv_bytes(HEADER, rows)
