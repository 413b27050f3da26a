"""Hostile payment input: bank statements read by the bank's number format (issue #18,
point 2); Stripe events recorded with their effect, signed events missing fields,
refunds capped at what was paid (points 3, 13, 17)."""

from decimal import Decimal

import pytest

from marketplace.amounts import AmountError, parse_amount
from marketplace.checkout.complete import complete_checkout
from marketplace.errors import CommerceError
from marketplace.payments.models import BankTransfer
from marketplace.payments.reconciliation import reconcile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "number_format", "value"),
    [
        ("130000", "vi", 130000),
        ("130.000", "vi", 130000),
        ("1.234.567", "vi", 1234567),
        ("2.200,00", "vi", 2200),
        ("2200,00", "vi", 2200),
        ("2200.00", "en", 2200),
        ("1,234,567.00", "en", 1234567),
        ("130000", "en", 130000),
    ],
)
def test_amounts_are_read_by_their_format(text, number_format, value):
    assert parse_amount(text, number_format) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "number_format"),
    [
        ("2200.00", "vi"),  # read as 220,000 before: a dot in vi groups thousands
        ("2,200.00", "vi"),
        ("2.200,50", "vi"),  # VND has no fraction
        ("1.23.456", "vi"),
        ("2.200,00", "en"),
        ("1e16", "vi"),
        ("NaN", "en"),
        ("-5", "vi"),
        ("", "vi"),
        ("9" * 16, "vi"),
    ],
)
def test_ambiguous_or_malformed_amounts_are_refused(text, number_format):
    with pytest.raises(AmountError):
        parse_amount(text, number_format)


@pytest.fixture
def transfer_order(make_seller, ready_checkout):
    return complete_checkout(ready_checkout((make_seller(price=100000), 1)), "vietqr")


def test_a_decimal_point_statement_row_is_refused_and_pays_nothing(transfer_order):
    due = int(transfer_order.total)  # 130,000 with delivery
    content = f"reference,date,amount,note\nFT1,2026-11-29,{due // 100}.00,{transfer_order.code}\n"

    with pytest.raises(CommerceError) as error:
        reconcile(content.encode())

    assert "row 2: amount" in error.value.message_en
    assert not BankTransfer.objects.exists()
    transfer_order.refresh_from_db()
    assert transfer_order.charge_status == "none"


def test_an_english_format_statement_is_read_as_such(transfer_order):
    content = f"reference,date,amount,note\nFT1,2026-11-29,130,000.00,{transfer_order.code}\n"
    quoted = content.replace("130,000.00", '"130,000.00"')

    [transfer] = reconcile(quoted.encode(), "en")

    assert (transfer.amount, transfer.outcome) == (Decimal(130000), "matched")


# ---- Stripe webhooks: signed with Stripe's scheme, sent to the real endpoint ----

from marketplace.payments import stripe_gateway  # noqa: E402
from marketplace.payments.models import Payment, StripeEvent  # noqa: E402
from tests.marketplace.test_payments_stripe import (  # noqa: E402
    confirm,
    intent_event,
    post_event,
)


@pytest.fixture
def card_order(make_seller, ready_checkout, stripe_settings):
    order = complete_checkout(ready_checkout((make_seller(price=120000), 2)), "stripe")
    payment = stripe_gateway.create_payment_intent(
        order.payments.get(), payment_method="pm_card_visa"
    )
    return order, payment


def test_a_failed_handling_leaves_the_event_retryable(client, card_order, settings):
    order, payment = card_order
    intent = confirm(payment).to_dict()
    broken = {key: value for key, value in intent.items() if key not in ("amount", "currency")}
    broken["amount_received"] = None

    failed = post_event(
        client, settings, intent_event("evt_retry", "payment_intent.succeeded", broken)
    )
    resent = post_event(
        client, settings, intent_event("evt_retry", "payment_intent.succeeded", intent)
    )

    assert failed.status_code == 400 and b"lacks a field" in failed.content
    assert resent.json() == {"outcome": "charged"}
    order.refresh_from_db()
    assert order.charge_status == "full"
    assert StripeEvent.objects.get().outcome == "charged"


@pytest.mark.parametrize(
    "event",
    [
        {"type": "payment_intent.succeeded", "data": {"object": {}}},
        {"id": "evt_x", "type": "payment_intent.succeeded"},
        {"id": "evt_x", "type": "payment_intent.succeeded", "data": {"object": "pi_1"}},
        {"id": 5, "type": "charge.refunded", "data": {"object": {}}},
        {"id": "evt_y", "type": "charge.refunded", "data": {"object": {"payment_intent": None}}},
    ],
)
def test_signed_events_missing_fields_are_a_400_or_ignored(client, card_order, settings, event):
    response = post_event(client, settings, event)

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json() == {"outcome": "unknown payment"}
    assert Payment.objects.get().status == "pending"


def test_a_refund_larger_than_the_payment_is_capped_and_flagged(client, card_order, settings):
    _order, payment = card_order
    intent = confirm(payment).to_dict()
    post_event(client, settings, intent_event("evt_paid", "payment_intent.succeeded", intent))
    charge = {
        "object": "charge",
        "payment_intent": payment.psp_reference,
        "refunds": {"data": [{"id": "re_big", "amount": 9_999_999, "currency": "vnd"}]},
    }

    response = post_event(client, settings, intent_event("evt_refund", "charge.refunded", charge))

    assert response.json() == {"outcome": "1 refund(s) recorded"}
    payment.refresh_from_db()
    assert payment.refunded_amount == payment.captured_amount == Decimal(270000)
    assert payment.status == "needs_review"
    assert "exceeds the 270000" in payment.review_reason
