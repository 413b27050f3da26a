"""The kiosk device API: token authentication, snapshot, sync and day report."""

import json
import uuid

import pytest
from django.utils import timezone

from marketplace.kiosk import devices
from marketplace.kiosk.models import KioskDevice, KioskSale
from tourism.kiosk_demo import load_kiosks

pytestmark = pytest.mark.django_db


@pytest.fixture
def kiosk(demo):
    name, token, pin = next(k for k in load_kiosks() if "Đình làng" in k[0])
    return KioskDevice.objects.get(name=name), token, pin


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post_sales(client, token, sales):
    return client.post(
        "/kiosk/api/sync",
        json.dumps({"sales": sales}),
        content_type="application/json",
        **bearer(token),
    )


def a_sale(snapshot, sale_id=None):
    variant = snapshot["products"][0]["variants"][0]
    return {
        "id": str(sale_id or uuid.uuid4()),
        "soldAt": timezone.now().isoformat(),
        "payment": {"method": "cash", "tendered": variant["price"]},
        "lines": [{"variant": variant["id"], "quantity": 1, "unitPrice": variant["price"]}],
    }


def test_the_snapshot_has_prices_stars_stock_and_the_pin_check(client, kiosk):
    device, token, pin = kiosk

    body = client.get("/kiosk/api/snapshot", **bearer(token)).json()

    assert body["device"]["name"] == device.name
    assert body["device"]["pinHash"] == devices.pin_hash(body["device"]["pinSalt"], pin)
    assert body["pricesAsOf"] and body["vietqr"]["bankBin"] == "970436"
    names = {product["name"] for product in body["products"]}
    assert "Chả rươi Tứ Kỳ" in names
    variant = body["products"][0]["variants"][0]
    assert variant["price"] > 0 and variant["stock"] >= 0


def test_a_batch_syncs_once_over_http(client, kiosk):
    _, token, _ = kiosk
    snapshot = client.get("/kiosk/api/snapshot", **bearer(token)).json()
    sales = [a_sale(snapshot), a_sale(snapshot)]

    first = post_sales(client, token, sales).json()["results"]
    again = post_sales(client, token, sales).json()["results"]

    assert [r["status"] for r in first] == ["synced", "synced"]
    assert [r["duplicate"] for r in again] == [True, True]
    assert KioskSale.objects.count() == 2
    report = client.get("/kiosk/api/report", **bearer(token)).json()
    assert report["byMethod"]["cash"]["count"] == 2
    assert report["total"] == sum(sale["payment"]["tendered"] for sale in sales)


def test_a_revoked_device_is_refused_and_nothing_is_written(client, kiosk):
    device, token, _ = kiosk
    snapshot = client.get("/kiosk/api/snapshot", **bearer(token)).json()
    devices.revoke(device)

    response = post_sales(client, token, [a_sale(snapshot)])

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "device_revoked"
    assert "đơn bán được giữ trên máy" in error["message_vi"]
    assert not KioskSale.objects.exists()
    assert client.get("/kiosk/api/snapshot", **bearer(token)).status_code == 403


@pytest.mark.parametrize(
    "body", ['{"sales": "x"}', "not json", '{"sales": [' + ",".join(["{}"] * 501) + "]}"]
)
def test_a_malformed_batch_is_refused(client, kiosk, body):
    _, token, _ = kiosk

    response = client.post(
        "/kiosk/api/sync", body, content_type="application/json", **bearer(token)
    )

    assert response.status_code == 400
    assert not KioskSale.objects.exists()


def test_an_unknown_token_gets_403(client, demo):
    response = client.get("/kiosk/api/snapshot", **bearer("guess"))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "device_unknown"


def test_the_app_shell_manifest_and_worker_are_served(client, demo):
    shell = client.get("/kiosk/")
    manifest = client.get("/kiosk/manifest.webmanifest").json()
    worker = client.get("/kiosk/sw.js")

    assert 'rel="manifest"' in shell.content.decode()
    assert (manifest["start_url"], manifest["display"]) == ("/kiosk/", "standalone")
    assert worker["Content-Type"] == "text/javascript"
    assert b"caches.match" in worker.content


def test_a_card_sale_opens_an_unpaid_order_with_a_card_payment(client, kiosk):
    _, token, _ = kiosk
    snapshot = client.get("/kiosk/api/snapshot", **bearer(token)).json()
    sale = {**a_sale(snapshot), "payment": {"method": "stripe"}}

    first = client.post(
        "/kiosk/api/card", json.dumps(sale), content_type="application/json", **bearer(token)
    ).json()
    again = client.post(
        "/kiosk/api/card", json.dumps(sale), content_type="application/json", **bearer(token)
    ).json()

    order = KioskSale.objects.get().order
    assert first["url"] == f"/don-hang/{order.token}/" == again["url"]
    assert (order.charge_status, order.payments.get().gateway) == ("none", "stripe")
    page = client.get(first["url"])
    assert 'data-testid="back-to-kiosk"' in page.content.decode()


def test_cash_cannot_go_through_the_card_endpoint(client, kiosk):
    _, token, _ = kiosk
    snapshot = client.get("/kiosk/api/snapshot", **bearer(token)).json()

    response = client.post(
        "/kiosk/api/card",
        json.dumps(a_sale(snapshot)),
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 400
    assert response.json()["result"]["field"] == "payment"
    assert not KioskSale.objects.exists()
