"""Steps a shopper takes, shared by the browser tests."""

import re

from playwright.sync_api import expect


def add_to_cart(page, slug: str) -> None:
    page.goto(f"/san-pham/{slug}/")
    page.get_by_role("button", name="Thêm vào giỏ").click()
    expect(page.locator(".msg.success")).to_be_visible()


def check_out(page, gateway_label: str) -> None:
    """From the cart to the order page: address, default delivery, then `gateway_label`."""
    page.goto("/gio-hang/")
    page.get_by_role("link", name="Thanh toán").click()
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Thu")
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_label("Email (để nhận biên nhận)").fill("thu@example.vn")
    page.get_by_label("Số nhà, đường, thôn").fill("Số 5 ngõ 12 Lạch Tray")
    page.get_by_label("Xã / phường").select_option("11074")
    page.get_by_role("button", name="Tiếp tục: cách nhận hàng").click()
    expect(page).to_have_url(re.compile(r"/thanh-toan/delivery$"))
    page.get_by_role("button", name="Tiếp tục: thanh toán").click()
    expect(page).to_have_url(re.compile(r"/thanh-toan/payment$"))
    page.get_by_label(gateway_label).check()
    page.get_by_role("button", name="Đặt hàng").click()
    expect(page).to_have_url(re.compile(r"/don-hang/[0-9a-f-]{36}/$"))
