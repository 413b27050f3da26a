"""The shop on a 390×844 phone, measured: what a shopper came for is in the first screen.
Each page is photographed into var/screenshots/ for review (phone-<lang>-<page>.png)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 390, 844
WORDS = {
    "vi": {
        "menu": "Menu",
        "points": "Điểm du lịch",
        "language": "English",
        "add": "Thêm vào giỏ",
        "filters": "Lọc và sắp xếp",
        "stars": "Số sao tối thiểu",
        "buy": "Mua ngay",
    },
    "en": {
        "menu": "Menu",
        "points": "Tourism points",
        "language": "Tiếng Việt",
        "add": "Add to cart",
        "filters": "Filter and sort",
        "stars": "Minimum stars",
        "buy": "Buy now",
    },
}


def until(page, script: str) -> None:
    """Wait until `script` is true in the page (wait_for_function evaluates strings,
    which the shop's Content Security Policy forbids)."""
    for _ in range(50):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not laid out"
    return found


def in_first_screen(locator) -> None:
    """Wholly inside the first 390×844 screen, below the sticky header."""
    expect(locator).to_be_visible()
    found, header = box(locator), box(locator.page.locator("header.top"))
    assert found["y"] >= header["y"] + header["height"] - 1, (locator, found, header)
    assert found["y"] + found["height"] <= HEIGHT, (locator, found)
    assert found["x"] >= 0 and found["x"] + found["width"] <= WIDTH, (locator, found)


@pytest.fixture(params=["vi", "en"])
def phone(request, browser, shop):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": WIDTH, "height": HEIGHT}, base_url=shop
    )
    host = shop.split("//")[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": request.param, "domain": host, "path": "/"}]
    )
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    opened.lang = request.param
    errors = []
    opened.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    yield opened
    context.close()
    assert errors == [], errors


def test_header_is_one_compact_sticky_row_with_a_drawer(phone):
    words = WORDS[phone.lang]
    phone.goto("/")
    header = phone.locator("header.top")
    assert box(header)["height"] <= HEIGHT / 8
    for part in ("#site-search", "[data-testid=cart-count]", ".brand"):
        inside = box(header.locator(part))
        assert inside["y"] >= 0 and inside["y"] + inside["height"] <= box(header)["height"] + 1
    # The menu and the language switch wait in the drawer
    points = header.get_by_role("link", name=words["points"])
    expect(points).to_be_hidden()
    header.locator(".drawer > summary").click()
    expect(points).to_be_visible()
    expect(header.get_by_role("button", name=words["language"])).to_be_visible()
    screenshot(phone, f"phone-{phone.lang}-menu")
    header.locator(".drawer > summary").click()
    expect(points).to_be_hidden()
    # The header stays at the top while the page scrolls
    phone.mouse.wheel(0, 1500)
    until(phone, "window.scrollY > 500")
    assert abs(box(header)["y"]) < 1
    screenshot(phone, f"phone-{phone.lang}-home")


def test_search_results_come_first_with_a_filter_sheet_and_chips(phone):
    words = WORDS[phone.lang]
    phone.goto("/san-pham/?q=gao+nep&stars=3")
    first = phone.locator("#results .product-card").first
    in_first_screen(first)
    stars = phone.get_by_label(words["stars"])
    expect(stars).to_be_hidden()
    # Active filters are chips; removing one keeps the others
    chips = phone.locator(".chips .chip")
    expect(chips.filter(has_text="“gao nep”")).to_be_visible()
    expect(chips.filter(has_text="3★+")).to_be_visible()
    screenshot(phone, f"phone-{phone.lang}-search")
    chips.filter(has_text="3★+").click()
    expect(phone).to_have_url(re.compile(r"\?q=gao\+nep$"))
    expect(phone.locator(".chips .chip")).to_have_count(1)
    # The sheet opens from its button, fits the screen, and applying a filter closes it
    phone.locator("details.sheet > summary").click()
    expect(stars).to_be_visible()
    sheet = box(phone.locator("details.sheet"))
    assert sheet["y"] >= 0 and sheet["y"] + sheet["height"] <= HEIGHT + 1
    screenshot(phone, f"phone-{phone.lang}-filters")
    stars.select_option("4")
    phone.locator("details.sheet button[type=submit]").click()
    expect(stars).to_be_hidden()
    expect(phone).to_have_url(re.compile(r"stars=4"))
    expect(phone.locator(".chips .chip").filter(has_text="4★+")).to_be_visible()
    in_first_screen(phone.locator("#results .product-card").first)


def test_product_page_shows_price_stars_producer_and_button_first(phone):
    words = WORDS[phone.lang]
    phone.goto("/san-pham/gao-nep-cai-hoa-vang/")
    buy = phone.locator(".buy")
    for part in (
        buy.get_by_test_id("price"),
        buy.locator(".summary .stars"),
        buy.get_by_test_id("producer"),
        buy.get_by_role("button", name=words["add"]),
    ):
        in_first_screen(part)
    # The gallery has a thumbnail per photo; a thumbnail brings its photo into view
    expect(phone.locator(".thumbs a")).to_have_count(2)
    phone.locator(".thumbs a").nth(1).click()
    until(phone, "document.querySelector('.slides').scrollLeft > 100")
    # The buy bar waits while the button is in sight, and stays at hand further down
    bar = phone.locator("#buybar")
    expect(bar).to_be_hidden()
    screenshot(phone, f"phone-{phone.lang}-product")
    phone.locator("#others-title").scroll_into_view_if_needed()
    expect(bar).to_be_visible()
    until(phone, "document.getElementById('buybar').getBoundingClientRect().bottom <= innerHeight")
    found = box(bar)
    assert found["y"] + found["height"] <= HEIGHT + 1 and found["y"] >= HEIGHT - 100
    # The bottom of the page: the producer's other products and where to see this one
    expect(phone.locator("#others-title + .grid .product-card")).to_have_count(3)
    expect(phone.locator("#points-title ~ ul.points li").first).to_be_visible()
    screenshot(phone, f"phone-{phone.lang}-product-bottom")
    bar.get_by_role("button", name=words["buy"]).click()
    expect(phone).to_have_url(re.compile(r"/gio-hang/$"))
    expect(phone.get_by_test_id("cart-count")).to_have_text("1")
    screenshot(phone, f"phone-{phone.lang}-cart")


def test_everything_works_without_javascript(browser, shop):
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": WIDTH, "height": HEIGHT},
        base_url=shop,
        java_script_enabled=False,
    )
    page = context.new_page()
    page.goto("/san-pham/?q=gao+nep")
    page.locator(".drawer > summary").click()
    expect(page.get_by_role("link", name="Điểm du lịch")).to_be_visible()
    page.locator(".drawer > summary").click()
    page.locator("details.sheet > summary").click()
    page.get_by_label("Số sao tối thiểu").select_option("5")
    page.locator("details.sheet button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"stars=5"))
    expect(page.get_by_label("Số sao tối thiểu")).to_be_hidden()  # a new page: sheet closed
    expect(page.locator(".chips .chip").filter(has_text="5★")).to_be_visible()
    page.goto("/san-pham/cha-ruoi-tu-ky/")
    page.locator(".thumbs a").nth(1).click()
    expect(page).to_have_url(re.compile(r"#photo-2$"))
    page.locator("#buybar").get_by_role("button", name="Mua ngay").click()
    expect(page).to_have_url(re.compile(r"/gio-hang/$"))
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    context.close()


def test_desktop_keeps_two_columns_and_an_open_menu(browser, shop):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 800}, base_url=shop
    )
    page = context.new_page()
    page.goto("/san-pham/gao-nep-cai-hoa-vang/")
    gallery, buy = box(page.locator(".gallery")), box(page.locator(".buy"))
    assert buy["x"] >= gallery["x"] + gallery["width"] - 1 and abs(buy["y"] - gallery["y"]) < 50
    expect(page.get_by_role("link", name="Điểm du lịch").first).to_be_visible()
    expect(page.locator("#buybar")).to_be_hidden()
    screenshot(page, "desktop-vi-product")
    page.goto("/san-pham/?q=gao+nep")
    expect(page.get_by_label("Số sao tối thiểu")).to_be_visible()  # filters in a sidebar
    filters, results = box(page.locator("form.filters")), box(page.locator("#results"))
    assert results["x"] >= filters["x"] + filters["width"] - 1
    screenshot(page, "desktop-vi-search")
    context.close()
