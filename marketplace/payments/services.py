"""Payments of every gateway: open, capture, fail, flag for review, refund.

Gateways differ only in how money is confirmed: a Stripe webhook, a bank statement
line (VietQR), a producer recording a cash-on-delivery handover, or a kiosk operator
taking cash. All of them end in `record_capture`, which marks the order paid once."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.events.services import EventType, emit, emit_many
from marketplace.money import quantize
from marketplace.orders.models import ChargeStatus, Order, OrderStatus
from marketplace.payments import vietqr
from marketplace.payments.models import Gateway, Payment, PaymentEvent, PaymentStatus, Refund

INITIAL_STATUS = {
    Gateway.STRIPE: PaymentStatus.PENDING,
    Gateway.COD: PaymentStatus.PENDING,
    Gateway.VIETQR: PaymentStatus.AWAITING_TRANSFER,
    Gateway.CASH: PaymentStatus.PENDING,
}


def open_payment(order: Order, gateway: str, **fields) -> Payment:
    """The order's payment record; for VietQR it carries the transfer payload, whose note
    is the payment's `transfer_code` when it has one (a kiosk sale's code), else the
    order code. `fields` are set on the record as it is written (one insert)."""
    if gateway == Gateway.VIETQR:
        fields["vietqr_payload"] = vietqr.build_payload(
            bank_bin=settings.VIETQR_BANK_BIN,
            account=settings.VIETQR_ACCOUNT_NUMBER,
            amount=order.total,
            note=fields.get("transfer_code") or order.code,
        )
    payment = Payment.objects.create(
        order=order,
        gateway=gateway,
        status=INITIAL_STATUS[gateway],
        amount=order.total,
        currency=order.currency,
        idempotency_key=f"order-{order.pk}-{gateway}-{uuid.uuid4().hex}",
        **fields,
    )
    _log(payment, "opened", payment.amount)
    return payment


def _log(payment, kind, amount=None, reference="", **detail) -> PaymentEvent:
    return PaymentEvent.objects.create(
        payment=payment, type=kind, amount=amount, psp_reference=reference, detail=detail
    )


def locked(payment: Payment) -> Payment:
    """The payment and its order, both rows locked (FOR UPDATE covers the joined order)."""
    return Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)


def record_capture(payment: Payment, amount, *, reference: str = "", source: str) -> Payment:
    """Money reached us; when the order is fully paid, it is confirmed and marked paid once.

    Inside a caller's transaction no savepoint is made: no caller recovers from an error
    here, it undoes the whole transaction."""
    with transaction.atomic(savepoint=False):
        payment = locked(payment)
        amount = quantize(amount, payment.currency)
        payment.captured_amount += amount
        payment.status = (
            PaymentStatus.CHARGED
            if payment.captured_amount >= payment.amount
            else PaymentStatus.PARTIALLY_CHARGED
        )
        if reference and not payment.psp_reference:
            payment.psp_reference = reference
        payment.save(update_fields=["captured_amount", "status", "psp_reference"])
        _log(payment, "captured", amount, reference, source=source)
        _update_order_charge(payment.order, amount)
    return payment


def _update_order_charge(order: Order, amount: Decimal) -> None:
    """`order` was read and locked with its payment (`locked`)."""
    was_paid = order.charge_status == ChargeStatus.FULL
    order.total_charged += amount
    if order.total_charged > order.total:
        order.charge_status = ChargeStatus.OVERCHARGED
    elif order.total_charged == order.total:
        order.charge_status = ChargeStatus.FULL
    else:
        order.charge_status = ChargeStatus.PARTIAL
    fields = ["total_charged", "charge_status"]
    if order.charge_status in (ChargeStatus.FULL, ChargeStatus.OVERCHARGED) and not was_paid:
        if order.paid_at is None:
            order.paid_at = timezone.now()
            fields.append("paid_at")
            _emit_paid(order)
        if order.status == OrderStatus.UNCONFIRMED:
            order.status = OrderStatus.UNFULFILLED
            fields.append("status")
    order.save(update_fields=fields)


def _emit_paid(order: Order) -> None:
    emit(
        EventType.ORDER_PAID,
        {"order": order.pk, "total": str(quantize(order.total, order.currency))},
    )
    emit_many(
        EventType.ORDER_LINE_PAID,
        [
            {
                "order": order.pk,
                "order_line": line.pk,
                "producer": line.producer_order.producer_id,
                "variant": line.variant_id,
                "channel": order.channel_id,
                "quantity": line.quantity,
                "gross": str(quantize(line.total, line.currency)),
                "commission": str(quantize(line.commission_amount, line.currency)),
                "currency": line.currency,
            }
            for line in order.lines.select_related("producer_order")
        ],
    )


def mark_failed(payment: Payment, *, reason: str, reference: str = "") -> Payment:
    """A failed attempt; ignored once the payment was charged (events may arrive late)."""
    with transaction.atomic():
        payment = locked(payment)
        if payment.status in (PaymentStatus.PENDING, PaymentStatus.FAILED):
            payment.status = PaymentStatus.FAILED
            payment.save(update_fields=["status"])
        _log(payment, "failed", None, reference, reason=reason)
    return payment


def flag_for_review(payment: Payment, *, reason: str, amount=None, reference: str = "") -> Payment:
    """Money that does not match the order: a person decides; the order is not marked paid."""
    with transaction.atomic():
        payment = locked(payment)
        payment.status = PaymentStatus.NEEDS_REVIEW
        payment.review_reason = reason
        payment.save(update_fields=["status", "review_reason"])
        _log(payment, "needs_review", amount, reference, reason=reason)
        emit(EventType.PAYMENT_NEEDS_REVIEW, {"payment": payment.pk, "reason": reason})
    return payment


def record_cash(order: Order, tendered, *, operator=None) -> Payment:
    """Cash handed over at a kiosk: the change is computed, less than due is refused."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        due = order.total - order.total_charged
        tendered = quantize(tendered, order.currency)
        if tendered < due:
            raise CommerceError(
                CommerceErrorCode.AMOUNT_TOO_LOW, "tendered", amount=tendered, due=due
            )
        cash = {"cash_tendered": tendered, "cash_change": tendered - due}
        payment = order.payments.filter(gateway=Gateway.CASH, status=PaymentStatus.PENDING).first()
        if payment is None:
            payment = open_payment(order, Gateway.CASH, **cash)
        else:
            Payment.objects.filter(pk=payment.pk).update(**cash)
        return record_capture(payment, due, source=f"cash:{getattr(operator, 'pk', '')}")


def apply_refund(payment: Payment, amount) -> None:
    """Book a refund on the payment and the order (both locked by the caller's transaction)."""
    payment = locked(payment)
    payment.refunded_amount += amount
    payment.status = (
        PaymentStatus.REFUNDED
        if payment.refunded_amount >= payment.captured_amount
        else PaymentStatus.PARTIALLY_REFUNDED
    )
    payment.save(update_fields=["refunded_amount", "status"])
    _log(payment, "refunded", amount)
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    order.total_refunded += amount
    fields = ["total_refunded", "status", "charge_status"]
    if order.total_refunded >= order.total_charged:
        order.charge_status = ChargeStatus.REFUNDED
    if order.total_refunded >= order.total_charged or _all_goods_refunded(order):
        order.status = OrderStatus.REFUNDED
    order.save(update_fields=fields)


def _all_goods_refunded(order: Order) -> bool:
    return not order.lines.filter(quantity_refunded__lt=F("quantity")).exists()


def record_external_refund(payment: Payment, amount, *, reference: str) -> int:
    """A refund made at the gateway (e.g. Stripe's dashboard) that we did not start.

    Returns 1 when it was new, 0 when that refund was already booked. A refund larger
    than what is left of the payment is booked only up to that, and flagged."""
    with transaction.atomic():
        payment = locked(payment)
        if Refund.objects.filter(psp_reference=reference).exists():
            return 0
        refundable = max(payment.captured_amount - payment.refunded_amount, Decimal(0))
        reason = f"External refund {reference}: assign it to order lines"
        if amount > refundable:
            reason = (
                f"External refund {reference} of {amount} {payment.currency} exceeds the "
                f"{refundable} {payment.currency} left to refund: booked {refundable}"
            )
            amount = refundable
        if amount:
            Refund.objects.create(
                order=payment.order,
                payment=payment,
                amount=amount,
                reason="Hoàn tiền tại cổng thanh toán / refunded at the gateway",
                psp_reference=reference,
            )
            apply_refund(payment, amount)
        flag_for_review(payment, reason=reason, amount=amount, reference=reference)
    return 1 if amount else 0
