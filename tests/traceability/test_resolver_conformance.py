"""The resolver as the GS1 Conformant Resolver standard (1.2) asks: linksets (RFC 9264),
JSON-LD, HEAD and OPTIONS with CORS, Vary: Accept, link types as full URIs, the
well-known description, 400 for malformed URIs; and a lot holding "/" end to end:
issued, printed, its QR decoded, and resolved through the production server."""

import time
import urllib.request

import pytest

from tests.subprocess_env import database_url
from tests.traceability.test_printing import decode_sheets
from traceability.models import Scan
from traceability.services.stamps import issue_batch, stamp_uri

GS1 = "https://gs1.org/voc/"


@pytest.fixture
def sauce(make_lot):
    return make_lot(code="NM-2024-07")


def lot_path(lot) -> str:
    return f"/01/{lot.variant.gtin}/10/{lot.code}"


def test_link_type_all_answers_an_rfc_9264_linkset(client, sauce):
    response = client.get(lot_path(sauce), {"linkType": "all"})

    assert response["Content-Type"] == "application/linkset+json"
    (context,) = response.json()["linkset"]
    assert context["anchor"].endswith(lot_path(sauce))
    assert {GS1 + "pip", GS1 + "traceability", GS1 + "certificationInfo", GS1 + "defaultLink"} <= (
        set(context)
    )
    trace = context[GS1 + "traceability"][0]
    assert trace["type"] == "application/ld+json"
    followed = client.get(trace["href"].removeprefix("http://127.0.0.1:8000"))
    assert followed.json()["type"] == "EPCISDocument"


def test_the_linkset_is_also_served_by_the_accept_header_and_never_counts_a_scan(client, sauce):
    stamp = issue_batch(sauce, 1).stamps.get()
    path = stamp_uri(stamp).split("127.0.0.1:8000", 1)[-1]

    response = client.get(path, HTTP_ACCEPT="application/linkset+json")

    assert response["Content-Type"] == "application/linkset+json"
    assert response.json()["linkset"][0]["anchor"].endswith(path)
    assert Scan.objects.count() == 0


def test_link_types_may_be_full_uris(client, sauce):
    response = client.get(lot_path(sauce), {"linkType": GS1 + "traceability"})
    assert response.json()["type"] == "EPCISDocument"


def test_json_ld_describes_the_product(client, sauce):
    response = client.get(lot_path(sauce), HTTP_ACCEPT="application/ld+json")
    body = response.json()
    assert response["Content-Type"] == "application/ld+json"
    assert body["gs1:gtin"] == sauce.variant.gtin
    assert body["gs1:hasBatchLotNumber"] == sauce.code
    assert "gs1:Product" in body["@type"]


def test_every_answer_varies_on_accept_and_carries_the_linkset_link(client, sauce):
    for path in (f"/01/{sauce.variant.gtin}", lot_path(sauce)):
        response = client.get(path)
        assert response.status_code == 200
        assert "Accept" in response["Vary"] and "Cookie" not in response["Vary"]
        assert 'rel="linkset"' in response["Link"]
        assert response["Access-Control-Allow-Origin"] == "*"


def test_head_and_options_are_answered(client, sauce):
    head = client.head(lot_path(sauce))
    options = client.options(lot_path(sauce))

    assert head.status_code == 200 and head.content == b""
    assert 'rel="linkset"' in head["Link"]
    assert options.status_code == 204
    assert options["Allow"] == "GET, HEAD, OPTIONS"
    assert options["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_the_well_known_description(client, db):
    body = client.get("/.well-known/gs1resolver").json()
    assert body["resolverRoot"] == "http://127.0.0.1:8000"
    assert body["supportedPrimaryKeys"] == ["01"]
    assert {"namespace": GS1, "prefix": "gs1:"} in body["supportedLinkType"]


def test_a_malformed_identifier_is_a_400(client, db):
    assert client.get("/01/8934588012113").status_code == 400  # wrong check digit
    assert client.get("/01/08934588012112/21/S1/10/L1").status_code == 400  # order


def test_a_lot_with_a_slash_resolves_from_the_raw_path(client, make_lot):
    lot = make_lot(code="AB/12")
    stamp = issue_batch(lot, 1).stamps.get()
    raw = stamp_uri(stamp).split("127.0.0.1:8000", 1)[-1]
    assert "/10/AB%2F12/21/" in raw

    # as gunicorn passes it (RAW_URI), and as a server that gives only the decoded path
    with_raw = client.get(raw, REQUEST_URI=raw)
    lot_page = client.get(
        f"/01/{lot.variant.gtin}/10/AB%2F12", REQUEST_URI=f"/01/{lot.variant.gtin}/10/AB%2F12"
    )

    assert with_raw.status_code == 200 and "Chính hãng" in with_raw.content.decode()
    assert lot_page.status_code == 200 and "AB/12" in lot_page.content.decode()
    assert "/10/AB%2F12?lang=en" in lot_page.content.decode()  # the switch keeps %2F


def test_a_lot_whose_slash_looks_like_a_serial_is_not_misread(client, make_lot):
    lot = make_lot(code="X/21/Y")
    raw = f"/01/{lot.variant.gtin}/10/X%2F21%2FY"
    page = client.get(raw, REQUEST_URI=raw)
    assert page.status_code == 200 and "X/21/Y" in page.content.decode()
    assert Scan.objects.count() == 0  # a lot page, not a scan of serial "Y"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_slash_lot_is_issued_printed_scanned_and_resolved_by_the_real_server(make_lot, tmp_path):
    from marketplace.serve import serve
    from tests.marketplace.test_demo_server import _free_port
    from traceability.services.printing import print_batch

    lot = make_lot(code="NM/2026/03")
    batch = issue_batch(lot, 2)
    pdf = tmp_path / "tem.pdf"
    with pdf.open("wb") as output:
        print_batch(batch, output)
    decoded = decode_sheets(pdf, tmp_path)
    assert len(decoded) == 2 and all("/10/NM%2F2026%2F03/21/" in uri for uri in decoded)

    port = _free_port()
    server = serve(database_url(), port, OCOP_MODE="test", TRACE_BASE_URL="http://127.0.0.1:8000")
    try:
        url = decoded[0].replace("http://127.0.0.1:8000", f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    page = response.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Chính hãng" in page and "NM/2026/03" in page
    assert Scan.objects.filter(stamp__batch=batch).count() == 1
