import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import AdministrativeUnit, Product, Rating
from catalog.services.ratings import certificates_expiring_within, current_certificate
from marketplace.management.demo_users import PRODUCER_LOGIN, STAFF_LOGIN
from marketplace.orders.models import Order


def log_in(client, login, password):
    return client.post(
        reverse("admin:login"), {"username": login, "password": password, "next": "/admin/"}
    )


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/catalog/product/", "/admin/catalog/rating/", "/admin/catalog/producer/"],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_programme_staff_see_every_catalogue_page(client, demo):
    # given the demo staff login
    assert log_in(client, *STAFF_LOGIN).status_code == 302
    product = Product.objects.get(name="Chả rươi Tứ Kỳ")
    rating = Rating.objects.filter(status="certified").first()
    commune = AdministrativeUnit.objects.filter(producers__isnull=False).first()
    pages = [
        "/admin/",
        "/admin/catalog/product/",
        "/admin/catalog/product/?stars=4",
        "/admin/catalog/product/?stars=none&group=1",
        f"/admin/catalog/product/?area={commune.pk}",
        "/admin/catalog/product/?q=cha+ruoi",
        f"/admin/catalog/product/{product.pk}/change/",
        "/admin/catalog/rating/",
        "/admin/catalog/rating/?expiring=soon",
        "/admin/catalog/rating/?status=revoked",
        f"/admin/catalog/rating/{rating.pk}/change/",
        "/admin/catalog/rating/add/",
        "/admin/catalog/producer/",
        "/admin/catalog/producer/?district=" + str(commune.parent_id),
        "/admin/catalog/administrativeunit/?valid=now",
        "/admin/catalog/productgroup/",
        "/admin/catalog/legacyproductset/",
        "/admin/catalog/ruleset/",
        "/admin/catalog/dossieritem/?review_status=missing",
        "/admin/channels/channel/",
        "/admin/channels/variantchannellisting/",
        "/admin/warehouses/warehouse/",
        "/admin/warehouses/stock/",
        "/admin/shipping/deliveryrate/",
        "/admin/orders/order/",
        f"/admin/orders/order/{Order.objects.first().pk}/change/",
        "/admin/orders/producerorder/?status=delivered",
        "/admin/orders/commissionrule/",
        "/admin/payments/payment/?gateway=vietqr",
        "/admin/payments/banktransfer/",
        "/admin/payments/banktransfer/upload/",
        "/admin/events/event/",
    ]

    # then every page renders
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page


def test_the_product_list_shows_derived_stars(client, demo):
    # given the demo, whose 4-star certificates run until 2028 at least
    today = timezone.localdate()
    four_stars = {
        product.name
        for product in Product.objects.all()
        if (certificate := current_certificate(product, today)) and certificate.stars == 4
    }
    log_in(client, *STAFF_LOGIN)

    response = client.get("/admin/catalog/product/?stars=4")

    names = {product.name for product in response.context["cl"].result_list}
    assert names == four_stars
    assert names  # the demo holds 4-star certificates valid into 2029
    assert "Bánh đa nem Hà Thanh" not in names  # its certificate expired in 2023


def test_expiring_soon_lists_certificates_ending_within_the_notice_period(client, demo, settings):
    today = timezone.localdate()
    expected = set(
        certificates_expiring_within(settings.CERTIFICATE_EXPIRY_NOTICE_DAYS, today).values_list(
            "pk", flat=True
        )
    )
    log_in(client, *STAFF_LOGIN)

    response = client.get("/admin/catalog/rating/?expiring=soon")

    assert {rating.pk for rating in response.context["cl"].result_list} == expected
    for rating in response.context["cl"].result_list:
        assert today <= rating.valid_to <= today + timedelta(days=90)


def test_the_admin_speaks_vietnamese_by_default_and_english_on_request(client, demo):
    log_in(client, *STAFF_LOGIN)
    vietnamese = client.get("/admin/catalog/product/").content.decode()
    english = client.get("/admin/catalog/product/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hạng sao hiện tại" in vietnamese
    assert "Current stars" in english


def test_a_producer_user_cannot_use_the_admin(client, demo):
    response = log_in(client, *PRODUCER_LOGIN)
    assert response.status_code == 200  # the login form again, with an error
    assert client.get("/admin/catalog/product/").status_code == 302


def test_a_producer_user_logs_in_with_email_or_phone(client, demo):
    from django.contrib.auth import authenticate

    assert authenticate(username=PRODUCER_LOGIN[0], password=PRODUCER_LOGIN[1]) is not None
    assert authenticate(username="0912 345 001", password=PRODUCER_LOGIN[1]) is not None
    assert authenticate(username="0912345001", password="wrong") is None


ENGLISH_UI = re.compile(
    r"\b(Skip to main content|Toggle theme|Show counts|Hide counts|Add|Change|Delete|Search|"
    r"Filter|Action|Go|Save|History|View site|Log out|Home|Yes|No|All|Name|Code|Status|"
    r"Product|Producer|Group|Price|Stock|Stars|Created|Updated|Select)\b"
)


def _visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", text)


def test_the_admin_in_vietnamese_has_no_english_interface_words(client, demo):
    log_in(client, *STAFF_LOGIN)
    product = Product.objects.get(name="Chả rươi Tứ Kỳ")
    pages = [
        "/admin/",
        "/admin/catalog/product/",
        f"/admin/catalog/product/{product.pk}/change/",
        "/admin/catalog/rating/",
        "/admin/catalog/producer/",
        "/admin/orders/order/",
        "/admin/warehouses/stock/",
    ]
    found = {}
    for page in pages:
        text = _visible_text(client.get(page).content.decode())
        words = sorted(set(ENGLISH_UI.findall(text)))
        if words:
            found[page] = words
    assert found == {}
    assert "Thêm vào" not in _visible_text(client.get("/admin/catalog/product/").content.decode())
