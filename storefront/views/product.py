"""Product and producer pages."""

import json

from django.db.models import F
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from catalog.models import Producer, Product, SlugKind
from catalog.services.ratings import current_certificate
from marketplace.channels.models import VariantChannelListing
from marketplace.warehouses.services import available_by_variant
from storefront.page_cache import CSRF_SLOT, cached_page, with_csrf
from storefront.queries import (
    channel_slug,
    channel_warehouses,
    images_prefetch,
    listed_products,
    published,
)
from storefront.templatetags.shop import localized
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


def _product(slug: str):
    """The published product at `slug`, a 301 to where a former slug moved, or 404."""
    return or_moved(
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


def _product_html(request, product: Product) -> dict:
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
    others = (
        listed_products(today)
        .filter(producer_id=product.producer_id)
        .exclude(pk=product.pk)
        .order_by(F("stars").desc(nulls_last=True), "sort_name")
        .prefetch_related(images_prefetch())[:4]
    )
    prices = [row["price"] for row in variants]
    context = {
        "product": product,
        "variants": variants,
        "chosen": next(
            (row for row in variants if row["available"]), variants[0] if variants else None
        ),
        "price_low": min(prices, default=None),
        "price_high": max(prices, default=None),
        "certificate": certificate,
        "images": images,
        "lot": lot,
        "points": points_displaying(product, today),
        "others": others,
        "csrf_input": CSRF_SLOT,
    }
    name = localized(product, "name")
    return {
        "title": f"{name} – OCOP {certificate.stars}★" if certificate else name,
        "description": Truncator(localized(product, "description") or product.name).chars(155),
        "json_ld": _json_ld(request, product, variants, certificate, images[0] if images else None),
        "body": render_to_string("storefront/_product_body.html", context, request),
    }


@require_GET
def product_page(request, slug):
    """The page's HTML is kept briefly per address, host and language (see page_cache);
    a renamed product's former slug answers 301 and is never cached."""

    def build():
        product = _product(slug)
        if isinstance(product, HttpResponsePermanentRedirect):
            return {"redirect": product["Location"]}
        return _product_html(request, product)

    key = f"product|{get_language()}|{request.build_absolute_uri('/')}|{slug}"
    page = cached_page(key, build)
    if "redirect" in page:
        return HttpResponsePermanentRedirect(page["redirect"])
    context = {"page": page, "body": with_csrf(request, page["body"])}
    return render(request, "storefront/cached.html", context)


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
