"""Product, producer and tourism pages; SEO files; security headers."""

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from catalog.models import Product
from marketplace.channels.models import ProductChannelListing
from tourism.models import ProductDisplay, TourismPoint
from tourism.services import points_displaying

pytestmark = pytest.mark.django_db


def json_ld(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def test_product_page_shows_price_certificate_lot_points_and_json_ld(client, demo):
    response = client.get("/san-pham/gao-nep-cai-hoa-vang/")
    body = response.content.decode()
    assert response.status_code == 200
    data = json_ld(response)
    assert data["@type"] == "Product" and data["name"] == "Gạo nếp cái hoa vàng"
    assert data["offers"][0]["priceCurrency"] == "VND"
    price = int(data["offers"][0]["price"])
    assert f"{price:,}".replace(",", ".") + "\u00a0₫" in body  # "120.000 ₫"
    certificate = Product.objects.get(slug="gao-nep-cai-hoa-vang").ratings.get(status="certified")
    assert certificate.certificate_number in body
    assert certificate.valid_to.strftime("%d/%m/%Y") in body
    assert 'href="/diem-du-lich/dinh-lang-tu-ky/"' in body
    assert 'aria-label="Đường dẫn"' in body  # breadcrumbs
    assert "/01/" in body  # link to the lot's traceability page


def test_an_unpublished_product_is_not_found(client, demo):
    ProductChannelListing.objects.filter(product__slug="gao-nep-cai-hoa-vang").update(
        is_published=False
    )
    assert client.get("/san-pham/gao-nep-cai-hoa-vang/").status_code == 404


def test_producer_page_tells_the_story_and_lists_products(client, demo):
    body = client.get("/chu-the/htx-nep-cai-hoa-vang/").content.decode()
    assert "HTX Nếp cái hoa vàng Quang Phục" in body
    assert "/san-pham/gao-nep-cai-hoa-vang/" in body and "Câu chuyện của chúng tôi" in body


def test_tourism_point_lists_its_products_with_pickup_stock(client, demo):
    body = client.get("/diem-du-lich/dinh-lang-tu-ky/").content.decode()
    assert "/san-pham/gao-nep-cai-hoa-vang/" in body
    assert re.search(r"\d+ sẵn để nhận", body)
    assert "openstreetmap.org/directions" in body


def test_planned_points_have_no_page_and_are_not_listed(client, demo):
    assert client.get("/diem-du-lich/hoi-cho-ocop-tu-ky-2027/").status_code == 404
    assert "hoi-cho-ocop-tu-ky-2027" not in client.get("/diem-du-lich/").content.decode()


def test_a_display_counts_only_between_its_dates(demo):
    rice = Product.objects.get(slug="gao-nep-cai-hoa-vang")
    point = TourismPoint.objects.get(slug="tram-dung-chan-ngoc-ky")
    ProductDisplay.objects.create(
        point=point, product=rice, since=date(2030, 1, 1), until=date(2030, 12, 31)
    )
    assert point not in points_displaying(rice, date(2029, 12, 31))
    assert point in points_displaying(rice, date(2030, 6, 1))
    assert point not in points_displaying(rice, date(2030, 12, 31) + timedelta(days=1))


def test_demo_points_and_products_are_linked_both_ways(demo):
    open_points = TourismPoint.objects.filter(status="open")
    assert open_points.count() >= 3
    for point in open_points:
        assert point.displays.exists() and point.warehouse.is_pickup_point


def test_favicon_ico_is_the_shops_icon(client):
    from PIL import Image

    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
    assert icon.convert("RGB").getpixel((1, 16)) == (0xA3, 0x10, 0x2A)  # the red of icon.svg


def test_robots_and_sitemap(client, demo):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /don-hang/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    # The cart stays out of the index by its own noindex, which a crawler can read
    assert "/gio-hang/" not in robots and "/thanh-toan/" not in robots
    assert '<meta name="robots" content="noindex">' in client.get("/gio-hang/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/san-pham/gao-nep-cai-hoa-vang/</loc>" in sitemap
    assert "<loc>http://testserver/diem-du-lich/dinh-lang-tu-ky/</loc>" in sitemap


def test_pages_carry_a_content_security_policy_and_a_canonical_url(client, demo):
    response = client.get("/san-pham/gao-nep-cai-hoa-vang/?utm_source=zalo")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' https://js.stripe.com" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert '<link rel="canonical" href="http://testserver/san-pham/gao-nep-cai-hoa-vang/">' in (
        response.content.decode()
    )


def test_dates_are_day_month_year_in_english_too(client, demo):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/san-pham/gao-nep-cai-hoa-vang/").content.decode()
    certificate = Product.objects.get(slug="gao-nep-cai-hoa-vang").ratings.get(status="certified")
    assert certificate.valid_from.strftime("%d/%m/%Y") in body
    assert "Add to cart" in body and 'lang="en"' in body


def test_the_shop_speaks_vietnamese_whatever_the_browser_prefers(client, demo):
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in body and "Sản phẩm OCOP, mua thẳng từ chủ thể" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_no_template_has_an_inline_script_the_policy_would_block():
    root = Path(__file__).resolve().parents[2]
    inline = []
    for template in root.glob("*/templates/storefront/**/*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text(encoding="utf-8")):
            if "src=" not in tag and "application/ld+json" not in tag:
                inline.append(f"{template.name}: {tag}")
    assert inline == []


def test_the_stamp_page_says_where_to_buy_online_and_at_tourism_points(client, demo):
    from traceability.models import Stamp

    stamp = Stamp.objects.filter(
        batch__lot__variant__product__slug="gao-nep-cai-hoa-vang", scan_count=0
    )[0]
    lot = stamp.batch.lot
    path = f"/01/{lot.variant.gtin}/10/{lot.code}/21/{stamp.serial}"

    body = client.get(path).content.decode()
    english = client.get(path, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en").json()

    assert 'href="/san-pham/gao-nep-cai-hoa-vang/"' in body
    assert 'href="/diem-du-lich/dinh-lang-tu-ky/"' in body
    point = TourismPoint.objects.get(slug="dinh-lang-tu-ky")
    assert english["product"]["shop_url"] == "/san-pham/gao-nep-cai-hoa-vang/"
    assert {
        "name": point.name_en or point.name,
        "url": "/diem-du-lich/dinh-lang-tu-ky/",
    }.items() <= (
        next(p for p in english["product"]["tourism_points"] if p["url"].endswith("tu-ky/")).items()
    )
