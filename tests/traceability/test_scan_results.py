"""The verification page's fast path: one shell per lot and verdict filled per scan, the
language switch that shows a scan again without counting it, the prepared statement."""

import re

import pytest
from django.db import connection

from tests.traceability.conftest import path_of
from traceability import serials
from traceability.models import Scan
from traceability.services.prepared import PreparedStatement
from traceability.services.stamps import issue_batch
from traceability.services.verification import scan_token


@pytest.fixture
def batch(make_lot):
    return issue_batch(make_lot(), 3)


def switch_link(page: str) -> str:
    return re.search(r'<a class="language" href="([^"]+)"', page).group(1)


def test_each_stamp_of_a_lot_shows_its_own_serial_count_and_links(client, batch):
    first, second = batch.stamps.order_by("pk")[:2]
    client.get(path_of(first))
    page_one = client.get(path_of(first)).content.decode()
    page_two = client.get(path_of(second)).content.decode()

    scans = list(Scan.objects.order_by("pk"))
    assert serials.display(first.serial) in page_one
    assert serials.display(second.serial) not in page_one
    assert "đã được quét 1 lần trước đó" in page_one
    assert serials.display(second.serial) in page_two
    assert "Chính hãng, xác thực lần đầu" in page_two
    assert serials.display(first.serial) not in page_two
    assert f"/scan/{scans[1].pk}/{scan_token(scans[1].pk)}/location" in page_one
    assert f"/scan/{scans[2].pk}/{scan_token(scans[2].pk)}/location" in page_two
    assert "<@" not in page_one + page_two


def test_text_from_the_url_or_the_database_cannot_fill_a_marker(client, batch):
    stamp = batch.stamps.first()
    product = stamp.batch.lot.variant.product
    product.name = "Nước mắm <@serial@> <@scan_token@>"
    product.save()

    known = client.get(path_of(stamp)).content.decode()
    unknown = client.get(path_of(stamp, "<@scan_id@><script>")).content.decode()

    assert "Nước mắm &lt;@serial@&gt; &lt;@scan_token@&gt;" in known
    assert "<@" not in unknown and "<SCRI" not in unknown.replace(" ", "")
    assert "&lt;@SC AN_I D@&gt;&lt; SCRI PT&gt;" in unknown  # shown escaped, in fours
    assert "Mã không xác định" in unknown


def test_the_language_switch_shows_the_same_scan_without_counting_it(client, batch):
    stamp = batch.stamps.first()
    page = client.get(path_of(stamp)).content.decode()
    scan = Scan.objects.get()
    link = switch_link(page)
    assert link == f"/scan/{scan.pk}/{scan_token(scan.pk)}/?lang=en"

    english = client.get(link)
    back = client.get(switch_link(english.content.decode()))

    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    assert "Genuine, first verification" in english.content.decode()
    assert serials.display(stamp.serial) in english.content.decode()
    assert "Chính hãng, xác thực lần đầu" in back.content.decode()
    stamp.refresh_from_db()
    assert stamp.scan_count == 1
    assert Scan.objects.count() == 1


def test_a_scan_result_needs_its_token(client, batch):
    client.get(path_of(batch.stamps.first()))
    scan = Scan.objects.get()
    assert client.get(f"/scan/{scan.pk}/{'0' * 24}/").status_code == 404
    assert client.get(f"/scan/{scan.pk + 1}/{scan_token(scan.pk)}/").status_code == 404
    assert client.get(f"/scan/{scan.pk + 1}/{scan_token(scan.pk + 1)}/").status_code == 404


def test_a_repeat_scan_result_in_english_keeps_its_count(client, batch):
    stamp = batch.stamps.first()
    for _ in range(3):
        page = client.get(path_of(stamp)).content.decode()
    english = client.get(switch_link(page)).content.decode()
    assert "Genuine, scanned 2 times before" in english
    assert Scan.objects.count() == 3


def test_resolver_pages_set_no_cookie_and_switch_language_by_link(client, batch):
    stamp = batch.stamps.first()
    lot = stamp.batch.lot
    verification = client.get(path_of(stamp))
    lot_page = client.get(f"/01/{lot.variant.gtin}/10/{lot.code}?lang=en")

    for response in (verification, lot_page):
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
    assert "Lot" in lot_page.content.decode() and lot_page["Content-Language"] == "en"
    assert switch_link(lot_page.content.decode()) == f"/01/{lot.variant.gtin}/10/{lot.code}?lang=vi"


def test_verification_without_prepared_statements(client, batch, settings):
    settings.TRACE_PREPARED_STATEMENTS = False
    stamp = batch.stamps.first()
    client.get(path_of(stamp))
    assert "đã được quét 1 lần" in client.get(path_of(stamp)).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_statement_deallocated_behind_our_back_is_prepared_again():
    statement = PreparedStatement("ocop_test_next", "SELECT %(n)s + 1", [("n", "int")])
    assert statement.fetchone({"n": 1}) == (2,)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    assert statement.fetchone({"n": 41}) == (42,)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = 'ocop_test_next'")
        assert cursor.fetchone() == (1,)
    with pytest.raises(ValueError):
        PreparedStatement("ocop_test_bad", "SELECT %(a)s, %(b)s", [("a", "int")])
