"""The consumer's journey: scan a stamp, scan again, mistype, invent, recall."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from tests.traceability.conftest import path_of
from traceability import serials
from traceability.models import CounterfeitFlag, Scan
from traceability.services.lots import recall_lot, scans_after_recall
from traceability.services.stamps import issue_batch, void_range
from traceability.services.verification import attach_location, scan_token


@pytest.fixture
def stamp(make_lot):
    return issue_batch(make_lot(), 5).stamps.order_by("pk").first()


def test_first_scan_is_genuine_then_it_counts_earlier_scans(client, stamp):
    first = client.get(path_of(stamp))
    second = client.get(path_of(stamp))

    assert first.status_code == 200
    assert "Chính hãng, xác thực lần đầu" in first.content.decode()
    page = second.content.decode()
    assert "đã được quét 1 lần trước đó" in page
    assert date.today().strftime("%d/%m/%Y") in page
    stamp.refresh_from_db()
    assert stamp.scan_count == 2


def test_the_page_shows_what_the_law_requires(client, stamp):
    product = stamp.batch.lot.variant.product
    unbranded = client.get(path_of(stamp), HTTP_ACCEPT="application/json").json()
    product.brand = "Cá Cơm Vàng Cát Hải"
    product.save()
    cache.clear()  # the page's data is cached for five minutes per lot
    page = client.get(path_of(stamp)).content.decode()
    assert unbranded["product"]["brand"] == product.producer.name  # the label's fallback
    for text in [
        "Cá Cơm Vàng Cát Hải",
        product.name,
        product.producer.name,
        product.producer.street_address,
        "01/03/2024",  # the production date, as Vietnamese write dates
        stamp.batch.lot.variant.gtin_display,
        serials.display(stamp.serial),
        "2500",  # the shelf life, in days
        stamp.batch.lot.code,
        "Nhà thùng Nguyên Giáp",
    ]:
        assert text in page, text


def test_one_changed_character_is_caught_as_a_typo(client, stamp):
    position = 5
    other = next(c for c in serials.ALPHABET if c != stamp.serial[position])
    typo = stamp.serial[:position] + other + stamp.serial[position + 1 :]

    response = client.get(path_of(stamp, typo), HTTP_ACCEPT="application/json")

    assert response.json()["verdict"] == "mistyped"
    assert "product" not in response.json()
    stamp.refresh_from_db()
    assert stamp.scan_count == 0


def test_a_random_well_formed_serial_is_unknown(client, stamp):
    response = client.get(path_of(stamp, serials.new_serial()))
    assert response.status_code == 404
    assert "Mã không xác định" in response.content.decode()
    assert Scan.objects.get().verdict == "unknown"


def test_a_mistyped_code_can_be_typed_again_with_help_and_a_contact(client, stamp):
    # given a code with one wrong character
    typo = stamp.serial[:5] + ("X" if stamp.serial[5] != "X" else "Y") + stamp.serial[6:]

    # when the page answers
    response = client.get(path_of(stamp, typo), HTTP_ACCEPT_LANGUAGE="vi")
    page = response.content.decode()

    # then it is not a success, and offers a form with the lot and the code as typed
    assert response.status_code == 400
    assert "Mã này bị gõ sai" in page
    assert 'action="/tem/nhap-lai/"' in page
    lot = stamp.batch.lot
    assert f'name="gtin" value="{lot.variant.gtin.zfill(14)}"' in page
    assert f'name="lot" value="{lot.code}"' in page
    assert "Làm gì tiếp" in page and "0225 3 000 000" in page  # what to do, whom to call

    # and the corrected code, typed with spaces and small letters, checks the stamp
    typed = " ".join([stamp.serial[:4].lower(), stamp.serial[4:]])
    retyped = client.get(
        "/tem/nhap-lai/", {"gtin": lot.variant.gtin.zfill(14), "lot": lot.code, "serial": typed}
    )
    assert retyped.status_code == 302
    gtin14 = lot.variant.gtin.zfill(14)
    assert retyped["Location"] == f"/01/{gtin14}/10/{lot.code}/21/{stamp.serial}"
    assert "Chính hãng" in client.get(retyped["Location"]).content.decode()


def test_a_retyped_code_that_cannot_be_a_stamp_is_refused_with_the_form(client, stamp):
    lot = stamp.batch.lot
    for bad in (
        {"gtin": "123", "lot": lot.code, "serial": stamp.serial},
        {"gtin": lot.variant.gtin, "lot": lot.code, "serial": ""},
        {"gtin": lot.variant.gtin, "lot": "x" * 30, "serial": stamp.serial},
    ):
        response = client.get("/tem/nhap-lai/", bad, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400
        assert 'id="retype-serial"' in response.content.decode()
    assert not Scan.objects.exists()


def test_a_real_serial_under_another_lot_is_unknown(client, stamp):
    lot = stamp.batch.lot
    response = client.get(
        f"/01/{lot.variant.gtin}/10/OTHER/21/{stamp.serial}", HTTP_ACCEPT="application/json"
    )
    assert response.json()["verdict"] == "unknown"


def test_a_recalled_lot_warns_and_staff_see_scans_after_the_recall(client, stamp):
    lot = recall_lot(stamp.batch.lot, reason="Vượt ngưỡng histamine")

    response = client.get(path_of(stamp))

    page = response.content.decode()
    assert "Lô hàng này đã bị thu hồi" in page
    assert "Vượt ngưỡng histamine" in page
    assert list(scans_after_recall(lot).values_list("stamp", flat=True)) == [stamp.pk]
    assert CounterfeitFlag.objects.filter(kind="after_recall", stamp=stamp).exists()


def test_a_voided_stamp_says_so(client, stamp):
    void_range(stamp.batch, 1, 1)
    response = client.get(path_of(stamp), HTTP_ACCEPT="application/json")
    assert response.json()["verdict"] == "voided"


def test_a_lot_past_expiry_says_so(client, make_lot):
    stamp = issue_batch(make_lot(code="OLD-1", expiry=date(2024, 6, 1)), 1).stamps.get()
    response = client.get(path_of(stamp), HTTP_ACCEPT="application/json")
    assert response.json()["verdict"] == "expired"


def test_english_is_available(client, stamp):
    response = client.get(path_of(stamp), HTTP_ACCEPT_LANGUAGE="en")
    assert "Genuine, first verification" in response.content.decode()


def test_short_gtins_redirect_to_the_canonical_path(client, stamp):
    lot = stamp.batch.lot
    short = lot.variant.gtin_display
    response = client.get(f"/01/{short}/10/{lot.code}/21/{stamp.serial}?x=1")
    assert response.status_code == 301
    assert response["Location"] == f"{path_of(stamp)}?x=1"
    assert not Scan.objects.exists()


def test_link_types_choose_the_target(client, stamp):
    lot = stamp.batch.lot
    pip = client.get(f"{path_of(stamp)}?linkType=gs1:pip")
    trace = client.get(f"/01/{lot.variant.gtin}/10/{lot.code}?linkType=gs1:traceability")
    certification = client.get(f"/01/{lot.variant.gtin}?linkType=gs1:certificationInfo")

    assert pip.status_code == 302 and pip["Location"] == f"/01/{lot.variant.gtin}"
    assert trace.json()["type"] == "EPCISDocument"
    assert certification.json() == {"ocop": None}
    assert client.get(f"/01/{lot.variant.gtin}").status_code == 200
    assert client.get(f"/01/{lot.variant.gtin}/10/{lot.code}").status_code == 200
    assert not Scan.objects.exists()


def test_an_unknown_gtin_is_404(client, db):
    assert client.get("/01/08934588012112").status_code == 404
    # a wrong check digit is malformed: a conformant resolver answers 400
    assert client.get("/01/8934588012113").status_code == 400


def test_scans_are_rate_limited_per_client(client, stamp, settings):
    settings.SCAN_RATE_LIMIT_PER_MINUTE = 3
    codes = [client.get(path_of(stamp)).status_code for _ in range(4)]
    other = client.get(path_of(stamp), REMOTE_ADDR="198.51.100.9")
    assert codes == [200, 200, 200, 429]
    assert other.status_code == 200
    assert Scan.objects.count() == 4


def test_the_scan_log_keeps_a_salted_hash_not_the_address(client, stamp):
    client.get(path_of(stamp), REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Zalo/23 Android")
    scan = Scan.objects.get()
    assert "203.0.113.5" not in scan.client_hash
    assert len(scan.client_hash) == 64
    assert scan.user_agent == "Zalo/23 Android"


def test_many_scans_of_one_serial_raise_a_flag_once(client, stamp, settings):
    settings.SCAN_FLAG_MANY = 5
    for number in range(7):
        client.get(path_of(stamp), REMOTE_ADDR=f"198.51.100.{number}")
    assert CounterfeitFlag.objects.filter(kind="many_scans", stamp=stamp).count() == 1


def test_scans_far_apart_in_a_short_time_raise_a_flag(client, stamp):
    client.get(path_of(stamp), REMOTE_ADDR="198.51.100.1")
    client.get(path_of(stamp), REMOTE_ADDR="198.51.100.2")
    first, second = Scan.objects.order_by("pk")
    attach_location(first, "20.85", "106.68")  # Hải Phòng
    attach_location(second, "10.78", "106.70")  # Hồ Chí Minh City, 1,100 km away

    flag = CounterfeitFlag.objects.get(kind="far_apart")
    assert flag.stamp == stamp
    assert flag.detail["km"] > 1000
    second.refresh_from_db()
    assert (float(second.latitude), float(second.longitude)) == (10.78, 106.7)


def test_a_burst_of_unknown_serials_from_one_client_raises_a_flag(client, stamp, settings):
    settings.SCAN_RATE_LIMIT_PER_MINUTE = 100
    for _ in range(10):
        client.get(path_of(stamp, serials.new_serial()))
    assert CounterfeitFlag.objects.filter(kind="unknown_burst").count() == 1


def test_a_visitor_may_share_a_coarse_location_for_their_own_scan(client, stamp):
    page = client.get(path_of(stamp)).content.decode()
    scan = Scan.objects.get()
    url = re.search(r'data-url="(/scan/\d+/[0-9a-f]+/location)"', page).group(1)
    assert url == f"/scan/{scan.pk}/{scan_token(scan.pk)}/location"
    guessed = client.post(
        f"/scan/{scan.pk}/{'0' * 24}/location", {"latitude": "1", "longitude": "1"}
    )
    stranger = client.post(url, {"latitude": "1", "longitude": "1"}, REMOTE_ADDR="192.0.2.99")
    scan.refresh_from_db()
    assert (guessed.status_code, stranger.status_code) == (404, 404)
    assert scan.latitude is None

    # The page's script posts without a CSRF token: the scan token stands for it.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url, {"latitude": "20.8561", "longitude": "106.6822"})
    scan.refresh_from_db()
    assert response.status_code == 200
    assert (float(scan.latitude), float(scan.longitude)) == (20.86, 106.68)


def test_a_demo_stamp_shows_circular_02_2024s_minimum_set(demo, client):
    """Circular 02/2024/TT-BKHCN: product name and image; producer name and address;
    time of production; brand, code and serial; shelf life; for food also expiry, and
    the OCOP page's quality declaration number."""
    from catalog.services.administrative_units import full_address
    from traceability.models import Lot

    lot = Lot.objects.filter(variant__product__slug="cha-ruoi-tu-ky").order_by("pk").first()
    stamp = issue_batch(lot, 1).stamps.get()
    product, producer = lot.variant.product, lot.variant.product.producer
    page = client.get(path_of(stamp), HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    address = full_address(producer.street_address, producer.commune)
    assert "Thành phố Hải Phòng" in address and "Tỉnh Hải Dương" in address
    assert 'class="product"' in page  # the product image
    for text in [
        product.name,
        producer.name,
        address,  # today's units, then the 2023 ones the papers name
        product.brand,
        lot.variant.gtin_display,
        serials.display(stamp.serial),
        str(product.shelf_life_days),
        product.quality_declaration_number,
        f"{lot.production_date:%d/%m/%Y}",
        f"{lot.expiry_date:%d/%m/%Y}",
    ]:
        assert text and text in page, text
    assert lot.expiry_date <= lot.production_date + timedelta(days=product.shelf_life_days)
