"""Turn a checkout into one order split per producer, atomically and exactly once."""

from django.db import transaction
from django.utils import timezone

from marketplace.checkout.models import Checkout, DeliveryMethod
from marketplace.checkout.services import expires_at
from marketplace.checkout.totals import compute_totals
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.events.services import EventType, emit
from marketplace.orders.lines import freeze_line
from marketplace.orders.models import Order, OrderStatus, ProducerOrder
from marketplace.payments import services as payments
from marketplace.payments.models import Gateway
from marketplace.warehouses.services import (
    allocate,
    delivery_warehouses,
    lock_stocks_for,
)


def complete_checkout(checkout: Checkout, gateway: str | None = None) -> Order:
    """Place the order and open its payment; completing again returns the same order.

    Stock rows are locked in primary-key order and allocated in the same transaction
    as the order, so concurrent buyers can never be sold more than there is."""
    with transaction.atomic():
        checkout = (
            Checkout.objects.select_for_update(of=("self",))
            .select_related("channel", "shipping_address__province", "shipping_address__commune")
            .get(pk=checkout.pk)
        )
        if checkout.completed_order_id:
            return checkout.completed_order
        gateway = gateway or checkout.payment_gateway
        _check_ready(checkout, gateway)
        totals = compute_totals(checkout)
        deliveries = {d.producer_id: d for d in checkout.deliveries.select_related("rate")}
        _check_deliveries(checkout, totals, deliveries)
        lock_stocks_for([line for part in totals.parts for line in part.lines])
        order = _create_order(checkout, totals, gateway)
        for part in totals.parts:
            _create_producer_order(order, part, deliveries[part.producer.pk], totals)
        checkout.completed_order = order
        checkout.save(update_fields=["completed_order"])
        payments.open_payment(order, gateway)
        emit(EventType.ORDER_CREATED, {"order": order.pk, "gateway": gateway})
    return order


def _check_ready(checkout: Checkout, gateway: str) -> None:
    if expires_at(checkout) < timezone.now():
        raise CommerceError(CommerceErrorCode.CHECKOUT_EXPIRED, "checkout")
    if not checkout.lines.exists():
        raise CommerceError(CommerceErrorCode.CHECKOUT_EMPTY, "lines")
    if not (checkout.email or checkout.phone):
        raise CommerceError(CommerceErrorCode.CONTACT_REQUIRED, "email")
    if not gateway:
        raise CommerceError(CommerceErrorCode.PAYMENT_REQUIRED, "gateway")
    if gateway not in Gateway.values or gateway not in checkout.channel.payment_gateways:
        raise CommerceError(
            CommerceErrorCode.PAYMENT_METHOD_NOT_ALLOWED,
            "gateway",
            gateway=gateway,
            channel=checkout.channel.name,
        )


def _check_deliveries(checkout, totals, deliveries) -> None:
    for part in totals.parts:
        delivery = deliveries.get(part.producer.pk)
        if delivery is None:
            raise CommerceError(
                CommerceErrorCode.DELIVERY_METHOD_REQUIRED,
                "delivery_method",
                producer=part.producer.name,
            )
        if delivery.method == DeliveryMethod.HOME_DELIVERY and not checkout.shipping_address_id:
            raise CommerceError(CommerceErrorCode.ADDRESS_REQUIRED, "shipping_address")


def _create_order(checkout: Checkout, totals, gateway: str) -> Order:
    confirmed = gateway == Gateway.COD
    return Order.objects.create(
        checkout_token=checkout.token,
        channel=checkout.channel,
        user=checkout.user,
        email=checkout.email,
        phone=checkout.phone,
        shipping_address=_snapshot(checkout.shipping_address),
        billing_address=_snapshot(checkout.billing_address),
        status=OrderStatus.UNFULFILLED if confirmed else OrderStatus.UNCONFIRMED,
        currency=totals.currency,
        subtotal=totals.subtotal,
        delivery_total=totals.delivery,
        total=totals.total,
    )


def _snapshot(address):
    return address.as_snapshot() if address else None


def _create_producer_order(order, part, delivery, totals) -> ProducerOrder:
    pickup = delivery.method == DeliveryMethod.PICKUP
    sub_order = ProducerOrder.objects.create(
        order=order,
        producer=part.producer,
        delivery_method=delivery.method,
        delivery_name=delivery.pickup_warehouse.name if pickup else delivery.rate.name,
        pickup_warehouse=delivery.pickup_warehouse if pickup else None,
        subtotal=part.subtotal,
        delivery_price=part.delivery,
        total=part.total,
    )
    warehouses = (
        [delivery.pickup_warehouse]
        if pickup
        else list(delivery_warehouses(part.producer.pk, order.channel))
    )
    for line in part.lines:
        unit_price = totals.unit_prices[line.variant.pk]
        order_line = freeze_line(order, sub_order, line.variant, line.quantity, unit_price)
        allocate(order_line, warehouses)
    return sub_order
