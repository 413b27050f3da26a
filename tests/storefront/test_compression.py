"""Public pages go out compressed; pages with someone's data never do (BREACH)."""

import gzip

import pytest

from marketplace.management.demo_users import PRODUCER_LOGIN

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize(
    "path", ["/", "/san-pham/?q=gao+nep", "/san-pham/gao-nep-cai-hoa-vang/", "/diem-du-lich/"]
)
def test_public_pages_are_compressed(client, demo, path):
    response = client.get(path, **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert html.startswith("<!doctype html>") and len(response.content) < len(html) / 2


@pytest.mark.parametrize("path", ["/gio-hang/", "/tai-khoan/login/", "/producer/"])
def test_pages_with_personal_data_are_not(client, demo, path):
    if path == "/producer/":  # the portal only opens to its producer
        client.login(username=PRODUCER_LOGIN[0], password=PRODUCER_LOGIN[1])
    response = client.get(path + "?q=secret", **GZIP)
    assert response.status_code == 200 and len(response.content) > 1000
    assert not response.has_header("Content-Encoding")


def test_without_accept_encoding_nothing_is_compressed(client, demo):
    response = client.get("/san-pham/gao-nep-cai-hoa-vang/")
    assert not response.has_header("Content-Encoding")
    assert "Gạo nếp cái hoa vàng" in response.content.decode()


@pytest.mark.parametrize(
    ("header", "gzipped"),
    [
        ("gzip;q=0, deflate", False),
        ("identity", False),
        ("br;q=1.0, *;q=0", False),
        ("br, gzip;q=0.5", True),
        ("*", True),
        ("GZIP", True),
    ],
)
def test_accept_encoding_weights_are_honoured(client, demo, header, gzipped):
    response = client.get("/san-pham/gao-nep-cai-hoa-vang/", HTTP_ACCEPT_ENCODING=header)
    assert response.has_header("Content-Encoding") is gzipped
    body = gzip.decompress(response.content) if gzipped else response.content
    assert "Gạo nếp cái hoa vàng" in body.decode()
