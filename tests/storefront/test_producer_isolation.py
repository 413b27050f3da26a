"""Each producer in its own room: every portal URL and action, given another producer's
object ids, answers 404 (not 403: nothing leaks) and changes nothing."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.test import RequestFactory
from django.urls import URLPattern

from catalog.models import DossierFile, ProducerDocument, ProductImage, ProductVariant
from catalog.services.images import add_product_image
from marketplace.accounts import producer_staff
from marketplace.accounts.models import ProducerInvitation, User
from marketplace.channels.models import (
    ProductChannelListing,
    ProductSheetImport,
    VariantChannelListing,
)
from marketplace.orders.models import ProducerOrder
from marketplace.warehouses.models import Stock
from storefront import producer_urls
from tests.graphql.test_media_upload import jpeg_with_gps
from tests.storefront.portal import (
    PDF,
    approved_producer,
    cod_order_for,
    gtin_for,
    login,
    product_with_variant,
    storefront_channel,
)
from traceability.models import Lot, Stamp, StampBatch, TraceEvent
from traceability.services.lots import create_lot
from traceability.services.stamps import issue_batch

pytestmark = pytest.mark.django_db

# Every field a portal form may send, so each action would do something if it could.
POST_DATA = {
    "name": "Đã bị sửa",
    "group": "1",
    "sku": "CHIEM-1",
    "unit": "g",
    "price": "1",
    "publish": "0",
    "archive": "1",
    "confirm": "yes",
    "quantity": "999",
    "reason": "chiếm quyền",
    "tracking_code": "X",
    "count": "5",
    "first": "1",
    "last": "3",
    "step": "packing",
    "at": "2026-01-01T08:00",
    "location": "x",
    "email": "ke-gian@example.vn",
    "decision": "approve",
}


def room(tag: str, number: int) -> dict:
    """A producer with one of everything the portal manages."""
    producer, owner = approved_producer(tag, warehouse=True)
    order = cod_order_for(producer, quantity=1, price=10000)
    product, variant = product_with_variant(producer, gtin=gtin_for(number))
    image = add_product_image(product, jpeg_with_gps())
    item = product.dossier_items.first()
    dossier = DossierFile.objects.create(item=item, file=ContentFile(PDF, name="hs.pdf"))
    lot = create_lot(
        variant,
        code=f"LO-{tag}",
        production_date=producer.created_at.date(),
        quantity=10,
        unit="kg",
        origin_name="Vườn",
        origin_unit=producer.commune,
    )
    batch = issue_batch(lot, 10)
    staff = User.objects.create_user(f"nv-{tag}@example.vn", "mat-khau-nv-2026", producer=producer)
    invitation = producer_staff.invite(
        producer, f"moi-{tag}@example.vn", invited_by=owner, link_for=lambda token: token
    )
    document = ProducerDocument.objects.create(
        producer=producer,
        kind="business_registration",
        file=SimpleUploadedFile("dkkd.pdf", PDF),
    )
    sheet = ProductSheetImport.objects.create(
        producer=producer, uploaded_by=owner, filename="x.csv", sha256="0" * 64, rows=[]
    )
    return {
        "producer": producer,
        "owner": owner,
        "product_id": product.pk,
        "variant_id": variant.pk,
        "image_id": image.pk,
        "item_id": item.pk,
        "file_id": dossier.pk,
        "warehouse_id": producer.warehouses.get().pk,
        "lot_id": lot.pk,
        "batch_id": batch.pk,
        "part_id": order.producer_orders.get().pk,
        "user_id": staff.pk,
        "invitation_id": invitation.pk,
        "document_id": document.pk,
        "sheet_id": sheet.pk,
        "channel_id": storefront_channel().pk,
        "producer_id": producer.pk,
    }


def fingerprint(ids: dict) -> dict:
    """Everything an action on these objects could change."""
    producer = ids["producer"]
    producer.refresh_from_db()
    mine = {"product__producer": producer}

    def rows(queryset, *fields):
        return list(queryset.order_by(*fields).values_list(*fields))

    return {
        "producer": (producer.status, producer.review_note),
        "products": rows(producer.products.all(), "pk", "name", "is_archived"),
        "variants": rows(ProductVariant.objects.filter(**mine), "pk", "sku", "name", "gtin"),
        "images": rows(ProductImage.objects.filter(**mine), "pk"),
        "dossier": rows(DossierFile.objects.filter(item__product__producer=producer), "pk"),
        "listings": rows(
            VariantChannelListing.objects.filter(variant__product__producer=producer),
            "variant_id",
            "price_amount",
        ),
        "published": rows(
            ProductChannelListing.objects.filter(**mine), "product_id", "is_published"
        ),
        "stock": rows(
            Stock.objects.filter(warehouse__producer=producer),
            "variant_id",
            "quantity",
            "quantity_allocated",
        ),
        "lots": rows(Lot.objects.filter(variant__product__producer=producer), "code", "status"),
        "events": rows(TraceEvent.objects.filter(lot__variant__product__producer=producer), "pk"),
        "stamps": rows(
            Stamp.objects.filter(batch__lot__variant__product__producer=producer), "pk", "status"
        ),
        "batches": rows(
            StampBatch.objects.filter(lot__variant__product__producer=producer), "pk", "sheet"
        ),
        "orders": rows(
            ProducerOrder.objects.filter(producer=producer),
            "pk",
            "status",
            "tracking_code",
            "cancel_reason",
        ),
        "team": rows(User.objects.filter(producer=producer), "email", "is_producer_owner"),
        "invitations": rows(
            ProducerInvitation.objects.filter(producer=producer),
            "email",
            "revoked_at",
            "accepted_at",
        ),
        "documents": rows(ProducerDocument.objects.filter(producer=producer), "pk"),
        "sheets": rows(ProductSheetImport.objects.filter(producer=producer), "pk", "status"),
    }


def portal_urls(ids: dict):
    """(name, path, methods) for every portal URL that takes an object id, with the ids
    of `ids`. Actions are POST only; pages are tried with GET and POST."""
    for pattern in producer_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = list(pattern.pattern.converters)
        if not names or names == ["token"] or names == ["kind"]:
            continue
        path = "/producer/" + str(pattern.pattern)
        for name in names:
            path = path.replace(f"<int:{name}>", str(ids[name]))
        yield pattern.name, path, ("post",) if _is_post_only(pattern.callback) else ("get", "post")


def _is_post_only(view) -> bool:
    """require_POST answers a GET with 405 before anything else runs."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return view(request).status_code == 405


STAFF_ONLY = {"producer-application", "producer-review-document"}


def test_every_portal_url_with_another_producers_ids_is_not_found_and_changes_nothing(client):
    mine, theirs = room("a", 31), room("b", 32)
    before = fingerprint(theirs)
    login(client, mine["owner"])
    walked = []

    for name, path, methods in portal_urls(theirs):
        for method in methods:
            response = getattr(client, method)(path, POST_DATA if method == "post" else None)
            assert response.status_code == 404, (name, method, path, response.status_code)
            walked.append((name, method))

    assert fingerprint(theirs) == before
    # The walk reached every URL that takes an id: every kind of object and action.
    expected = {name for name, _, _ in portal_urls(theirs)}
    assert {name for name, _ in walked} == expected and len(expected) >= 25


def test_mixing_own_and_foreign_ids_is_not_found_either(client):
    mine, theirs = room("a", 33), room("b", 34)
    before = fingerprint(theirs)
    login(client, mine["owner"])

    response = client.post(
        f"/producer/variants/{mine['variant_id']}/warehouses/{theirs['warehouse_id']}/stock",
        {"quantity": "5", "reason": "x"},
    )

    assert response.status_code == 404
    assert fingerprint(theirs) == before


def test_the_same_walk_with_own_ids_reaches_real_pages(client):
    mine = room("a", 35)
    login(client, mine["owner"])

    statuses = {
        name: client.get(path).status_code
        for name, path, methods in portal_urls(mine)
        if "get" in methods and name not in STAFF_ONLY
    }

    assert statuses and set(statuses.values()) <= {200, 302}, statuses


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client):
    theirs = room("b", 36)
    before = fingerprint(theirs)
    sign_in = resolve_url(settings.LOGIN_URL)

    for name, path, methods in portal_urls(theirs):
        response = client.get(path) if "get" in methods else client.post(path, POST_DATA)
        assert response.status_code == 302, (name, path)
        assert response["Location"].startswith(sign_in), (name, response["Location"])
    assert fingerprint(theirs) == before
