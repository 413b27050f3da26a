"""Card payments through Stripe PaymentIntents, confirmed by signed webhooks.

Amounts go to Stripe in the currency's smallest unit: VND is zero-decimal, so
120.000 ₫ is sent as 120000. Each webhook event is handled at most once (its id is
stored), events for a payment that was already charged never undo it, and an amount
that differs from the order is flagged for a person instead of marking the order paid."""

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.money import from_minor_units, to_minor_units
from marketplace.payments import services as payments
from marketplace.payments.models import Gateway, Payment, PaymentStatus, StripeEvent


def client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise CommerceError(
            CommerceErrorCode.PAYMENT_GATEWAY_ERROR,
            "gateway",
            detail="STRIPE_SECRET_KEY is not set",
        )
    options = (
        {"base_addresses": {"api": settings.STRIPE_API_BASE}} if settings.STRIPE_API_BASE else {}
    )
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def create_payment_intent(payment: Payment, *, payment_method: str | None = None) -> Payment:
    """Create (once) the PaymentIntent for the payment; the browser confirms it with Stripe.js."""
    if payment.gateway != Gateway.STRIPE:
        raise CommerceError(CommerceErrorCode.INVALID, "gateway", detail=payment.gateway)
    if payment.psp_reference:
        return payment
    params = {
        "amount": to_minor_units(payment.amount, payment.currency),
        "currency": payment.currency.lower(),
        "payment_method_types": ["card"],
        "metadata": {"order": payment.order.code, "payment": str(payment.pk)},
    }
    if payment_method:
        params["payment_method"] = payment_method
    try:
        intent = client().v1.payment_intents.create(
            params=params, options={"idempotency_key": payment.idempotency_key}
        )
    except stripe.StripeError as error:
        raise CommerceError(
            CommerceErrorCode.PAYMENT_GATEWAY_ERROR,
            "gateway",
            detail=error.user_message or str(error),
        ) from error
    payment.psp_reference = intent.id
    payment.client_secret = intent.client_secret
    payment.save(update_fields=["psp_reference", "client_secret"])
    return payment


def confirm_card(payment: Payment, payment_method: str) -> dict:
    """Confirm the payment's PaymentIntent with a card the browser tokenised (a `pm_` id,
    or the `card_` id of a Stripe.js token). The order becomes paid only by the webhook;
    this returns the intent's status and, when 3-D Secure is needed, its client secret."""
    # A declined card leaves the payment failed; the buyer may try another card.
    if payment.status not in (PaymentStatus.PENDING, PaymentStatus.FAILED):
        raise CommerceError(
            CommerceErrorCode.INVALID_STATUS,
            "payment",
            action="pay",
            what="payment",
            status=payment.status,
        )
    if not payment_method.startswith(("pm_", "card_")):
        raise CommerceError(CommerceErrorCode.INVALID, "payment_method", detail=payment_method)
    payment = create_payment_intent(payment)
    intents = client().v1.payment_intents
    try:
        intents.update(payment.psp_reference, params={"payment_method": payment_method})
        intent = intents.confirm(payment.psp_reference)
    except stripe.StripeError as error:
        payments.mark_failed(payment, reason=error.user_message or str(error))
        raise CommerceError(
            CommerceErrorCode.PAYMENT_GATEWAY_ERROR,
            "gateway",
            detail=error.user_message or str(error),
        ) from error
    return {"status": intent.status, "client_secret": intent.client_secret}


def refund(payment: Payment, amount, *, idempotency_key: str) -> str:
    """Refund part of a captured card payment; returns Stripe's refund id."""
    try:
        result = client().v1.refunds.create(
            params={
                "payment_intent": payment.psp_reference,
                "amount": to_minor_units(amount, payment.currency),
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as error:
        raise CommerceError(
            CommerceErrorCode.PAYMENT_GATEWAY_ERROR,
            "gateway",
            detail=error.user_message or str(error),
        ) from error
    return result.id


def verify_event(payload: bytes, signature: str):
    """Parse a webhook body, or raise ValueError / SignatureVerificationError."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise stripe.SignatureVerificationError("no webhook secret configured", signature)
    event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    return event.to_dict()


class MalformedEvent(ValueError):
    """A signed event without the fields its type needs: answered 400, nothing written."""


def handle_event(event) -> str:
    """Apply one verified event exactly once; return what was done.

    The event is recorded in the same transaction as its effect: when handling fails,
    both roll back and Stripe's resend is handled afresh, never answered "duplicate"."""
    event_id, event_type, subject = _parts(event)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeEvent.objects.create(event_id=event_id, type=event_type, outcome="")
        except IntegrityError:
            return "duplicate"
        handler = HANDLERS.get(event_type)
        try:
            outcome = handler(subject) if handler else "ignored"
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise MalformedEvent(f"{event_type} lacks a field it needs: {error!r}") from error
        StripeEvent.objects.filter(pk=record.pk).update(outcome=outcome[:100])
    return outcome


def _parts(event) -> tuple[str, str, dict]:
    try:
        event_id, event_type, subject = event["id"], event["type"], event["data"]["object"]
    except (KeyError, TypeError):
        raise MalformedEvent("an event needs id, type and data.object") from None
    if not (isinstance(event_id, str) and isinstance(event_type, str) and event_id):
        raise MalformedEvent("an event's id and type are strings")
    if not isinstance(subject, dict):
        raise MalformedEvent("data.object is an object")
    return event_id[:255], event_type[:100], subject


def _payment_for(intent) -> Payment | None:
    return Payment.objects.filter(gateway=Gateway.STRIPE, psp_reference=intent["id"]).first()


def _succeeded(intent) -> str:
    payment = _payment_for(intent)
    if payment is None:
        return "unknown payment"
    if payment.status in (
        PaymentStatus.CHARGED,
        PaymentStatus.PARTIALLY_REFUNDED,
        PaymentStatus.REFUNDED,
    ):
        return "already charged"
    received = intent.get("amount_received") or intent["amount"]
    amount = from_minor_units(received, intent["currency"].upper())
    if intent["currency"].upper() != payment.currency or amount != payment.amount:
        payments.flag_for_review(
            payment,
            reason=f"Stripe charged {amount} {intent['currency'].upper()}, "
            f"order is {payment.amount} {payment.currency}",
            amount=amount,
            reference=intent["id"],
        )
        return "amount mismatch"
    payments.record_capture(payment, amount, reference=intent["id"], source="stripe")
    return "charged"


def _failed(intent) -> str:
    payment = _payment_for(intent)
    if payment is None:
        return "unknown payment"
    error = intent.get("last_payment_error") or {}
    payments.mark_failed(
        payment, reason=error.get("message", "payment failed"), reference=intent["id"]
    )
    return "failed"


def _refunded(charge) -> str:
    payment = Payment.objects.filter(
        gateway=Gateway.STRIPE, psp_reference=charge.get("payment_intent")
    ).first()
    if payment is None:
        return "unknown payment"
    recorded = 0
    for item in (charge.get("refunds") or {}).get("data", []):
        amount = from_minor_units(int(item["amount"]), str(item["currency"]).upper())
        if amount <= 0:
            raise ValueError(f"refund amount {item['amount']!r}")
        recorded += payments.record_external_refund(payment, amount, reference=str(item["id"]))
    return f"{recorded} refund(s) recorded"


HANDLERS = {
    "payment_intent.succeeded": _succeeded,
    "payment_intent.payment_failed": _failed,
    "charge.refunded": _refunded,
}
