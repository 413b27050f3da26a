"""Customer account pages: each person sees and changes only their own things."""

import pytest

from catalog.models import AdministrativeUnit, Product
from marketplace.accounts.models import Address, User
from marketplace.orders.models import Order

pytestmark = pytest.mark.django_db

ADDRESS = {
    "full_name": "Trần Văn Nam",
    "phone": "0912000111",
    "street_address": "Số 1 Điện Biên Phủ",
    "commune_code": "11074",
}


@pytest.fixture
def customer(demo, client):
    user = User.objects.create_user("nam@example.vn", "mat-khau-dai-2026", full_name="Nam")
    client.force_login(user)
    return user


def test_register_signs_the_new_customer_in(client, demo):
    response = client.post(
        "/tai-khoan/register/",
        {
            "full_name": "Lê Thị Hoa",
            "email": "hoa@example.vn",
            "password1": "mot-mat-khau-kho-doan",
            "password2": "mot-mat-khau-kho-doan",
        },
    )
    assert response.url == "/tai-khoan/"
    assert client.get("/tai-khoan/").context["user"].email == "hoa@example.vn"


def test_sign_in_by_email_and_wrong_password_message(client, customer):
    client.logout()
    wrong = client.post("/tai-khoan/login/", {"username": "nam@example.vn", "password": "sai"})
    assert wrong.status_code == 200 and not wrong.context["user"].is_authenticated
    right = client.post(
        "/tai-khoan/login/", {"username": "nam@example.vn", "password": "mat-khau-dai-2026"}
    )
    assert right.url == "/tai-khoan/"


def test_account_pages_require_sign_in(client, demo):
    assert client.get("/tai-khoan/").url.startswith("/tai-khoan/login/")
    assert client.get("/tai-khoan/addresses/").url.startswith("/tai-khoan/login/")


def test_orders_page_lists_only_the_customers_own_orders(client, customer):
    mine = Order.objects.first()
    mine.user = customer
    mine.save(update_fields=["user"])
    body = client.get("/tai-khoan/").content.decode()
    assert mine.code in body
    others = Order.objects.exclude(pk=mine.pk).first()
    assert others.code not in body


def test_addresses_are_saved_validated_and_removed_after_confirmation(client, customer):
    bad = client.post("/tai-khoan/addresses/", {**ADDRESS, "phone": "12"})
    assert "Số điện thoại không hợp lệ" in bad.content.decode()
    assert not customer.addresses.exists()
    client.post("/tai-khoan/addresses/", ADDRESS)
    address = customer.addresses.get()
    assert address.commune.code == "11074" and address.province.code == "31"
    confirm = client.get(f"/tai-khoan/addresses/{address.pk}/delete")
    assert "Xoá địa chỉ này?" in confirm.content.decode()
    assert customer.addresses.exists()  # asking changes nothing
    client.post(f"/tai-khoan/addresses/{address.pk}/delete")
    assert not customer.addresses.exists()
    assert Address.objects.filter(pk=address.pk).exists()  # orders keep their copy


def test_another_customers_address_cannot_be_removed(client, customer):
    other = User.objects.create_user("khac@example.vn", "mat-khau-dai-2026")
    theirs = Address.objects.create(
        user=other,
        full_name="Khác",
        phone="0912000222",
        province=customer_address_unit("31"),
        commune=customer_address_unit("11074"),
        street_address="Số 2",
    )
    assert client.post(f"/tai-khoan/addresses/{theirs.pk}/delete").status_code == 404
    theirs.refresh_from_db()
    assert theirs.user == other


def customer_address_unit(code):
    return AdministrativeUnit.objects.get(code=code, valid_to__isnull=True)


def test_checkout_offers_the_latest_saved_address(client, customer):
    client.post("/tai-khoan/addresses/", ADDRESS)
    variant = Product.objects.get(slug="gao-nep-cai-hoa-vang").variants.first()
    client.post("/gio-hang/add", {"variant": variant.pk, "quantity": 1})
    form = client.get("/thanh-toan/").context["form"]
    assert form.initial["street_address"] == "Số 1 Điện Biên Phủ"
