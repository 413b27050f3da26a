"""Card payments against a real localstripe server, with signed webhooks."""

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest

from marketplace.checkout.complete import complete_checkout
from marketplace.money import to_minor_units
from marketplace.payments import stripe_gateway
from marketplace.payments.models import Payment
from marketplace.payments.refunds import refund_lines


def signed(body: str, secret: str) -> str:
    """A Stripe-Signature header made with Stripe's scheme (HMAC-SHA256 of 't.body')."""
    timestamp = int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_event(client, settings, event: dict, secret=None):
    body = json.dumps(event)
    return client.post(
        "/webhooks/stripe/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(body, secret or settings.STRIPE_WEBHOOK_SECRET),
    )


def intent_event(event_id, kind, intent):
    return {"id": event_id, "object": "event", "type": kind, "data": {"object": intent}}


@pytest.fixture
def card_order(make_seller, ready_checkout, stripe_settings):
    order = complete_checkout(ready_checkout((make_seller(price=120000), 2)), "stripe")
    payment = stripe_gateway.create_payment_intent(
        order.payments.get(), payment_method="pm_card_visa"
    )
    return order, payment


def confirm(payment):
    return stripe_gateway.client().v1.payment_intents.confirm(payment.psp_reference)


def test_the_intent_is_for_the_order_total_in_whole_dong(card_order):
    order, payment = card_order
    intent = stripe_gateway.client().v1.payment_intents.retrieve(payment.psp_reference)
    assert order.total == Decimal("270000")
    assert intent.amount == 270000 == to_minor_units(order.total, "VND")
    assert intent.currency == "vnd"
    assert payment.client_secret.startswith(payment.psp_reference)


def test_a_succeeded_event_marks_the_order_paid_once(client, card_order, settings):
    order, payment = card_order
    intent = confirm(payment)
    event = intent_event("evt_ok_1", "payment_intent.succeeded", intent.to_dict())

    first = post_event(client, settings, event)
    replay = post_event(client, settings, event)

    order.refresh_from_db()
    assert first.json() == {"outcome": "charged"}
    assert replay.json() == {"outcome": "duplicate"}
    assert (order.status, order.charge_status) == ("unfulfilled", "full")
    assert order.total_charged == Decimal("270000")
    assert order.payments.get().events.filter(type="captured").count() == 1


def test_the_same_intent_under_a_new_event_id_changes_nothing(client, card_order, settings):
    order, payment = card_order
    intent = confirm(payment).to_dict()
    post_event(client, settings, intent_event("evt_a", "payment_intent.succeeded", intent))
    again = post_event(client, settings, intent_event("evt_b", "payment_intent.succeeded", intent))
    order.refresh_from_db()
    assert again.json() == {"outcome": "already charged"}
    assert order.total_charged == Decimal("270000")


def test_a_late_failure_does_not_undo_a_payment(client, card_order, settings):
    _order, payment = card_order
    intent = confirm(payment).to_dict()
    post_event(client, settings, intent_event("evt_s", "payment_intent.succeeded", intent))
    post_event(client, settings, intent_event("evt_f", "payment_intent.payment_failed", intent))
    payment.refresh_from_db()
    assert payment.status == "charged"


def test_a_declined_card_marks_the_payment_failed(
    client, make_seller, ready_checkout, stripe_settings
):
    import stripe

    order = complete_checkout(ready_checkout((make_seller(), 1)), "stripe")
    payment = stripe_gateway.create_payment_intent(
        order.payments.get(), payment_method="pm_card_chargeCustomerFail"
    )
    with pytest.raises(stripe.CardError):
        confirm(payment)
    intent = stripe_gateway.client().v1.payment_intents.retrieve(payment.psp_reference).to_dict()
    intent["last_payment_error"] = {"message": "Your card was declined."}

    post_event(
        client, stripe_settings, intent_event("evt_d", "payment_intent.payment_failed", intent)
    )

    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == "failed"
    assert order.charge_status == "none"


def test_an_amount_that_does_not_match_is_flagged_not_paid(client, card_order, settings):
    order, payment = card_order
    intent = confirm(payment).to_dict()
    intent["amount"] = intent["amount_received"] = 200000

    response = post_event(
        client, settings, intent_event("evt_m", "payment_intent.succeeded", intent)
    )

    payment.refresh_from_db()
    order.refresh_from_db()
    assert response.json() == {"outcome": "amount mismatch"}
    assert payment.status == "needs_review"
    assert "200000" in payment.review_reason
    assert order.charge_status == "none"


def test_a_bad_signature_gets_400_and_changes_nothing(client, card_order, settings):
    order, payment = card_order
    intent = confirm(payment).to_dict()
    event = intent_event("evt_bad", "payment_intent.succeeded", intent)

    response = post_event(client, settings, event, secret="whsec_wrong")
    garbage = client.post("/webhooks/stripe/", data="{", content_type="application/json")

    order.refresh_from_db()
    assert response.status_code == 400
    assert garbage.status_code == 400
    assert order.charge_status == "none"


def test_a_refund_from_the_order_goes_through_stripe(client, card_order, settings):
    order, payment = card_order
    intent = confirm(payment).to_dict()
    post_event(client, settings, intent_event("evt_r0", "payment_intent.succeeded", intent))
    line = order.lines.get()

    refund = refund_lines(order, {line.pk: 1}, reason="Hộp bị vỡ khi giao")

    assert refund.amount == Decimal("120000")
    assert refund.psp_reference.startswith("re_")
    stripe_refund = stripe_gateway.client().v1.refunds.retrieve(refund.psp_reference)
    assert (stripe_refund.amount, stripe_refund.status) == (120000, "succeeded")
    payment = Payment.objects.get(pk=payment.pk)
    assert (payment.status, payment.refunded_amount) == ("partially_refunded", Decimal("120000"))
    # the webhook for that same refund is recognised and not booked twice
    charge = {
        "payment_intent": payment.psp_reference,
        "refunds": {"data": [{"id": refund.psp_reference, "amount": 120000, "currency": "vnd"}]},
    }
    echo = post_event(client, settings, intent_event("evt_r1", "charge.refunded", charge))
    assert echo.json() == {"outcome": "0 refund(s) recorded"}
    order.refresh_from_db()
    assert order.total_refunded == Decimal("120000")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_localstripe_delivers_signed_webhooks_to_the_live_server(
    live_server, make_seller, ready_checkout, stripe_settings, localstripe_url
):
    import urllib.parse
    import urllib.request

    # given localstripe configured to call our webhook endpoint
    form = urllib.parse.urlencode(
        {
            "url": f"{live_server.url}/webhooks/stripe/",
            "secret": stripe_settings.STRIPE_WEBHOOK_SECRET,
            "events[0]": "payment_intent.succeeded",
        }
    ).encode()
    urllib.request.urlopen(f"{localstripe_url}/_config/webhooks/ocop", data=form, timeout=5)
    order = complete_checkout(ready_checkout((make_seller(), 1)), "stripe")
    payment = stripe_gateway.create_payment_intent(
        order.payments.get(), payment_method="pm_card_visa"
    )

    # when the card payment is confirmed
    confirm(payment)

    # then localstripe's signed event marks the order paid within a few seconds
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        order.refresh_from_db()
        if order.charge_status == "full":
            break
        time.sleep(0.3)
    assert order.charge_status == "full"
    assert order.status == "unfulfilled"
