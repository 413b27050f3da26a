"""A new producer in Chromium: apply, get approved by staff, list a product with a phone
photo, price and stock it, record a lot, issue and download 20 stamps, then receive an
order, ship it and mark it paid on delivery."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from catalog.models import AdministrativeUnit, Producer, ProductVariant
from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.checkout import services as checkout_services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.services import AddressInput
from marketplace.orders.models import ProducerOrderStatus
from marketplace.payments.models import PaymentStatus
from marketplace.shipping.models import DeliveryRate
from tests.e2e.conftest import serious_accessibility_violations
from tests.storefront.portal import gtin_for
from traceability.models import StampBatch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "mat-khau-htx-moi-2026"


def phone_photo(path) -> None:
    """A 4000×3000 JPEG as a phone takes it: rotated by EXIF, with GPS coordinates."""
    image = Image.effect_noise((4000, 3000), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (106.0, 20.0, 5.0)}
    image.save(path, "JPEG", quality=90, exif=exif)


def sign_in(page, login: str, password: str, next_path: str) -> None:
    page.goto(f"/tai-khoan/login/?next={next_path}")
    page.locator("#id_username").fill(login)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").last.click()


def test_a_new_producer_lists_a_product_issues_stamps_and_ships_an_order(
    page, browser, shop, tmp_path
):
    User.objects.create_user("htx.moi@example.vn", PASSWORD, full_name="Phạm Văn Nam")
    photo = tmp_path / "IMG_20261129.jpg"
    phone_photo(photo)
    documents = tmp_path / "dkkd.pdf"
    documents.write_bytes(b"%PDF-1.4\n%%EOF\n")

    # Apply
    sign_in(page, "htx.moi@example.vn", PASSWORD, "/producer/")
    page.get_by_test_id("apply").click()
    page.locator("#id_name").fill("HTX Mật ong Hưng Đạo")
    page.locator("#id_legal_form").select_option("cooperative")
    page.locator("#id_registration_number").fill("0801999888")
    page.locator("#id_street_address").fill("Thôn Hưng Đạo")
    page.locator("#id_commune").select_option(index=1)
    page.locator("#id_contact_name").fill("Phạm Văn Nam")
    page.locator("#id_phone").fill("0912000111")
    page.locator("#id_email").fill("htx.moi@example.vn")
    page.locator("#id_business_registration").set_input_files(str(documents))
    page.locator("#id_food_safety_certificate").set_input_files(str(photo))
    page.locator("form.stack button[type=submit]").click()
    expect(page.get_by_test_id("application-status")).to_be_visible()
    producer = Producer.objects.get(name="HTX Mật ong Hưng Đạo")

    # Staff approve, in their own browser session
    staff_context = browser.new_context(base_url=shop, locale="vi-VN")
    staff_page = staff_context.new_page()
    sign_in(staff_page, "canbo@ocop.demo", "demo-canbo-2023", "/producer/applications/")
    staff_page.get_by_role("link", name="HTX Mật ong Hưng Đạo").click()
    staff_page.locator("#id_decision").select_option("approve")
    staff_page.get_by_test_id("decide").click()
    expect(staff_page.locator(".msg.success")).to_be_visible()
    staff_context.close()
    producer.refresh_from_db()
    assert producer.status == "approved"

    # A product with a variant, a phone photo, a price, stock, and published
    page.goto("/producer/products/new/")
    page.locator("#id_name").fill("Mật ong hoa nhãn Hưng Đạo")
    page.locator("#id_group").select_option(index=1)
    page.locator("form.stack button[type=submit]").click()
    variant_form = page.locator("form[action$='/variants']")
    variant_form.locator("#id_name").fill("Chai 500 ml")
    variant_form.locator("#id_sku").fill("HD-MO-500")
    variant_form.locator("#id_gtin").fill(gtin_for(501))
    variant_form.locator("#id_unit").select_option("ml")
    variant_form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("variant-HD-MO-500")).to_be_visible()
    photo_form = page.locator("form[action$='/images']")
    photo_form.locator("#id_image").set_input_files(str(photo))
    photo_form.locator("button[type=submit]").click()
    expect(page.locator(".thumbs img")).to_have_count(1)
    variant_card = page.get_by_test_id("variant-HD-MO-500")
    variant_card.locator("form[action$='/price'] input[name=price]").first.fill("185000")
    variant_card.locator("form[action$='/price'] button").first.click()
    page.locator("form[action$='/warehouse/new'] button").first.click()
    variant_card = page.get_by_test_id("variant-HD-MO-500")
    variant_card.locator("input[name=quantity]").fill("30")
    variant_card.locator("input[name=reason]").fill("Vụ nhãn 2026")
    variant_card.locator("form[action$='/stock'] button").click()
    page.get_by_test_id("publish-default-channel").click()
    expect(page.get_by_test_id("publish-default-channel")).to_have_text("Ẩn")
    assert serious_accessibility_violations(page) == []

    # A lot and 20 stamps, downloaded as PDF
    page.goto("/producer/lots/new/")
    page.locator("#id_variant").select_option(index=1)
    page.locator("#id_code").fill("HD-2026-11")
    page.locator("#id_production_date").fill("2026-11-20")
    page.locator("#id_quantity").fill("150")
    page.locator("#id_origin_name").fill("Trại ong Hưng Đạo")
    page.locator("#id_origin_unit").select_option(index=1)
    page.locator("form.stack button[type=submit]").click()
    page.locator("form[action$='/stamps'] #id_count").fill("20")
    page.get_by_test_id("issue-stamps").click()
    with page.expect_download() as download:
        page.get_by_test_id("batch-pdf").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert StampBatch.objects.get(lot__code="HD-2026-11").stamps.count() == 20

    # An order comes in; the producer ships it and marks it delivered and paid
    order = place_cod_order("HD-MO-500", producer)
    page.goto("/producer/orders/?tab=to_pack")
    page.get_by_test_id(f"order-{order.code}").click()
    page.locator("#id_tracking_code").fill("VNPOST-2026")
    page.get_by_test_id("ship").click()
    page.locator("form[action$='/delivered'] input[type=checkbox]").check()
    page.get_by_test_id("delivered").click()
    expect(page.get_by_test_id("part-status")).to_have_text("đã nhận hàng")
    part = order.producer_orders.get()
    assert (part.status, part.tracking_code) == (ProducerOrderStatus.DELIVERED, "VNPOST-2026")
    assert order.payments.get().status == PaymentStatus.CHARGED

    # The photo on the shop has no location data left, and is kept at 2400 px at most
    stored = producer.products.get().images.get()
    with stored.image.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as image:
        assert image.size == (1800, 2400) and not image.getexif()


def place_cod_order(sku: str, producer):
    channel = Channel.objects.get(slug="default-channel")
    rate = DeliveryRate.objects.create(
        producer=producer, channel=channel, name="Giao tận nhà", kind="flat", base_amount=30000
    )
    rate.provinces.add(AdministrativeUnit.objects.get(code="31"))
    checkout = checkout_services.create_checkout(channel, email="khach@example.vn")
    checkout_services.add_lines(checkout, [(ProductVariant.objects.get(sku=sku), 2)])
    checkout_services.set_shipping_address(
        checkout,
        AddressInput(
            full_name="Trần Thị Lan",
            phone="0987654321",
            province_code="31",
            commune_code="11074",
            street_address="Số 2 đường Lê Lợi",
        ),
    )
    checkout_services.set_delivery(checkout, producer, rate=rate)
    return complete_checkout(checkout, "cod")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_working_screens_have_a_compact_header_on_a_phone(browser, shop, language):
    from marketplace.management.demo_users import PRODUCER_LOGIN, STAFF_LOGIN
    from tests.e2e.conftest import screenshot

    for login, path, name in (
        (PRODUCER_LOGIN, "/producer/", "portal"),
        (STAFF_LOGIN, "/chuong-trinh/", "programme"),
    ):
        context = browser.new_context(
            locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=shop
        )
        page = context.new_page()
        page.goto(f"/tai-khoan/login/?next={path}")
        page.locator("#id_username").fill(login[0])
        page.locator("#id_password").fill(login[1])
        page.locator("form.stack button[type=submit]").click()
        page.wait_for_url(f"**{path}")
        if language == "en":
            page.locator("header.work .lang button").click()
            page.wait_for_url(f"**{path}")
        header = page.locator("header.work").bounding_box()
        heading = page.get_by_role("heading", level=1).bounding_box()
        assert header["height"] <= 844 / 8, header  # at most an eighth of the screen
        assert heading["y"] <= 844 * 0.25, heading  # the page starts in its first quarter
        assert page.locator("#site-search").count() == 0  # no shop search on working screens
        # nothing makes the page wider than the phone (wide tables scroll in their box)
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            " > 391 && !e.closest('.scroll')).slice(0, 5).map(e => e.tagName + '.' + e.className"
            " + ' ' + Math.round(e.getBoundingClientRect().right))"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, wide
        screenshot(page, f"{name}-phone-{language}")
        context.close()


def test_a_price_typed_the_vietnamese_way_is_saved_and_a_wrong_one_stays_with_its_error(
    browser, shop
):
    from marketplace.management.demo_users import PRODUCER_LOGIN
    from tests.e2e.conftest import screenshot

    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, base_url=shop
    )
    page = context.new_page()
    page.goto("/tai-khoan/login/?next=/producer/products/")
    page.locator("#id_username").fill(PRODUCER_LOGIN[0])
    page.locator("#id_password").fill(PRODUCER_LOGIN[1])
    page.locator("form.stack button[type=submit]").click()
    page.locator('[data-testid="product-list"] tbody a').first.click()
    price = page.locator('input[name="price"]').first
    price.fill("47.000")
    price.locator("xpath=ancestor::form").get_by_role("button", name="Lưu giá").click()
    # the page opens again at the saved field, which confirms beside itself
    saved = page.locator('input[name="price"]').first
    expect(saved).to_have_value("47.000")
    expect(saved.locator("xpath=ancestor::form").locator(".saved")).to_have_text("✓ Đã lưu giá.")
    # a price that is not a number keeps what was typed, with the reason beside it
    saved.fill("47 nghìn")
    saved.locator("xpath=ancestor::form").get_by_role("button", name="Lưu giá").click()
    wrong = page.locator('input[name="price"][aria-invalid="true"]')
    expect(wrong).to_have_value("47 nghìn")
    error = page.locator(f"#{wrong.get_attribute('aria-describedby')}")
    expect(error).to_contain_text("47.000")
    box, message = wrong.bounding_box(), error.bounding_box()
    assert 0 <= message["y"] - (box["y"] + box["height"]) < 40  # right under the field
    screenshot(page, "portal-price-error-phone")
    context.close()
