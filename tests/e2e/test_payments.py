"""Paying online in the browser: VietQR (the QR decodes to the order) and card through
localstripe's Stripe.js, the order becoming paid by the signed webhook."""

import base64
import re
import subprocess
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from marketplace.orders.models import Order
from marketplace.payments import vietqr
from marketplace.payments.reconciliation import reconcile
from tests.e2e.helpers import add_to_cart, check_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def decode_qr(png: bytes, folder) -> str:
    path = folder / "vietqr.png"
    path.write_bytes(png)
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def test_vietqr_shows_a_valid_code_and_the_page_follows_the_transfer(page, tmp_path):
    # Given an order placed for VietQR
    add_to_cart(page, "tram-huong-nu-ha-ky")
    check_out(page, "Chuyển khoản qua VietQR")
    order = Order.objects.get(email="thu@example.vn")
    # Then the QR shown decodes to a payload with the order code and a valid CRC
    source = page.get_by_test_id("vietqr").get_attribute("src")
    payload = decode_qr(base64.b64decode(source.split(",", 1)[1]), tmp_path)
    fields = vietqr.parse(payload)  # refuses a wrong CRC
    assert fields["62"]["08"] == order.code
    assert fields["54"] == str(int(order.total))
    expect(page.get_by_text(order.code, exact=True)).to_be_visible()
    # When the bank statement with the transfer is reconciled
    reconcile(
        f"reference,date,amount,note\nFT-E2E-1,{order.created_at.date()},{int(order.total)},"
        f"CK {order.code} thanh toan\n".encode()
    )
    # Then the open page shows the order paid without a reload
    expect(page.get_by_test_id("payment-status")).to_have_text("đã thanh toán", timeout=15_000)


@pytest.fixture
def card_settings(settings, localstripe_url, live_server):
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_ocop_e2e"
    form = urllib.parse.urlencode(
        {
            "url": f"{live_server.url}/webhooks/stripe/",
            "secret": settings.STRIPE_WEBHOOK_SECRET,
            "events[0]": "payment_intent.succeeded",
            "events[1]": "payment_intent.payment_failed",
        }
    ).encode()
    urllib.request.urlopen(f"{localstripe_url}/_config/webhooks/ocop-e2e", data=form, timeout=5)
    return settings


def test_card_payment_through_stripe_js_is_confirmed_by_webhook(page, card_settings):
    # Given an order placed for card payment
    add_to_cart(page, "nuoc-mam-ca-com-nguyen-giap")
    check_out(page, "Thẻ (Visa, Mastercard, JCB)")
    order = Order.objects.get(email="thu@example.vn")
    # When the buyer types a card into Stripe.js (localstripe's stand-in) and pays
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill("4242424242424242")
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("30")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10000")
    page.get_by_role("button", name=re.compile(r"^Thanh toán \d")).click()
    # Then the signed webhook marks the order paid and the page shows it
    expect(page.get_by_test_id("payment-status")).to_have_text("đã thanh toán", timeout=20_000)
    order.refresh_from_db()
    assert order.charge_status == "full"
    assert order.payments.get().psp_reference.startswith("pi_")
