"""The demo's own variant of a product, whatever variants its users added since."""

DEMO_SKU_PREFIX = "TK-"


def demo_variant(product):
    """The first variant the demo made (SKU `TK-nn-1`, with a GTIN). Reloading the demo
    after ordinary use of the portal (a variant without a GTIN whose SKU sorts first, say)
    picks the same one."""
    variants = product.variants.filter(sku__startswith=DEMO_SKU_PREFIX, gtin__isnull=False)
    return variants.order_by("sku").first() or product.variants.order_by("sku").first()
