"""A fair stall's tablet sells with the network cut, then syncs each sale exactly once."""

import json
import re

import pytest
from playwright.sync_api import expect

from marketplace.kiosk.models import KioskDevice, KioskSale
from marketplace.kiosk.sync import sale_code
from marketplace.orders.models import Order
from marketplace.payments import vietqr
from marketplace.payments.reconciliation import reconcile
from program.models import SalesLedgerEntry
from tests.e2e.conftest import AXE, serious_accessibility_violations
from tests.e2e.test_payments import card_settings  # noqa: F401
from tourism.kiosk_demo import load_kiosks
from tourism.models import TourismPoint
from traceability.models import Scan, Stamp

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def tablet(browser, shop):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1024, "height": 768}, base_url=shop
    )
    context.route("**/__axe.js", lambda route: route.fulfill(path=str(AXE)))
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def unlock(page, pin: str) -> None:
    page.get_by_label("Mã PIN").fill(pin)
    page.get_by_role("button", name="Mở khoá").click()
    expect(page.get_by_role("heading", name="Giỏ hàng")).to_be_visible()


def tap(page, sku_name: str) -> None:
    page.locator("button.tile", has_text=sku_name).first.click()


def test_sell_three_items_offline_then_sync_once(tablet):
    page = tablet
    _, token, pin = next(k for k in load_kiosks() if "Đình làng" in k[0])
    point = TourismPoint.objects.get(slug="dinh-lang-tu-ky")
    # Given a registered tablet, set up with its printed token and unlocked with its PIN
    page.goto("/kiosk/")
    page.get_by_label("Mã thiết bị (in trên phiếu đăng ký)").fill(token)
    page.get_by_role("button", name="Kết nối").click()
    page.get_by_label("Mã PIN").fill("000000")
    page.get_by_role("button", name="Mở khoá").click()
    expect(page.get_by_text("Sai mã PIN.")).to_be_visible()
    unlock(page, pin)
    assert serious_accessibility_violations(page) == []
    page.evaluate("navigator.serviceWorker.ready")

    # When the network drops, the app still opens from the cache
    page.context.set_offline(True)
    page.reload()
    unlock(page, pin)
    expect(page.locator("#net")).to_have_text("Mất mạng – vẫn bán được")
    # And it sells: cash with change, VietQR drawn on the device, cash again
    tap(page, "Chả rươi Tứ Kỳ")
    page.get_by_role("button", name="Tiền mặt").click()
    page.get_by_label("Khách đưa (₫)").fill("500000")
    expect(page.get_by_test_id("cash-change")).not_to_have_text("0\u00a0₫")
    page.get_by_role("button", name="Xác nhận bán").click()
    expect(page.get_by_role("heading", name="Hoá đơn")).to_be_visible()
    expect(page.locator("#receipt-body .traceqr svg")).to_have_count(1)
    # the receipt names the VAT in the price (chả rươi: processed food, 8 %)
    expect(page.locator("#receipt-body .vat")).to_contain_text("Trong đó thuế GTGT 8%:")
    page.get_by_role("button", name="Đơn mới").click()

    tap(page, "Gạo nếp cái hoa vàng")
    page.get_by_role("button", name="Chuyển khoản VietQR").click()
    payload = page.get_by_test_id("vietqr").locator("svg").get_attribute("data-payload")
    note = page.locator("#qr-note").inner_text()
    page.get_by_role("button", name="Khách đã chuyển – xong").click()
    page.get_by_role("button", name="Đơn mới").click()

    tap(page, "Mật ong hoa nhãn")
    page.get_by_role("button", name="Tiền mặt").click()
    page.get_by_label("Khách đưa (₫)").fill("1000000")
    page.get_by_role("button", name="Xác nhận bán").click()
    page.get_by_role("button", name="Đơn mới").click()

    # Then three sales wait on the device and none reached the server
    expect(page.locator("#queue li[data-status=pending]")).to_have_count(3)
    assert KioskSale.objects.count() == 0

    # When the network returns, the queue syncs by itself
    page.context.set_offline(False)
    expect(page.locator("#queue li[data-status=synced]")).to_have_count(3, timeout=30_000)
    expect(page.locator("#queue-summary")).to_have_text(re.compile(r"0 chờ gửi · 3 đã đồng bộ"))

    # Then each sale is one order of the point's kiosk channel
    sales = KioskSale.objects.select_related("order")
    assert sales.count() == 3
    assert {sale.order.channel_id for sale in sales} == {point.channel_id}
    assert Order.objects.filter(channel=point.channel).count() == 3
    # And the VietQR code the tablet drew is the server's, with the sale's code as the note
    qr_sale = sales.get(payment_method="vietqr")
    assert note == sale_code(qr_sale.sale_id)
    assert payload == vietqr.build_payload(
        bank_bin="970436", account="0011001234567", amount=qr_sale.order.total, note=note
    )
    # And the cash sales are in the programme's ledger, at this point; the transfer joins
    # it once the bank statement is reconciled
    ledger = SalesLedgerEntry.objects.filter(order_line__order__kiosk_sale__isnull=False)
    assert ledger.count() == 2
    assert set(ledger.values_list("sales_point_id", flat=True)) == {point.pk}
    [transfer] = reconcile(
        f"reference,date,amount,note\nFT9,29/11/2026,{int(qr_sale.order.total)},{note}\n".encode()
    )
    assert transfer.outcome == "matched", (transfer.outcome, transfer.payment_id)
    assert ledger.count() == 3

    # And a second sync of the same queue changes nothing
    page.evaluate("window.ocopKiosk.syncNow()")
    assert KioskSale.objects.count() == 3


def test_a_card_sale_is_paid_online_and_booked_once(browser, shop, card_settings):  # noqa: F811
    # Given the tablet of a point whose channel takes cards, online
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1024, "height": 768}, base_url=shop
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    _, token, pin = next(k for k in load_kiosks() if "Đình làng" in k[0])
    page.goto("/kiosk/")
    page.get_by_label("Mã thiết bị (in trên phiếu đăng ký)").fill(token)
    page.get_by_role("button", name="Kết nối").click()
    unlock(page, pin)
    # When the operator sells by card, the order's page takes the card through Stripe.js
    tap(page, "Chả rươi Tứ Kỳ")
    page.get_by_role("button", name="Thẻ (cần mạng)").click()
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill("4242424242424242")
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("30")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10000")
    page.get_by_role("button", name=re.compile(r"^Thanh toán \d")).click()
    # Then the signed webhook marks it paid, once, in the ledger at the point
    expect(page.get_by_test_id("payment-status")).to_have_text("đã thanh toán", timeout=20_000)
    sale = KioskSale.objects.select_related("order").get()
    assert (sale.payment_method, sale.order.charge_status) == ("stripe", "full")
    point = TourismPoint.objects.get(slug="dinh-lang-tu-ky")
    entries = SalesLedgerEntry.objects.filter(order_line__order=sale.order)
    assert entries.count() == 1 and entries.get().sales_point_id == point.pk
    # And the operator goes back to the stall
    page.get_by_test_id("back-to-kiosk").click()
    expect(page.get_by_label("Mã PIN")).to_be_visible()
    context.close()


# The tablet's camera, faked: a canvas stream, and a detector that reads `raw` at once.
FAKE_CAMERA = """
window.BarcodeDetector = class { async detect() { return [{ rawValue: %s }]; } };
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement("canvas");
  const paint = canvas.getContext("2d");
  setInterval(() => paint.fillRect(0, 0, Math.random() * 300, 150), 50);
  return canvas.captureStream(20);
};
"""


def test_a_stamp_scanned_at_the_stall_opens_its_lot_here_and_is_not_counted(tablet, shop, settings):
    settings.TRACE_BASE_URL = shop
    stamp = Stamp.objects.filter(scan_count=0).select_related("batch__lot__variant").first()
    lot = stamp.batch.lot
    # A code naming another domain: the kiosk still checks it on the programme's resolver.
    raw = f"https://tem-gia.example/01/{lot.variant.gtin}/10/{lot.code}/21/{stamp.serial}"
    scans = Scan.objects.count()
    page = tablet
    page.context.add_init_script(FAKE_CAMERA % json.dumps(raw))
    _, token, pin = next(k for k in load_kiosks() if "Đình làng" in k[0])
    page.goto("/kiosk/")
    page.get_by_label("Mã thiết bị (in trên phiếu đăng ký)").fill(token)
    page.get_by_role("button", name="Kết nối").click()
    unlock(page, pin)

    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Quét tem").click()
    lot_page = opened.value
    lot_page.wait_for_load_state()

    assert lot_page.url == f"{shop}/01/{lot.variant.gtin}/10/{lot.code}"
    expect(lot_page.locator("main")).to_contain_text(lot.code)
    assert Scan.objects.count() == scans
    stamp.refresh_from_db()
    assert stamp.scan_count == 0


def test_tiles_follow_the_stock_and_fill_an_800px_tablet(browser, shop):
    from marketplace.warehouses.services import set_stock
    from tests.e2e.conftest import screenshot

    # Given a point's tablet, 800 px wide, with 2 jars of honey and 5 packs of rice left
    name, token, pin = next(k for k in load_kiosks() if "Đình làng" in k[0])
    device = KioskDevice.objects.get(name=name)
    honey = device.warehouse.stocks.select_related("variant").get(
        variant__product__name__startswith="Mật ong hoa nhãn"
    )
    rice = device.warehouse.stocks.select_related("variant").get(
        variant__product__name__startswith="Gạo nếp cái hoa vàng"
    )
    set_stock(device.warehouse, honey.variant, 2, reason="kiểm kê")
    set_stock(device.warehouse, rice.variant, 5, reason="kiểm kê")
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 800, "height": 1280}, base_url=shop
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/kiosk/")
    page.get_by_label("Mã thiết bị (in trên phiếu đăng ký)").fill(token)
    page.get_by_role("button", name="Kết nối").click()
    unlock(page, pin)

    # Then the tiles use the tablet's width
    grid = page.locator("#products").bounding_box()
    assert grid["width"] >= 0.9 * 800 - 40, grid
    honey_tile = page.locator("button.tile", has_text="Mật ong hoa nhãn").first
    rice_tile = page.locator("button.tile", has_text="Gạo nếp cái hoa vàng").first
    expect(honey_tile.locator(".stock")).to_have_text("còn 2")

    # When two jars are in the cart, the tile cannot add a third
    honey_tile.click()
    honey_tile.click()
    expect(honey_tile).to_be_disabled()
    rice_tile.click()
    page.context.set_offline(True)
    page.get_by_role("button", name="Tiền mặt").click()
    page.get_by_label("Khách đưa (₫)").fill("2000000")
    page.get_by_role("button", name="Xác nhận bán").click()
    page.get_by_role("button", name="Đơn mới").click()

    # Then, offline, the sold-out tile says so and stays disabled; the rice counts down
    expect(honey_tile.locator(".stock")).to_have_text("Hết hàng")
    expect(honey_tile).to_be_disabled()
    expect(rice_tile.locator(".stock")).to_have_text("còn 4")
    screenshot(page, "kiosk-800px-after-sale")

    # And after the sync the server's stock agrees
    page.context.set_offline(False)
    expect(page.locator("#queue li[data-status=synced]")).to_have_count(1, timeout=30_000)
    expect(rice_tile.locator(".stock")).to_have_text("còn 4")
    expect(honey_tile).to_be_disabled()
    assert device.warehouse.stocks.get(variant=honey.variant).quantity == 0
    context.close()
