"""Product and producer pages."""

import json

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from catalog.models import Producer, Product, SlugKind
from catalog.services.ratings import current_certificate
from marketplace.channels.models import VariantChannelListing
from marketplace.warehouses.services import available_by_variant
from storefront.queries import (
    channel_slug,
    channel_warehouses,
    images_prefetch,
    listed_products,
    published,
)
from storefront.views.moved import or_moved
from tourism.services import points_displaying
from traceability.models import Lot


def _variants(product: Product) -> list[dict]:
    prices = dict(
        VariantChannelListing.objects.filter(
            channel__slug=channel_slug(), variant__product=product
        ).values_list("variant_id", "price_amount")
    )
    variant_ids = list(product.variants.values_list("pk", flat=True))
    stock = available_by_variant(variant_ids, channel_warehouses())
    return [
        {"variant": variant, "price": prices[variant.pk], "available": stock.get(variant.pk, 0)}
        for variant in product.variants.order_by("sku")
        if variant.pk in prices
    ]


def _json_ld(request, product, variants, certificate, image) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description or product.name,
        "sku": variants[0]["variant"].sku if variants else "",
        "brand": {"@type": "Brand", "name": product.brand_name},
        "offers": [
            {
                "@type": "Offer",
                "sku": row["variant"].sku,
                "price": str(int(row["price"])),
                "priceCurrency": "VND",
                "availability": "https://schema.org/InStock"
                if row["available"]
                else "https://schema.org/OutOfStock",
                "url": request.build_absolute_uri(),
            }
            for row in variants
        ],
    }
    if variants and variants[0]["variant"].gtin:
        data["gtin14"] = variants[0]["variant"].gtin
    if image is not None:
        data["image"] = request.build_absolute_uri(image.image.url)
    if certificate is not None:
        data["award"] = f"OCOP {certificate.stars}★ ({certificate.certificate_number})"
    # "</" would end the script element early; JSON allows the escaped form.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


@require_GET
def product_page(request, slug):
    product = or_moved(
        lambda: get_object_or_404(
            Product.objects.select_related(
                "producer__commune__parent", "group__parent__parent"
            ).prefetch_related(images_prefetch()),
            slug=slug,
            is_archived=False,
            pk__in=published(),
        ),
        Product,
        SlugKind.PRODUCT,
        "shop-product",
        slug,
    )
    if isinstance(product, HttpResponsePermanentRedirect):
        return product
    today = timezone.localdate()
    variants = _variants(product)
    certificate = current_certificate(product, today)
    images = list(product.images.all())
    lot = (
        Lot.objects.filter(variant__product=product)
        .select_related("variant", "origin_unit")
        .order_by("-production_date")
        .first()
    )
    context = {
        "product": product,
        "variants": variants,
        "chosen": next(
            (row for row in variants if row["available"]), variants[0] if variants else None
        ),
        "certificate": certificate,
        "images": images,
        "lot": lot,
        "points": points_displaying(product, today),
        "json_ld": _json_ld(request, product, variants, certificate, images[0] if images else None),
    }
    return render(request, "storefront/product.html", context)


@require_GET
def producer_page(request, slug):
    producer = or_moved(
        lambda: get_object_or_404(
            Producer.objects.select_related("commune__parent__parent"),
            slug=slug,
            status="approved",
        ),
        Producer,
        SlugKind.PRODUCER,
        "shop-producer",
        slug,
    )
    if isinstance(producer, HttpResponsePermanentRedirect):
        return producer
    products = (
        listed_products(timezone.localdate())
        .filter(producer=producer)
        .order_by("sort_name")
        .prefetch_related(images_prefetch())
    )
    if not products and not producer.products.filter(pk__in=published()).exists():
        raise Http404("producer without products in the shop")
    context = {
        "producer": producer,
        "products": products,
        "listing_url": f"{reverse('shop-listing')}?producer={producer.slug}",
    }
    return render(request, "storefront/producer.html", context)
