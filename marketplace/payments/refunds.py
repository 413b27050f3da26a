"""Refund order lines: through Stripe for card payments, recorded by hand otherwise."""

import uuid

from django.db import transaction

from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.events.services import EventType, emit
from marketplace.money import quantize
from marketplace.orders.models import Order, OrderLine
from marketplace.payments import services as payments
from marketplace.payments import stripe_gateway
from marketplace.payments.models import Gateway, Payment, PaymentStatus, Refund, RefundLine

REFUNDABLE = (
    PaymentStatus.CHARGED,
    PaymentStatus.PARTIALLY_REFUNDED,
    PaymentStatus.PARTIALLY_CHARGED,
)


def refund_lines(order: Order, quantities: dict[int, int], *, reason: str, user=None) -> Refund:
    """Refund `quantities` (order line id → units); each refunded line emits an event."""
    if not reason.strip():
        raise CommerceError(CommerceErrorCode.REQUIRED, "reason")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        lines = _lines(order, quantities)
        amount = sum((quantize(line.unit_price * qty, order.currency) for line, qty in lines), 0)
        payment = _refundable_payment(order, amount)
        reference = ""
        if payment.gateway == Gateway.STRIPE:
            reference = stripe_gateway.refund(
                payment, amount, idempotency_key=f"refund-{order.pk}-{uuid.uuid4().hex}"
            )
        refund = Refund.objects.create(
            order=order,
            payment=payment,
            amount=amount,
            reason=reason.strip(),
            psp_reference=reference,
            created_by=user,
        )
        for line, quantity in lines:
            _refund_line(refund, line, quantity)
        payments.apply_refund(payment, amount)
    return refund


def _lines(order: Order, quantities: dict[int, int]) -> list[tuple[OrderLine, int]]:
    if not quantities:
        raise CommerceError(CommerceErrorCode.REQUIRED, "lines")
    lines = {line.pk: line for line in order.lines.select_for_update().filter(pk__in=quantities)}
    chosen = []
    for line_id, quantity in quantities.items():
        line = lines.get(int(line_id))
        if line is None:
            raise CommerceError(CommerceErrorCode.NOT_FOUND, "lines", what=f"order line {line_id}")
        if quantity <= 0 or quantity > line.quantity - line.quantity_refunded:
            raise CommerceError(
                CommerceErrorCode.INVALID,
                "quantity",
                detail=f"{quantity} of {line.quantity - line.quantity_refunded} refundable",
            )
        chosen.append((line, quantity))
    return chosen


def _refundable_payment(order: Order, amount) -> Payment:
    payment = order.payments.filter(status__in=REFUNDABLE).order_by("pk").first()
    captured = payment.captured_amount - payment.refunded_amount if payment else 0
    if payment is None or amount > captured:
        raise CommerceError(
            CommerceErrorCode.REFUND_TOO_LARGE, "amount", amount=amount, captured=captured
        )
    return payment


def _refund_line(refund: Refund, line: OrderLine, quantity: int) -> None:
    amount = quantize(line.unit_price * quantity, line.currency)
    commission = quantize(line.commission_amount * quantity / line.quantity, line.currency)
    RefundLine.objects.create(
        refund=refund,
        order_line=line,
        quantity=quantity,
        amount=amount,
        commission_amount=commission,
    )
    line.quantity_refunded += quantity
    line.save(update_fields=["quantity_refunded"])
    emit(
        EventType.ORDER_LINE_REFUNDED,
        {
            "order": line.order_id,
            "order_line": line.pk,
            "refund": refund.pk,
            "quantity": quantity,
            "gross": str(-amount),
            "commission": str(-commission),
            "currency": line.currency,
        },
    )
