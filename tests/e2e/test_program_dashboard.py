"""Programme staff read the dashboard in Chromium: progress, charts, drill-down, report."""

import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.checkout import services as checkout_services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.services import AddressInput
from marketplace.orders import services as orders
from program.models import SalesLedgerEntry
from tests.e2e.conftest import screenshot, serious_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, login: str, password: str) -> None:
    page.goto("/tai-khoan/login/?next=/chuong-trinh/")
    page.get_by_label("Email hoặc số điện thoại").fill(login)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def pay_cod_order(sku: str, quantity: int):
    """A customer's COD order, shipped and delivered: paid, as the producer records it."""
    checkout = checkout_services.create_checkout(
        Channel.objects.get(slug="default-channel"), email="lan@example.vn"
    )
    variant = ProductVariant.objects.get(sku=sku)
    checkout_services.add_lines(checkout, [(variant, quantity)])
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
    part_producer = variant.product.producer
    rate = part_producer.delivery_rates.first()
    checkout_services.set_delivery(checkout, part_producer, rate=rate)
    order = complete_checkout(checkout, "cod")
    part = order.producer_orders.get()
    orders.fulfil(part, tracking_code="VN-E2E")
    orders.mark_delivered(part)
    return order


def check_charts(page) -> None:
    time_chart = page.get_by_test_id("time-chart")
    columns = time_chart.locator("rect")
    expect(columns).to_have_count(12)
    heights = [columns.nth(i).bounding_box()["height"] for i in range(12)]
    assert [i + 1 for i, h in enumerate(heights) if h > 2] == [7, 8, 9, 11], heights
    labels = time_chart.locator("text").all_text_contents()
    assert labels == ["01/23", "03/23", "05/23", "07/23", "09/23", "11/23"]  # every other
    assert columns.nth(9).locator("title").text_content().startswith("10/23: 0")
    for name in ("Theo kênh", "Theo xã / phường", "Chủ thể dẫn đầu", "Sản phẩm dẫn đầu"):
        region = page.get_by_role("region", name=name)
        bars = region.locator("svg.chart rect")
        rows = region.locator("table tbody tr").count()
        expect(bars).to_have_count(rows)
        chart = region.locator("svg.chart").bounding_box()
        assert chart["height"] >= rows * 10, (name, chart)
        for index in range(rows):
            bar = bars.nth(index).bounding_box()
            label = region.locator("svg.chart text.label").nth(index).bounding_box()
            assert bar["width"] >= 1 and bar["height"] >= 8, (name, bar)
            assert label["y"] + label["height"] <= bar["y"] + 1, (name, label, bar)  # above it
            assert label["width"] > 2 * label["height"], (name, label)  # a name, not a letter


def test_staff_follow_the_plan_and_see_a_new_sale_once(page):
    # Given programme staff signed in
    sign_in(page, "canbo@ocop.demo", "demo-canbo-2023")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điều khiển Chương trình")
    # When they choose the plan's year, 2023
    page.get_by_label("Từ ngày").fill("2023-01-01")
    page.get_by_label("Đến ngày").fill("2023-12-31")
    page.get_by_role("button", name="Áp dụng").click()
    # Then the plan's targets show what is met and what is not
    targets = page.get_by_test_id("targets")
    expect(targets.locator("tr[data-metric=inspections] .status")).to_have_text("đạt")
    expect(targets.locator("tr[data-metric=newly_certified] .status")).to_have_text("chưa đạt")
    expect(page.get_by_test_id("total-gross")).to_have_text("39.900.000\u00a0₫")
    # And the charts are drawn: a column for every month of 2023 (sales in Jul, Aug, Sep
    # and Nov), and bars beside their labels in the channel, commune, producer and product
    # charts, one per row of their tables
    screenshot(page, "programme-dashboard-2023")
    check_charts(page)
    assert serious_accessibility_violations(page) == []
    # And a producer's figure opens onto the ledger rows behind it
    producers = page.get_by_role("region", name="Chủ thể dẫn đầu")
    producers.get_by_role("link", name="Xem giao dịch").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sổ doanh số")
    expect(page.get_by_test_id("ledger-rows").locator("tbody tr").first).to_be_visible()
    assert serious_accessibility_violations(page) == []

    # When a customer's COD order is delivered (paid) today ("(none)": this year so far)
    page.goto("/chuong-trinh/?plan=")
    before = Decimal(re.sub(r"\D", "", page.get_by_test_id("total-gross").inner_text()) or 0)
    order = pay_cod_order("TK-04-1", 2)
    page.reload()
    # Then the dashboard's total grows by the goods, once
    line_total = order.lines.get().total
    grown = before + line_total
    expect(page.get_by_test_id("total-gross")).to_have_text(
        f"{int(grown):,}\u00a0₫".replace(",", ".")
    )
    assert SalesLedgerEntry.objects.filter(order_line__order=order).count() == 1

    # And the year's XLSX report has the same total as the dashboard
    page.goto("/chuong-trinh/bao-cao/")
    page.get_by_label("Kỳ").select_option("year")
    order.refresh_from_db()
    page.get_by_label("Năm").fill(str(order.paid_at.year))
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải XLSX").click()
    assert download.value.suggested_filename == f"bao-cao-ocop-{order.paid_at.year}.xlsx"
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    summary = {row[0]: row[1] for row in book["Tong hop"].iter_rows(values_only=True) if row}
    assert Decimal(summary["Doanh thu (đã trừ hoàn tiền) / Revenue net of refunds (₫)"]) == grown
