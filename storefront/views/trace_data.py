"""The data shown when a Digital Link is resolved, as a dict for templates and JSON."""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from catalog.models import Product, ProductVariant
from catalog.services.administrative_units import full_address
from catalog.services.ratings import current_certificate
from marketplace.channels.models import VariantChannelListing
from marketplace.money import format_money
from storefront.views.files import signed_url
from tourism.services import points_displaying
from traceability import serials
from traceability.models import Lot


def certificate_data(product: Product) -> dict | None:
    certificate = current_certificate(product, timezone.localdate())
    if certificate is None:
        return None
    return {
        "stars": certificate.stars,
        "stars_text": "★" * certificate.stars,
        "certificate_number": certificate.certificate_number,
        "issuing_body": certificate.issuing_body,
        "council_level": certificate.council_level,
        "valid_from": certificate.valid_from.isoformat(),
        "valid_to": certificate.valid_to.isoformat(),
    }


def product_data(variant: ProductVariant) -> dict:
    product = variant.product
    producer = product.producer
    image = product.images.first()
    listings = VariantChannelListing.objects.filter(
        variant=variant,
        channel__is_active=True,
        channel__product_listings__product=product,
        channel__product_listings__is_published=True,
    ).select_related("channel")
    english = translation.get_language() == "en"
    points = points_displaying(product, timezone.localdate())
    return {
        "name": product.name,
        "name_en": product.name_en,
        "variant": variant.name,
        "brand": product.brand_name,
        "gtin": variant.gtin_display,
        "image": image.image.url if image else None,
        "producer": {
            "name": producer.name,
            "address": full_address(producer.street_address, producer.commune),
            "phone": producer.phone,
        },
        "shelf_life_days": product.shelf_life_days,
        "ingredients": product.ingredients,
        "storage": product.storage_instructions,
        "quality_declaration": product.quality_declaration_number,
        "ocop": certificate_data(product),
        "where_to_buy": [
            {
                "channel": listing.channel.name,
                "price": format_money(listing.price_amount, listing.currency),
            }
            for listing in listings
        ],
        "shop_url": reverse("shop-product", args=[product.slug]) if listings else None,
        "tourism_points": [
            {
                "name": (point.name_en if english and point.name_en else point.name),
                "kind": point.get_kind_display(),
                "area": str(point.commune),
                "opening_hours": point.opening_hours,
                "url": reverse("shop-point", args=[point.slug]),
            }
            for point in points
        ],
    }


def lot_data(lot: Lot) -> dict:
    return {
        "code": lot.code,
        "status": lot.status,
        "production_date": lot.production_date.isoformat(),
        "expiry_date": lot.expiry_date.isoformat() if lot.expiry_date else None,
        "quantity": f"{lot.quantity.normalize():f} {lot.unit}",
        "origin": lot.origin_name,
        "origin_area": str(lot.origin_unit),
        "recall_reason": lot.recall_reason,
        "inputs": [
            {
                "date": entry.used_on.isoformat(),
                "material": entry.material,
                "quantity": f"{entry.quantity.normalize():f} {entry.unit}",
            }
            for entry in lot.inputs.all()
        ],
        "events": [
            {
                "time": timezone.localtime(event.event_time).strftime("%d/%m/%Y %H:%M"),
                "step": event.get_business_step_display(),
                "step_code": event.business_step,
                "place": event.business_location,
                "description": event.description,
            }
            for event in lot.events.all()
        ],
        "evidence": [
            {
                "title": f"{item.get_kind_display()} {item.number}",
                "issuer": item.issuer,
                "valid_to": item.valid_to.isoformat(),
                "url": signed_url(item.file),
            }
            for item in lot.certifications.all()
        ]
        + [
            {
                "title": report.title,
                "issuer": report.laboratory,
                "valid_to": None,
                "url": signed_url(report.file),
            }
            for report in lot.test_reports.all()
        ],
    }


PAGE_DATA_SECONDS = 300


def cached_lot_page(lot_id: int, status: str) -> dict:
    """Product and lot data of a lot page. The same for every stamp of the lot, so it is
    cached for a few minutes; a recall changes the key at once (the status is part of it)."""
    key = f"trace-page:{lot_id}:{status}:{translation.get_language()}"
    data = cache.get(key)
    if data is None:
        lot = Lot.objects.select_related("variant__product__producer__commune__parent").get(
            pk=lot_id
        )
        data = {"product": product_data(lot.variant), "lot": lot_data(lot)}
        cache.set(key, data, PAGE_DATA_SECONDS)
    return data


def day_text(moment) -> str:
    """A scan's day as the page shows it, in the programme's time zone: 29/11/2026."""
    return timezone.localtime(moment).strftime("%d/%m/%Y")


def programme_contact() -> dict:
    """Who a buyer calls about a doubtful stamp (settings; empty values are not shown)."""
    return {
        "name": settings.PROGRAMME_CONTACT_NAME,
        "phone": settings.PROGRAMME_CONTACT_PHONE,
        "email": settings.PROGRAMME_CONTACT_EMAIL,
    }


def verification_data(result) -> dict:
    data = {
        "verdict": result.verdict,
        "contact": programme_contact(),
        "serial": serials.display(result.serial) if result.serial else "",
        "scans_before": result.scans_before,
        "first_scanned_at": day_text(result.first_scanned_at) if result.first_scanned_at else None,
        "trace_base_url": settings.TRACE_BASE_URL,
    }
    if result.lot_id is not None:
        data["lot_id"] = result.lot_id
        data.update(cached_lot_page(result.lot_id, result.lot_status))
    return data
