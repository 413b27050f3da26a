"""Cart and checkout through the pages: bad input is explained and changes nothing."""

import uuid

import pytest
from django.test import Client

from catalog.models import Product
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order

pytestmark = pytest.mark.django_db


def variant_of(slug: str):
    return Product.objects.get(slug=slug).variants.order_by("sku").first()


def open_carts():
    return Checkout.objects.filter(completed_order__isnull=True)


def add(client, slug: str, quantity="1"):
    return client.post(
        "/gio-hang/add", {"variant": variant_of(slug).pk, "quantity": quantity}, follow=True
    )


ADDRESS = {
    "full_name": "Nguyễn Thị Thu",
    "phone": "0987654321",
    "email": "thu@example.vn",
    "street_address": "Số 5 Lạch Tray",
    "commune_code": "11074",
}


def test_adding_a_non_number_or_too_many_changes_nothing(client, demo):
    response = add(client, "gao-nep-cai-hoa-vang", quantity="hai")
    assert "Hãy chọn sản phẩm và nhập số lượng là số nguyên." in response.content.decode()
    assert not open_carts().exists()
    add(client, "gao-nep-cai-hoa-vang")
    response = add(client, "gao-nep-cai-hoa-vang", quantity="9999")
    assert "không đủ 10000" in response.content.decode()
    assert open_carts().get().lines.get().quantity == 1


def test_setting_a_quantity_to_zero_removes_the_line(client, demo):
    add(client, "gao-nep-cai-hoa-vang")
    add(client, "mat-ong-hoa-nhan-dai-son")
    client.post(
        "/gio-hang/update", {"variant": variant_of("gao-nep-cai-hoa-vang").pk, "quantity": "0"}
    )
    cart = open_carts().get()
    assert list(cart.lines.values_list("variant", flat=True)) == [
        variant_of("mat-ong-hoa-nhan-dai-son").pk
    ]
    assert client.session["cart_count"] == 1


def test_a_bad_phone_is_shown_beside_the_field_and_no_address_is_saved(client, demo):
    add(client, "gao-nep-cai-hoa-vang")
    response = client.post("/thanh-toan/", {**ADDRESS, "phone": "12ab"})
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    assert open_carts().get().shipping_address is None


def test_checkout_with_cod_places_one_order_split_per_producer(client, demo):
    add(client, "gao-nep-cai-hoa-vang")
    add(client, "mat-ong-hoa-nhan-dai-son", quantity="2")
    assert client.post("/thanh-toan/", ADDRESS).url == "/thanh-toan/delivery"
    page = client.get("/thanh-toan/delivery")
    choices = {
        group["part"].producer.pk: group["options"][0]["value"] for group in page.context["groups"]
    }
    assert len(choices) == 2
    form = {f"producer-{producer}": value for producer, value in choices.items()}
    assert client.post("/thanh-toan/delivery", form).url == "/thanh-toan/payment"
    response = client.post("/thanh-toan/payment", {"gateway": "cod"})
    order = Order.objects.get(email="thu@example.vn")
    assert response.url == f"/don-hang/{order.token}/"
    assert order.producer_orders.count() == 2
    assert client.session["cart_count"] == 0
    assert order.code in client.get(response.url).content.decode()


def test_pickup_at_a_tourism_point_is_offered_when_it_has_the_goods(client, demo):
    add(client, "gao-nep-cai-hoa-vang")
    client.post("/thanh-toan/", ADDRESS)
    options = client.get("/thanh-toan/delivery").context["groups"][0]["options"]
    labels = [option["label"] for option in options]
    assert "Nhận tại Điểm trưng bày OCOP Đình làng Tứ Kỳ" in labels
    pickup = next(option for option in options if option["value"].startswith("pickup-"))
    producer = Product.objects.get(slug="gao-nep-cai-hoa-vang").producer.pk
    client.post("/thanh-toan/delivery", {f"producer-{producer}": pickup["value"]})
    client.post("/thanh-toan/payment", {"gateway": "cod"})
    part = Order.objects.get(email="thu@example.vn").producer_orders.get()
    assert part.delivery_method == "pickup" and part.delivery_price == 0


def test_a_forged_delivery_choice_is_refused(client, demo):
    add(client, "gao-nep-cai-hoa-vang")
    client.post("/thanh-toan/", ADDRESS)
    producer = Product.objects.get(slug="gao-nep-cai-hoa-vang").producer.pk
    response = client.post("/thanh-toan/delivery", {f"producer-{producer}": "rate-999999"})
    assert "Chọn cách nhận hàng" in response.content.decode()
    assert not open_carts().get().deliveries.exists()


def test_forms_refuse_posts_without_the_csrf_token(demo):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/gio-hang/add", {"variant": variant_of("gao-nep-cai-hoa-vang").pk})
    assert response.status_code == 403
    assert not open_carts().exists()


def test_an_order_is_reachable_only_by_its_private_link(client, demo):
    assert client.get(f"/don-hang/{uuid.uuid4()}/").status_code == 404
    order = Order.objects.first()
    assert client.get(f"/don-hang/{order.token}/").status_code == 200


def test_the_card_endpoint_refuses_a_non_card_order_and_a_bogus_method(client, demo):
    cod_order = Order.objects.filter(payments__gateway="cod").first()
    response = client.post(f"/don-hang/{cod_order.token}/card", {"payment_method": "pm_x"})
    assert response.status_code == 400
    card_order = Order.objects.filter(payments__gateway="stripe").first()
    response = client.post(f"/don-hang/{card_order.token}/card", {"payment_method": "tok_x"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert card_order.payments.get().psp_reference == ""
