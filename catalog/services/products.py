"""Products and variants: creation with GTIN checks, and the product dossier."""

from django.db import transaction

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.gtin import is_valid_gtin, normalise_gtin
from catalog.models import DossierItem, DossierItemKind, Product, ProductVariant


def add_variant(
    product: Product, *, sku: str, name: str, gtin: str = "", **fields
) -> ProductVariant:
    """Add a variant; its GTIN (if any) must have a valid check digit and be unused."""
    sku = sku.strip()
    if not sku:
        raise CatalogError(CatalogErrorCode.REQUIRED, "sku")
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


def update_variant(variant: ProductVariant, *, name: str, net_quantity, unit: str, gtin=""):
    """Change a variant's name and quantity; a missing GTIN may be added (checked and
    unused), an existing one is never changed."""
    if not name.strip():
        raise CatalogError(CatalogErrorCode.REQUIRED, "name")
    fields = ["name", "net_quantity", "unit"]
    if gtin and not variant.gtin:
        if not is_valid_gtin(gtin):
            raise CatalogError(CatalogErrorCode.INVALID_GTIN, "gtin", value=gtin)
        if ProductVariant.objects.filter(gtin=normalise_gtin(gtin)).exists():
            raise CatalogError(CatalogErrorCode.DUPLICATE_GTIN, "gtin", value=gtin)
        variant.gtin = normalise_gtin(gtin)
        fields.append("gtin")
    variant.name, variant.net_quantity, variant.unit = name.strip(), net_quantity, unit
    variant.save(update_fields=fields)
    return variant


@transaction.atomic
def ensure_dossier(product: Product) -> list[DossierItem]:
    """Create the missing checklist items of the product's dossier; return all of them."""
    for kind in DossierItemKind.values:
        DossierItem.objects.get_or_create(product=product, kind=kind)
    return list(product.dossier_items.order_by("kind"))
