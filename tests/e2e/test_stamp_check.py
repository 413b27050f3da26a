"""The traceability issue's "done when", in Chromium on a phone: issue stamps for a lot
and print them with the commands, decode a QR from the printed page, open its URL and
read the verdict, share a location, open it again, switch language, mistype a
character, invent a serial, then the producer recalls the lot and the stamp warns."""

import re
import subprocess
import time
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from marketplace.management.demo_users import PRODUCER_LOGIN
from tests.e2e.conftest import AXE, screenshot, serious_accessibility_violations
from tests.traceability.test_printing import cut_labels, decode_images
from traceability import serials
from traceability.models import Lot, Scan, Stamp
from traceability.printing.content import LabelSize

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
HAI_PHONG = {"latitude": 20.8561, "longitude": 106.6822}


def issue_and_print(lot, count: int, folder) -> list[str]:
    """`ocop stamps issue` and `ocop stamps print`, then the page as a scanner sees it."""
    issued = StringIO()
    call_command(
        "stamps",
        "issue",
        "--lot",
        lot.code,
        "--gtin",
        lot.variant.gtin,
        "--count",
        str(count),
        stdout=issued,
    )
    batch = re.search(r"batch (\d+):", issued.getvalue()).group(1)
    pdf = folder / "tem.pdf"
    call_command("stamps", "print", batch, "--pdf", str(pdf), stdout=StringIO())
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(folder / "page")], check=True)
    cells = folder / "cells"
    cells.mkdir()
    pages = sorted(folder.glob("page*.png"))
    return decode_images(
        [cell for page in pages for cell in cut_labels(page, LabelSize(), 200, cells)]
    )


def wait_for(condition, seconds: float = 10):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_printed_stamp_is_checked_on_a_phone_then_recalled(browser, shop, settings, tmp_path):
    settings.TRACE_BASE_URL = shop
    lot = (
        Lot.objects.filter(status="active", variant__product__producer__slug="htx-cha-ruoi-tu-ky")
        .select_related("variant")
        .first()
    )
    assert lot is not None, "the demo producer has an active lot"

    urls = issue_and_print(lot, 3, tmp_path)
    assert len(urls) == 3 and all(
        url.startswith(f"{shop}/01/{lot.variant.gtin}/10/") for url in urls
    )
    url = urls[0]
    serial = url.rsplit("/", 1)[1]
    stamp = Stamp.objects.get(serial=serial)

    phone = browser.new_context(
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        geolocation=HAI_PHONG,
        permissions=["geolocation"],
        base_url=shop,
    )
    phone.route("**/__axe.js", lambda route: route.fulfill(path=str(AXE)))
    page = phone.new_page()
    page.set_default_timeout(15_000)

    # The first scan: genuine, first verification, with the product and lot.
    page.goto(url)
    expect(page.get_by_role("status")).to_contain_text("Chính hãng, xác thực lần đầu")
    expect(page.locator("main")).to_contain_text(lot.code)
    expect(page.locator("main")).to_contain_text(serials.display(serial))
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Chia sẻ vị trí gần đúng").click()
    first_scan = Scan.objects.get(stamp=stamp)
    wait_for(lambda: Scan.objects.get(pk=first_scan.pk).latitude is not None)
    first_scan.refresh_from_db()
    assert (float(first_scan.latitude), float(first_scan.longitude)) == (20.86, 106.68)

    # Again: scanned once before; the English switch shows the same scan, not a new one.
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("đã được quét 1 lần trước đó")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("status")).to_contain_text("Genuine, scanned 1 time before")
    stamp.refresh_from_db()
    assert stamp.scan_count == 2

    # One character changed: the check character catches it. A random serial: unknown.
    position = 4
    other = next(c for c in serials.ALPHABET if c != serial[position])
    page.goto(url[: -len(serial)] + serial[:position] + other + serial[position + 1 :])
    expect(page.get_by_role("alert")).to_contain_text("Mã này bị gõ sai")
    # The page offers to type the code again, says what to do and whom to call
    retype = page.get_by_label("Mã in dưới mã QR")
    expect(retype).to_be_visible()
    expect(page.get_by_role("heading", name="Liên hệ Chương trình OCOP")).to_be_visible()
    screenshot(page, "stamp-mistyped-phone")
    retype.fill(serial.lower())
    page.get_by_role("button", name="Kiểm tra lại").click()
    expect(page.locator(".verdict")).to_contain_text("Chính hãng")
    page.goto(url[: -len(serial)] + serials.new_serial())
    expect(page.get_by_role("alert")).to_contain_text("Mã không xác định")

    # The producer recalls the lot in the portal; the stamp now warns.
    office = browser.new_context(locale="vi-VN", base_url=shop)
    desk = office.new_page()
    desk.goto(f"/tai-khoan/login/?next=/producer/lots/{lot.pk}/")
    desk.locator("#id_username").fill(PRODUCER_LOGIN[0])
    desk.locator("#id_password").fill(PRODUCER_LOGIN[1])
    desk.locator("form button[type=submit]").last.click()
    desk.get_by_label("Lý do (hiển thị cho mọi người mua quét tem của lô này)").fill(
        "Phát hiện nấm mốc trong kho"
    )
    desk.get_by_label(re.compile("Tôi hiểu rằng mọi tem của lô này")).check()
    desk.get_by_test_id("recall-lot").click()
    expect(desk.locator("main")).to_contain_text("Lượt quét từ khi thu hồi")

    page.goto(url)
    expect(page.get_by_role("alert")).to_contain_text("Lô hàng này đã bị thu hồi")
    expect(page.locator("main")).to_contain_text("Phát hiện nấm mốc trong kho")
    desk.reload()
    expect(desk.locator("main")).to_contain_text("1 lượt quét")
    expect(desk.locator("main")).to_contain_text(serial)
    office.close()
    phone.close()
