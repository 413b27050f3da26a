"""Products and variants: creation with GTIN checks, and the product dossier."""

from decimal import Decimal, InvalidOperation

from django.db import transaction

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.gtin import is_valid_gtin, normalise_gtin
from catalog.models import DossierItem, DossierItemKind, MeasureUnit, Product, ProductVariant

TEXT_LIMITS = {"name": 200, "sku": 64}
MAX_NET_QUANTITY = Decimal("9999999.999")  # the column's 10 digits, 3 after the point


def _out_of_range(field: str, vi: str, en: str) -> CatalogError:
    return CatalogError(CatalogErrorCode.OUT_OF_RANGE, field, detail_vi=vi, detail_en=en)


def check_variant_fields(fields: dict) -> dict:
    """Lengths, units and quantities checked before the database sees them: a client gets
    a clear error, never the database's "value too long" or "numeric field overflow"."""
    for name, limit in TEXT_LIMITS.items():
        if len(fields.get(name) or "") > limit:
            raise _out_of_range(name, f"tối đa {limit} ký tự", f"{limit} characters at most")
    if "unit" in fields and fields["unit"] not in MeasureUnit.values:
        units = ", ".join(MeasureUnit.values)
        raise _out_of_range("unit", f"chọn một trong {units}", f"one of {units}")
    quantity = fields.get("net_quantity")
    if quantity is not None:
        try:
            quantity = Decimal(str(quantity)).quantize(Decimal("0.001"))
        except (InvalidOperation, ValueError):
            quantity = None
        if quantity is None or not (0 < quantity <= MAX_NET_QUANTITY):
            limit = f"{MAX_NET_QUANTITY:,}"
            raise _out_of_range(
                "net_quantity", f"từ 0 đến {limit}", f"more than 0 and at most {limit}"
            )
        fields["net_quantity"] = quantity
    return fields


def add_variant(
    product: Product, *, sku: str, name: str, gtin: str = "", **fields
) -> ProductVariant:
    """Add a variant; its GTIN (if any) must have a valid check digit and be unused."""
    sku = sku.strip()
    if not sku:
        raise CatalogError(CatalogErrorCode.REQUIRED, "sku")
    check_variant_fields({"sku": sku, "name": name, **fields})
    normalised = None
    if gtin:
        if not is_valid_gtin(gtin):
            raise CatalogError(CatalogErrorCode.INVALID_GTIN, "gtin", value=gtin)
        normalised = normalise_gtin(gtin)
        if ProductVariant.objects.filter(gtin=normalised).exists():
            raise CatalogError(CatalogErrorCode.DUPLICATE_GTIN, "gtin", value=gtin)
    if ProductVariant.objects.filter(sku=sku).exists():
        raise CatalogError(CatalogErrorCode.DUPLICATE_SKU, "sku", value=sku)
    return ProductVariant.objects.create(
        product=product, sku=sku, name=name, gtin=normalised, **fields
    )


def update_variant(variant: ProductVariant, *, gtin="", **changes):
    """Change a variant's name, SKU or quantity; a missing GTIN may be added (checked and
    unused), an existing one is never changed (stamps and lots carry it). Every entry
    point (portal, GraphQL, import) comes through here; the model refuses the rest."""
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
        if not changes["name"]:
            raise CatalogError(CatalogErrorCode.REQUIRED, "name")
    if "sku" in changes:
        changes["sku"] = (changes["sku"] or "").strip()
        if not changes["sku"]:
            raise CatalogError(CatalogErrorCode.REQUIRED, "sku")
        taken = ProductVariant.objects.filter(sku=changes["sku"]).exclude(pk=variant.pk)
        if taken.exists():
            raise CatalogError(CatalogErrorCode.DUPLICATE_SKU, "sku", value=changes["sku"])
    check_variant_fields(changes)
    fields = list(changes)
    if gtin:
        if not is_valid_gtin(gtin):
            raise CatalogError(CatalogErrorCode.INVALID_GTIN, "gtin", value=gtin)
        normalised = normalise_gtin(gtin)
        if variant.gtin and variant.gtin != normalised:
            raise CatalogError(CatalogErrorCode.GTIN_LOCKED, "gtin", value=gtin)
        if not variant.gtin:
            if ProductVariant.objects.filter(gtin=normalised).exists():
                raise CatalogError(CatalogErrorCode.DUPLICATE_GTIN, "gtin", value=gtin)
            variant.gtin = normalised
            fields.append("gtin")
    for name, value in changes.items():
        setattr(variant, name, value)
    variant.save(update_fields=fields)
    return variant


@transaction.atomic
def ensure_dossier(product: Product) -> list[DossierItem]:
    """Create the missing checklist items of the product's dossier; return all of them."""
    for kind in DossierItemKind.values:
        DossierItem.objects.get_or_create(product=product, kind=kind)
    return list(product.dossier_items.order_by("kind"))
