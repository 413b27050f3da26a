"""Order lifecycle: fulfil and deliver per producer, cancel (releasing stock), refund."""

from django.db import transaction
from django.utils import timezone

from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.events.services import EventType, emit
from marketplace.orders.models import (
    Fulfillment,
    Order,
    OrderStatus,
    ProducerOrder,
    ProducerOrderStatus,
)
from marketplace.payments import services as payments
from marketplace.payments.models import Gateway, PaymentStatus
from marketplace.warehouses.services import release, ship

OPEN = (ProducerOrderStatus.UNFULFILLED,)
SHIPPED = (ProducerOrderStatus.FULFILLED, ProducerOrderStatus.DELIVERED)


def _locked(sub_order: ProducerOrder) -> ProducerOrder:
    return (
        ProducerOrder.objects.select_for_update()
        .select_related("order", "producer")
        .get(pk=sub_order.pk)
    )


def _refuse(action: str, what: str, status: str):
    return CommerceError(
        CommerceErrorCode.INVALID_STATUS, "status", action=action, what=what, status=status
    )


def recompute_status(order: Order) -> Order:
    """The order's status follows its sub-orders once it is confirmed."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    statuses = list(order.producer_orders.values_list("status", flat=True))
    live = [status for status in statuses if status != ProducerOrderStatus.CANCELLED]
    if not live:
        new = OrderStatus.CANCELLED
    elif order.status == OrderStatus.UNCONFIRMED:
        new = OrderStatus.UNCONFIRMED
    elif all(status in SHIPPED for status in live):
        new = OrderStatus.FULFILLED
    elif any(status in SHIPPED for status in live):
        new = OrderStatus.PARTIALLY_FULFILLED
    else:
        new = OrderStatus.UNFULFILLED
    if order.status != OrderStatus.REFUNDED and new != order.status:
        order.status = new
        order.save(update_fields=["status"])
    return order


def fulfil(sub_order: ProducerOrder, *, tracking_code: str = "", user=None) -> ProducerOrder:
    """The producer ships its part: the reserved stock leaves the warehouse."""
    with transaction.atomic():
        sub_order = _locked(sub_order)
        if sub_order.status not in OPEN or sub_order.order.status == OrderStatus.UNCONFIRMED:
            status = sub_order.order.status if sub_order.status in OPEN else sub_order.status
            raise _refuse("giao hàng / ship", "order", status)
        for line in sub_order.lines.order_by("pk"):
            ship(line)
            line.quantity_fulfilled = line.quantity
            line.save(update_fields=["quantity_fulfilled"])
        sub_order.status = ProducerOrderStatus.FULFILLED
        sub_order.tracking_code = tracking_code.strip()
        sub_order.fulfilled_at = timezone.now()
        sub_order.save(update_fields=["status", "tracking_code", "fulfilled_at"])
        Fulfillment.objects.create(
            producer_order=sub_order, tracking_code=sub_order.tracking_code, created_by=user
        )
        recompute_status(sub_order.order)
        emit(
            EventType.ORDER_FULFILLED, {"order": sub_order.order_id, "producer_order": sub_order.pk}
        )
    return sub_order


def mark_delivered(sub_order: ProducerOrder, *, user=None) -> ProducerOrder:
    """The buyer received the parcel; for cash on delivery the producer's part is paid."""
    with transaction.atomic():
        sub_order = _locked(sub_order)
        if sub_order.status != ProducerOrderStatus.FULFILLED:
            raise _refuse("xác nhận đã giao / mark delivered", "sub-order", sub_order.status)
        sub_order.status = ProducerOrderStatus.DELIVERED
        sub_order.delivered_at = timezone.now()
        sub_order.save(update_fields=["status", "delivered_at"])
        cod = (
            sub_order.order.payments.filter(gateway=Gateway.COD)
            .exclude(status__in=[PaymentStatus.CANCELLED, PaymentStatus.FAILED])
            .first()
        )
        if cod is not None:
            payments.record_capture(
                cod,
                sub_order.total,
                source=f"cod-delivery:{sub_order.pk}:{getattr(user, 'pk', '')}",
            )
        recompute_status(sub_order.order)
    return sub_order


def cancel_producer_order(sub_order: ProducerOrder, *, reason: str, user=None) -> ProducerOrder:
    """Cancel one producer's part before it ships; its stock is released."""
    if not reason.strip():
        raise CommerceError(CommerceErrorCode.REQUIRED, "reason")
    with transaction.atomic():
        sub_order = _locked(sub_order)
        if sub_order.status not in OPEN:
            raise _refuse("huỷ / cancel", "sub-order", sub_order.status)
        for line in sub_order.lines.order_by("pk"):
            release(line)
        sub_order.status = ProducerOrderStatus.CANCELLED
        sub_order.cancelled_at = timezone.now()
        sub_order.cancel_reason = reason.strip()
        sub_order.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        order = recompute_status(sub_order.order)
        if order.status == OrderStatus.CANCELLED:
            _close_unpaid_payments(order)
        emit(
            EventType.ORDER_CANCELLED,
            {"order": order.pk, "producer_order": sub_order.pk, "reason": reason.strip()},
        )
    return sub_order


def cancel_order(order: Order, *, reason: str, user=None) -> Order:
    """Cancel every part that has not shipped."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        open_parts = list(order.producer_orders.filter(status__in=OPEN))
        if not open_parts:
            raise _refuse("huỷ / cancel", "order", order.status)
        for sub_order in open_parts:
            cancel_producer_order(sub_order, reason=reason, user=user)
    order.refresh_from_db()
    return order


def _close_unpaid_payments(order: Order) -> None:
    order.payments.filter(
        status__in=[PaymentStatus.PENDING, PaymentStatus.AWAITING_TRANSFER]
    ).update(status=PaymentStatus.CANCELLED)
