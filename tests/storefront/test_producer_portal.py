"""The producer portal: onboarding, team, listings, uploads, bulk import, lots and stamps,
orders and money, through the pages a producer uses."""

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from catalog.models import (
    AdministrativeUnit,
    DossierFile,
    Producer,
    ProducerDocument,
    ProducerStatus,
    Product,
    ProductGroup,
    ProductVariant,
)
from marketplace.accounts.models import User
from marketplace.channels.models import ProductSheetImport, VariantChannelListing
from marketplace.orders.models import ProducerOrderStatus
from marketplace.payments.models import PaymentStatus
from marketplace.warehouses.models import Stock, StockAdjustment
from tests.graphql.test_media_upload import jpeg_with_gps
from tests.storefront.portal import (
    PASSWORD,
    PDF,
    approved_producer,
    cod_order_for,
    english,
    gtin_for,
    login,
    product_with_variant,
    storefront_channel,
)
from traceability.models import Lot, StampBatch, StampStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (emails, printing) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def application(**overrides):
    commune = AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).first()
    data = {
        "name": "HTX Mật ong Ninh Giang",
        "legal_form": "cooperative",
        "registration_number": "0801234567",
        "street_address": "Thôn Đông",
        "commune": commune.pk,
        "contact_name": "Nguyễn Thị Hoa",
        "phone": "0912345678",
        "email": "htx@example.vn",
        "bank_bin": "970436",
        "bank_account": "0011001234567",
        "bank_account_name": "HTX MAT ONG NINH GIANG",
        "business_registration": SimpleUploadedFile("dkkd.pdf", PDF),
        "food_safety_certificate": SimpleUploadedFile("attp.jpg", jpeg_with_gps()),
    }
    return data | overrides


# Onboarding -----------------------------------------------------------------------------


def test_an_applicant_is_approved_by_staff_and_told_by_email(client, committed):
    applicant = login(client, "hoa@example.vn")

    response = client.post("/producer/apply/", application())

    assert response.status_code == 302
    producer = Producer.objects.get(name="HTX Mật ong Ninh Giang")
    applicant.refresh_from_db()
    assert (producer.status, applicant.producer, applicant.is_producer_owner) == (
        ProducerStatus.APPLIED,
        producer,
        True,
    )
    assert sorted(producer.documents.values_list("kind", flat=True)) == [
        "business_registration",
        "food_safety_certificate",
    ]
    english(client)
    assert "being reviewed" in client.get("/producer/").content.decode()
    assert client.get("/producer/products/").status_code == 302  # not before approval

    staff = User.objects.create_user("canbo@example.vn", "mat-khau-can-bo-2026", is_staff=True)
    staff.user_permissions.add(*_change_producer())
    login(client, staff)
    assert client.get("/producer/applications/").status_code == 200
    with committed():
        response = client.post(f"/producer/applications/{producer.pk}/", {"decision": "approve"})

    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.status == ProducerStatus.APPROVED
    [message] = mail.outbox
    assert set(message.to) == {"htx@example.vn", "hoa@example.vn"}
    assert "đã được duyệt" in message.subject
    login(client, applicant)
    assert client.get("/producer/products/").status_code == 200


def _change_producer():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="change_producer")


def test_a_rejected_applicant_sees_the_reason_and_can_apply_again(client, committed):
    applicant = login(client, "hoa@example.vn")
    client.post("/producer/apply/", application())
    producer = applicant.__class__.objects.get(pk=applicant.pk).producer
    staff = User.objects.create_user("canbo@example.vn", "mat-khau-can-bo-2026", is_staff=True)
    staff.user_permissions.add(*_change_producer())
    login(client, staff)

    refused = client.post(f"/producer/applications/{producer.pk}/", {"decision": "reject"})
    with committed():
        client.post(
            f"/producer/applications/{producer.pk}/",
            {"decision": "reject", "reason": "Giấy ATTP đã hết hạn"},
        )

    assert refused.status_code == 400  # a rejection needs a reason
    producer.refresh_from_db()
    assert producer.status == ProducerStatus.REJECTED
    assert "Giấy ATTP đã hết hạn" in mail.outbox[0].body
    login(client, applicant)
    assert "Giấy ATTP đã hết hạn" in client.get("/producer/").content.decode()
    client.post("/producer/apply/again")
    producer.refresh_from_db()
    assert producer.status == ProducerStatus.APPLIED


@pytest.mark.parametrize(
    ("field", "upload"),
    [
        ("business_registration", SimpleUploadedFile("dkkd.pdf", b"just some text, not a PDF")),
        ("food_safety_certificate", SimpleUploadedFile("attp.jpg", b"GIF89a" + b"\0" * 30)),
    ],
)
def test_an_application_with_a_document_that_is_not_one_is_refused(client, field, upload):
    login(client, "hoa@example.vn")

    response = client.post("/producer/apply/", application(**{field: upload}))

    assert response.status_code == 400
    assert "PDF, JPEG, PNG" in response.content.decode()
    assert not Producer.objects.filter(name="HTX Mật ong Ninh Giang").exists()
    assert not ProducerDocument.objects.exists()


def test_applications_are_only_for_programme_staff(client):
    producer, owner = approved_producer("a")
    login(client, owner)
    assert client.get("/producer/applications/").status_code == 404
    assert client.get(f"/producer/applications/{producer.pk}/").status_code == 404


# Team -------------------------------------------------------------------------------------


def test_the_owner_invites_a_staff_user_who_joins_through_the_link(client, committed):
    producer, owner = approved_producer("a")
    login(client, owner)

    with committed():
        client.post("/producer/team/", {"email": "lan@example.vn"})

    [message] = mail.outbox
    link = next(word for word in message.body.split() if "/producer/join/" in word)
    path = link[link.index("/producer/") :]
    member = login(client, "lan@example.vn")
    assert client.get(path).status_code == 200
    client.post(path)
    member.refresh_from_db()
    assert (member.producer, member.is_producer_owner) == (producer, False)
    assert client.post(path).status_code == 404  # used once
    assert client.get("/producer/team/").status_code == 404  # staff cannot invite


def test_a_user_of_another_producer_cannot_be_invited(client):
    _, owner = approved_producer("a")
    _, other_owner = approved_producer("b")
    login(client, owner)

    response = client.post("/producer/team/", {"email": other_owner.email})

    assert response.status_code == 400
    assert "đã thuộc một chủ thể" in response.content.decode()
    assert mail.outbox == []


# Listings ---------------------------------------------------------------------------------


def test_a_product_gets_a_variant_a_photo_a_price_and_stock(client, settings):
    producer, owner = approved_producer("a")
    login(client, owner)
    group = ProductGroup.objects.get(code="1.4")

    client.post(
        "/producer/products/new/",
        {"name": "Mật ong hoa nhãn", "group": group.pk, "brand": "Ong Đông"},
    )
    product = producer.products.get(name="Mật ong hoa nhãn")
    assert product.brand == "Ong Đông"
    bad = client.post(
        f"/producer/products/{product.pk}/variants",
        {"name": "Chai 500 ml", "sku": "MO-500", "gtin": "8938100000019", "unit": "ml"},
    )
    client.post(
        f"/producer/products/{product.pk}/variants",
        {"name": "Chai 500 ml", "sku": "MO-500", "gtin": gtin_for(77), "unit": "ml"},
    )
    variant = product.variants.get()
    client.post(
        f"/producer/products/{product.pk}/images",
        {"image": SimpleUploadedFile("dien-thoai.jpg", jpeg_with_gps()), "alt": "Chai"},
    )
    channel = storefront_channel()
    client.post(f"/producer/variants/{variant.pk}/channels/{channel.pk}/price", {"price": "185000"})
    client.post(f"/producer/products/{product.pk}/channels/{channel.pk}/publish", {"publish": "1"})
    client.post("/producer/warehouse/new")
    warehouse = producer.warehouses.get()
    client.post(
        f"/producer/variants/{variant.pk}/warehouses/{warehouse.pk}/stock",
        {"quantity": "40", "reason": "Vụ nhãn 2026"},
    )

    assert bad.status_code == 400 and "GTIN" in bad.content.decode()
    assert variant.gtin == gtin_for(77).zfill(14)
    stored = product.images.get()
    with stored.image.open("rb") as handle, Image.open(handle) as image:
        assert image.size == (32, 64) and not image.getexif()
    assert (
        VariantChannelListing.objects.get(variant=variant, channel=channel).price_amount == 185000
    )
    assert product.channel_listings.get(channel=channel).is_published
    assert Stock.objects.get(variant=variant, warehouse=warehouse).quantity == 40
    adjustment = StockAdjustment.objects.get(stock__variant=variant)
    assert (adjustment.change, adjustment.reason, adjustment.user) == (40, "Vụ nhãn 2026", owner)
    page = client.get(f"/producer/variants/{variant.pk}/stock/").content.decode()
    assert "Vụ nhãn 2026" in page


def _png(size) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"%PDF-1.7 not an image", "not an image"),
        ("anh.gif", b"GIF89a" + b"\0" * 40, "not an image"),
        ("bom.png", _png((9000, 9000)), "megapixels"),
        ("to.jpg", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_hostile_photos_are_refused_and_nothing_is_stored(client, name, content, message):
    producer, owner = approved_producer("a")
    product, _ = product_with_variant(producer)
    login(client, owner)

    english(client)
    response = client.post(
        f"/producer/products/{product.pk}/images", {"image": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert product.images.count() == 0


def test_dossier_files_are_private_and_only_for_their_producer(client, settings):
    producer, owner = approved_producer("a")
    product, _ = product_with_variant(producer)
    item = product.dossier_items.get(kind="food_safety_certificate")
    login(client, owner)

    client.post(f"/producer/dossier/{item.pk}/files", {"file": SimpleUploadedFile("a.pdf", PDF)})
    record = DossierFile.objects.get(item=item)

    item.refresh_from_db()
    assert item.review_status == "submitted"
    assert not str(record.file.path).startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + record.file.name).status_code == 404
    download = client.get(f"/producer/dossier/files/{record.pk}")
    assert b"".join(download.streaming_content) == PDF
    _, stranger = approved_producer("b")
    login(client, stranger)
    assert client.get(f"/producer/dossier/files/{record.pk}").status_code == 404


# Bulk import and export -----------------------------------------------------------------


def _csv(*rows) -> SimpleUploadedFile:
    header = (
        "sku,product_name,product_name_en,group,variant_name,gtin,net_quantity,unit,price,stock"
    )
    return SimpleUploadedFile("san-pham.csv", "\n".join([header, *rows]).encode())


def test_an_import_with_errors_shows_them_all_and_writes_nothing(client):
    producer, owner = approved_producer("a")
    login(client, owner)

    response = client.post(
        "/producer/import/",
        {
            "file": _csv(
                "GA-1,Gà đồi,Hill chicken,9.9,Con 1.5 kg,,1.5,kg,250000,5",
                "GA-2,Gà đồi,,1.1,Con 2 kg,8938100000019,2,kg,abc,5",
                "GA-2,Gà đồi,,1.1,Con 2 kg,,2,kg,300000,-1",
            )
        },
    )

    sheet = ProductSheetImport.objects.get()
    assert response.status_code == 302
    assert sorted((error["row"], error["field"]) for error in sheet.errors) == [
        (2, "group"),
        (3, "gtin"),
        (3, "price"),
        (4, "sku"),
        (4, "stock"),
    ]
    english(client)
    page = client.get(f"/producer/import/{sheet.pk}/").content.decode()
    assert "5 problems: nothing was imported" in page
    assert client.post(f"/producer/import/{sheet.pk}/").status_code == 400
    assert not producer.products.exists()


def test_a_clean_import_is_applied_whole_and_exports_back_the_same(client):
    producer, owner = approved_producer("a", warehouse=True)
    login(client, owner)

    client.post(
        "/producer/import/",
        {
            "file": _csv(
                f"GA-1,Gà đồi Tiên Yên,Hill chicken,1.1,Con 1.5 kg,{gtin_for(91)},1.5,kg,250000,5",
                'GA-2,Gà đồi Tiên Yên,,1.1,Con 2 kg,,2,kg,"300.000",8',
            )
        },
    )
    sheet = ProductSheetImport.objects.get()
    preview = client.get(f"/producer/import/{sheet.pk}/").content.decode()
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", preview, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", first_row)
    headings = re.findall(r'<th scope="col">(.*?)</th>', preview)
    assert len(cells) == len(headings) and cells[headings.index("group")] == "1.1"
    client.post(f"/producer/import/{sheet.pk}/")

    product = producer.products.get()
    assert product.name_en == "Hill chicken"
    assert sorted(product.variants.values_list("sku", flat=True)) == ["GA-1", "GA-2"]
    assert VariantChannelListing.objects.get(variant__sku="GA-2").price_amount == 300000
    assert Stock.objects.get(variant__sku="GA-1").quantity == 5
    product.brand = "Gà Tiên Yên"
    product.save()
    exported = client.get("/producer/export.csv").content.decode("utf-8-sig").splitlines()
    assert exported[0].startswith("sku,product_name,product_name_en,brand,group")
    assert exported[1].split(",")[:5] == [
        "GA-1",
        "Gà đồi Tiên Yên",
        "Hill chicken",
        "Gà Tiên Yên",
        "1.1",
    ]
    assert exported[2].split(",")[-2:] == ["300000", "8"]
    workbook = client.get("/producer/export.xlsx")
    assert workbook.content[:2] == b"PK"
    # The export imported again changes nothing and adds nothing.
    client.post(
        "/producer/import/",
        {"file": SimpleUploadedFile("lai.xlsx", workbook.content)},
    )
    again = ProductSheetImport.objects.order_by("-pk").first()
    assert again.errors == []
    client.post(f"/producer/import/{again.pk}/")
    assert producer.products.count() == 1 and ProductVariant.objects.count() == 2
    assert producer.products.get().brand == "Gà Tiên Yên"


def test_an_import_cannot_touch_another_producers_sku(client):
    other, _ = approved_producer("b")
    product_with_variant(other, sku="B-1")
    _, owner = approved_producer("a")
    login(client, owner)

    client.post("/producer/import/", {"file": _csv("B-1,Chiếm,,1.1,x,,,g,1000,")})

    sheet = ProductSheetImport.objects.get()
    assert [(error["row"], error["field"]) for error in sheet.errors] == [(2, "sku")]
    assert ProductVariant.objects.get(sku="B-1").name != "x"


# Lots and stamps --------------------------------------------------------------------------


def test_a_lot_gets_events_and_stamps_within_the_monthly_limit(client, committed):
    producer, owner = approved_producer("a")
    _, variant = product_with_variant(producer, gtin=gtin_for(12))
    commune = producer.commune
    login(client, owner)

    client.post(
        "/producer/lots/new/",
        {
            "variant": variant.pk,
            "code": "MO-2026-11",
            "production_date": "2026-11-01",
            "quantity": "120",
            "unit": "kg",
            "origin_name": "Trại ong Đông",
            "origin_unit": commune.pk,
        },
    )
    lot = Lot.objects.get(code="MO-2026-11")
    client.post(
        f"/producer/lots/{lot.pk}/events",
        {
            "step": "packing",
            "at": "2026-11-03T09:30",
            "location": "Xưởng HTX",
            "evidence": SimpleUploadedFile("dong-goi.jpg", jpeg_with_gps()),
        },
    )
    with committed():  # the printable sheets are drawn after the commit
        client.post(f"/producer/lots/{lot.pk}/stamps", {"count": "20"})
    producer.stamp_monthly_limit = 25
    producer.save(update_fields=["stamp_monthly_limit"])
    english(client)
    over = client.post(f"/producer/lots/{lot.pk}/stamps", {"count": "6"})

    assert [event.business_step for event in lot.events.order_by("event_time")] == [
        "commissioning",
        "packing",
    ]
    assert lot.events.get(business_step="packing").evidence.name
    batch = StampBatch.objects.get()
    assert batch.stamps.count() == 20
    pdf = client.get(f"/producer/stamps/{batch.pk}/pdf")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert over.status_code == 400 and "monthly stamp limit" in over.content.decode()
    assert StampBatch.objects.count() == 1
    client.post(f"/producer/stamps/{batch.pk}/void", {"first": "3", "last": "5"})
    assert batch.stamps.filter(status=StampStatus.VOIDED).count() == 0  # not confirmed
    client.post(f"/producer/stamps/{batch.pk}/void", {"first": "3", "last": "5", "confirm": "on"})
    assert batch.stamps.filter(status=StampStatus.VOIDED).count() == 3
    wrong = client.post(f"/producer/stamps/{batch.pk}/applied", {"first": "9", "last": "30"})
    assert wrong.status_code == 400 and "1 ≤ first ≤ last ≤ 20" in wrong.content.decode()
    client.post(f"/producer/stamps/{batch.pk}/applied", {"first": "1", "last": "10"})
    assert batch.stamps.filter(status=StampStatus.ACTIVATED).count() == 7  # 3 were voided
    counts = client.get(f"/producer/stamps/{batch.pk}/").context["counts"]
    assert (counts["activated"], counts["voided"]) == (7, 3)


# Orders and money -------------------------------------------------------------------------


def test_a_cash_on_delivery_order_is_shipped_delivered_and_paid(client):
    producer, owner = approved_producer("a", warehouse=True)
    order = cod_order_for(producer, quantity=2, price=120000)
    part = order.producer_orders.get()
    login(client, owner)

    listing = client.get("/producer/orders/?tab=to_pack").content.decode()
    client.post(f"/producer/orders/{part.pk}/ship", {"tracking_code": "VNPOST123"})
    client.post(f"/producer/orders/{part.pk}/delivered")

    assert order.code in listing
    part.refresh_from_db()
    assert (part.status, part.tracking_code) == (ProducerOrderStatus.DELIVERED, "VNPOST123")
    assert order.payments.get().status == PaymentStatus.CHARGED
    money = client.get("/producer/money/", {"start": "2020-01-01", "end": "2100-01-01"})
    assert money.status_code == 200
    summary = money.content.decode()
    assert "240.000" in summary
    report = client.get(
        "/producer/money/", {"start": "2020-01-01", "end": "2100-01-01", "format": "csv"}
    )
    assert report.content.decode("utf-8-sig").splitlines()[1].split(",")[4] == "240000.00"


def test_cancelling_needs_a_reason_and_releases_the_stock(client):
    producer, owner = approved_producer("a", warehouse=True)
    order = cod_order_for(producer, quantity=3, price=50000)
    part = order.producer_orders.get()
    stock = Stock.objects.get(warehouse__producer=producer)
    assert stock.quantity_allocated == 3
    login(client, owner)

    refused = client.post(f"/producer/orders/{part.pk}/cancel", {"reason": ""})
    client.post(f"/producer/orders/{part.pk}/cancel", {"reason": "Hết hàng do mưa bão"})

    assert refused.status_code == 400
    part.refresh_from_db()
    stock.refresh_from_db()
    assert (part.status, part.cancel_reason) == ("cancelled", "Hết hàng do mưa bão")
    assert stock.quantity_allocated == 0


def test_the_portal_needs_a_producer_account(client):
    assert client.get("/producer/products/").status_code == 302  # sign in first
    login(client, "khach@example.vn")
    assert client.get("/producer/products/").status_code == 302
    english(client)
    assert "Apply to sell" in client.get("/producer/").content.decode()
    assert Product.objects.count() == 0


def test_a_variant_is_renamed_and_gets_a_gtin_once(client):
    producer, owner = approved_producer("a")
    _, variant = product_with_variant(producer)
    login(client, owner)

    client.post(
        f"/producer/variants/{variant.pk}/edit",
        {"name": "Chai 750 ml", "net_quantity": "750", "unit": "ml", "gtin": gtin_for(55)},
    )
    client.post(
        f"/producer/variants/{variant.pk}/edit",
        {"name": "Chai 750 ml", "net_quantity": "750", "unit": "ml", "gtin": gtin_for(56)},
    )

    variant.refresh_from_db()
    assert (variant.name, variant.net_quantity, variant.gtin) == (
        "Chai 750 ml",
        750,
        gtin_for(55).zfill(14),
    )


def test_prices_and_stock_take_vietnamese_numbers_and_errors_sit_beside_their_field(client):
    producer, owner = approved_producer("vn")
    login(client, owner)
    product = Product.objects.create(
        producer=producer, group=ProductGroup.objects.get(code="1.4a"), name="Tương", slug="tg"
    )
    client.post(
        f"/producer/products/{product.pk}/variants",
        {"name": "Chai 500 ml", "sku": "TG-500", "gtin": gtin_for(78), "unit": "ml"},
    )
    variant = product.variants.get()
    channel = storefront_channel()
    client.post("/producer/warehouse/new")
    warehouse = producer.warehouses.get()
    price_url = f"/producer/variants/{variant.pk}/channels/{channel.pk}/price"
    stock_url = f"/producer/variants/{variant.pk}/warehouses/{warehouse.pk}/stock"
    key = f"price-{variant.pk}-{channel.pk}"

    # "47.000", "47,000" and "47 000 ₫" all mean 47,000 đồng
    for typed in ("47.000", "47,000", "47 000 ₫"):
        saved = client.post(price_url, {"price": typed})
        assert saved.status_code == 302
        assert saved["Location"].endswith(f"?saved={key}#{key}")
        listing = VariantChannelListing.objects.get(variant=variant, channel=channel)
        assert listing.price_amount == 47000, typed
    page = client.get(saved["Location"]).content.decode()
    assert 'value="47.000"' in page and "✓ Đã lưu giá." in page

    # a price that is not a number stays as typed, with the reason beside the field
    refused = client.post(price_url, {"price": "47 nghìn"})
    page = refused.content.decode()
    assert refused.status_code == 400
    assert 'value="47 nghìn"' in page and 'aria-invalid="true"' in page
    assert f'id="{key}-price-error"' in page and "47.000" in page
    assert VariantChannelListing.objects.get(variant=variant, channel=channel).price_amount == 47000

    # stock "1.200" is 1,200; without a reason it is refused beside the reason field
    no_reason = client.post(stock_url, {"quantity": "1.200", "reason": ""})
    page = no_reason.content.decode()
    assert no_reason.status_code == 400
    assert (
        'value="1.200"' in page and f'id="stock-{variant.pk}-{warehouse.pk}-reason-error"' in page
    )
    assert not Stock.objects.filter(variant=variant, warehouse=warehouse, quantity=1200).exists()
    client.post(stock_url, {"quantity": "1.200", "reason": "Kiểm kê"})
    assert Stock.objects.get(variant=variant, warehouse=warehouse).quantity == 1200


def test_one_available_stock_in_portal_shop_and_api_and_a_history_with_the_sales(client):
    import json

    # given 10 counted, and an order of 3 waiting to be packed
    producer, owner = approved_producer("kho", warehouse=True)
    order = cod_order_for(producer, quantity=3, price=50000)
    line = order.lines.get()
    variant = line.variant
    login(client, owner)

    # then the portal, the shop and the API all say 7 can still be sold
    portal = client.get(f"/producer/products/{variant.product_id}/").content.decode()
    assert "Còn bán trên cửa hàng trực tuyến: 7" in portal
    assert "đang giữ cho đơn: 3 · còn bán được: 7" in portal
    shop = client.get(f"/san-pham/{variant.product.slug}/").content.decode()
    assert "còn 7" in shop
    channel = storefront_channel().slug
    query = f'{{ product(slug: "{variant.product.slug}", channel: "{channel}") '
    query += "{ variants { quantityAvailable } } }"
    anonymous = Client()  # a signed-in cookie session would need the CSRF token
    api = anonymous.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    assert api.json()["data"]["product"]["variants"][0]["quantityAvailable"] == 7

    # and once shipped, the history shows the count, the hold and the sale
    part = order.producer_orders.get()
    client.post(f"/producer/orders/{part.pk}/ship", {"tracking_code": "VN1"})
    history = client.get(f"/producer/variants/{variant.pk}/stock/").content.decode()
    for text in ("kiểm đếm tồn kho", "giữ hàng cho đơn", "đã bán và giao đi", order.code):
        assert text in history, text
    stock = Stock.objects.get(variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (7, 0)


def test_the_product_list_shows_photo_price_stock_stars_and_state_and_sorts(client):
    producer, owner = approved_producer("ds", warehouse=True)
    cheap = cod_order_for(producer, quantity=1, price=30000).lines.get().variant.product
    dear = cod_order_for(producer, quantity=2, price=90000).lines.get().variant.product
    login(client, owner)

    page = client.get("/producer/products/", {"sort": "-price"}).content.decode()
    table = page[page.index('data-testid="product-list"') :]
    assert table.index(dear.name) < table.index(cheap.name)
    assert "90.000\u00a0₫" in table and "30.000\u00a0₫" in table
    assert "chưa xếp hạng" in table and 'class="badge ok"' in table  # not rated, published
    assert 'aria-sort="descending"' in table
    by_stock = client.get("/producer/products/", {"sort": "stock"}).content.decode()
    listed = by_stock[by_stock.index('data-testid="product-list"') :]
    assert listed.index(dear.name) < listed.index(cheap.name)  # 8 left before 9


def test_a_producer_lands_in_the_portal_after_signing_in(client):
    _producer, owner = approved_producer("dn")
    response = client.post("/tai-khoan/login/", {"username": owner.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/producer/"
