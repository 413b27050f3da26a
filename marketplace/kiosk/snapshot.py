"""The catalogue a kiosk keeps offline: its channel's products with prices, stars, an
image, and the stock of its sales point, stamped with the time the prices were read."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from catalog.models import Product, ProductImage
from catalog.services.ratings import current_stars_subquery
from marketplace.channels.models import VariantChannelListing
from marketplace.kiosk.models import KioskDevice
from marketplace.warehouses.models import Stock


def _image_url(product) -> str | None:
    images = product.kiosk_images
    if not images:
        return None
    image = images[0]
    jpegs = [r for r in image.renditions if r["format"] == "jpeg"]
    name = jpegs[0]["name"] if jpegs else image.image.name
    return image.image.storage.url(name)


def snapshot(device: KioskDevice) -> dict:
    """Everything the kiosk needs to sell with no network."""
    now = timezone.now()
    prices = {
        listing.variant_id: listing.price_amount
        for listing in VariantChannelListing.objects.filter(channel=device.channel)
    }
    # Available as everywhere else: counted at the stall and not held for an order.
    stock = {
        stock.variant_id: stock.quantity_available
        for stock in Stock.objects.filter(warehouse=device.warehouse)
    }
    products = (
        Product.objects.filter(
            is_archived=False,
            channel_listings__channel=device.channel,
            channel_listings__is_published=True,
            variants__channel_listings__channel=device.channel,
        )
        .distinct()
        .annotate(stars=current_stars_subquery(timezone.localdate()))
        .select_related("producer", "group")
        .prefetch_related(
            "variants",
            Prefetch("images", ProductImage.objects.order_by("sort_order", "pk"), "kiosk_images"),
        )
        .order_by("producer__sort_name", "sort_name")
    )
    items = []
    for product in products:
        variants = [
            {
                "id": variant.pk,
                "name": variant.name,
                "sku": variant.sku,
                "gtin": variant.gtin or "",
                "price": int(prices[variant.pk]),
                "stock": stock.get(variant.pk, 0),
            }
            for variant in product.variants.all()
            if variant.pk in prices
        ]
        items.append(
            {
                "id": product.pk,
                "name": product.name,
                "nameEn": product.name_en,
                "slug": product.slug,
                "stars": product.stars,
                "group": product.group.name,
                "vatRate": float(product.group.vat_rate),  # VAT % included in the prices
                "producer": {"id": product.producer_id, "name": product.producer.name},
                "image": _image_url(product),
                "variants": variants,
            }
        )
    return {
        "device": {
            "id": device.pk,
            "name": device.name,
            "pinSalt": device.pin_salt,
            "pinHash": device.pin_hash,
        },
        "channel": {
            "slug": device.channel.slug,
            "currency": device.channel.currency,
            "paymentMethods": device.channel.payment_gateways,
        },
        "vietqr": {
            "bankBin": settings.VIETQR_BANK_BIN,
            "account": settings.VIETQR_ACCOUNT_NUMBER,
            "accountName": settings.VIETQR_ACCOUNT_NAME,
        },
        "traceBaseUrl": settings.TRACE_BASE_URL,
        "pricesAsOf": now.isoformat(),
        "products": items,
    }
