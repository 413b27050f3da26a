"""A new visitor's journeys through the shop, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from marketplace.orders.models import Order
from tests.e2e.conftest import serious_accessibility_violations
from tests.e2e.helpers import add_to_cart, check_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def assert_accessible(page) -> None:
    assert serious_accessibility_violations(page) == [], page.url


def test_search_filter_buy_two_producers_with_cod(page):
    # Given a new visitor on the home page
    page.goto("/")
    assert_accessible(page)
    # When they search without diacritics, the rice is found
    page.get_by_label("Tìm sản phẩm").fill("gao nep")
    page.get_by_label("Tìm sản phẩm").press("Enter")
    expect(page.get_by_role("link", name="Gạo nếp cái hoa vàng", exact=True)).to_be_visible()
    assert_accessible(page)
    # And filtering to four stars keeps only 4★ and 5★ products, the rice among them
    page.locator("details.sheet > summary").click()
    page.get_by_label("Số sao tối thiểu").select_option("4")
    page.get_by_role("button", name="Xem kết quả").click()
    expect(page).to_have_url(re.compile(r"stars=4"))
    labels = page.locator("#results .stars").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('aria-label'))"
    )
    assert labels and all(("4 sao" in label or "5 sao" in label) for label in labels)
    # Then the product page shows its certificate and a tourism point
    page.get_by_role("link", name="Gạo nếp cái hoa vàng", exact=True).click()
    expect(page.get_by_test_id("certificate-number")).to_have_text(re.compile(r"\S+"))
    expect(page.get_by_role("link", name="Điểm trưng bày OCOP Đình làng Tứ Kỳ")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Thêm vào giỏ").click()
    # And a second producer's product goes in the cart too
    add_to_cart(page, "mat-ong-hoa-nhan-dai-son")
    page.goto("/gio-hang/")
    expect(page.locator("section.part")).to_have_count(2)
    expect(page.get_by_test_id("cart-count")).to_have_text("2")
    assert_accessible(page)
    page.get_by_role("link", name="Thanh toán").click()
    assert_accessible(page)
    check_out(page, "Thanh toán khi nhận hàng (COD)")
    # Then the confirmation shows the order, split between the two producers
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cảm ơn bạn!")
    order = Order.objects.get(email="thu@example.vn")
    assert order.producer_orders.count() == 2
    assert sorted(order.lines.values_list("product_name", flat=True)) == sorted(
        ["Gạo nếp cái hoa vàng", "Mật ong hoa nhãn Đại Sơn"]
    )
    expect(page.get_by_test_id("payment-status")).to_have_text(
        "thanh toán khi nhận hàng – đang chờ"
    )


def test_tourism_points_list_map_and_point_page(page):
    # Given the tourism list
    page.goto("/diem-du-lich/")
    # Then the list names every open point and the map draws a marker for each
    expect(page.locator(".pointlist > li")).to_have_count(4)
    expect(page.locator(".leaflet-marker-icon")).to_have_count(4)
    assert_accessible(page)
    # When a point is opened, it lists its products, pickup stock and directions
    page.get_by_role("link", name="Làng nghề mây tre đan Phượng Kỳ").first.click()
    expect(page.get_by_role("link", name="Giỏ mây tre đan Phượng Kỳ")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ sẵn để nhận")).first).to_be_visible()
    expect(page.get_by_role("link", name="Chỉ đường (OpenStreetMap)")).to_have_attribute(
        "href", re.compile(r"openstreetmap\.org/directions")
    )
    assert_accessible(page)


def test_switching_to_english_keeps_the_page(page):
    page.goto("/san-pham/gao-nep-cai-hoa-vang/")
    page.locator(".drawer > summary").click()  # the language switch is in the menu
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/san-pham/gao-nep-cai-hoa-vang/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Yellow-flower glutinous rice")
    expect(page.get_by_role("button", name="Add to cart")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_keyboard_alone_can_add_to_the_cart(page):
    page.goto("/san-pham/gao-nep-cai-hoa-vang/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Chuyển đến nội dung")).to_be_focused()
    add = page.get_by_role("button", name="Thêm vào giỏ")
    for _ in range(40):  # tab through the page until the button has the focus
        page.keyboard.press("Tab")
        if add.evaluate("button => button === document.activeElement"):
            break
    expect(add).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".msg.success")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
