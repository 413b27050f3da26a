from decimal import Decimal

import pytest

from marketplace.checkout.complete import complete_checkout
from marketplace.events import services as events
from marketplace.events.models import Event, EventDelivery
from marketplace.orders import services as orders
from marketplace.payments.refunds import refund_lines


@pytest.fixture
def received():
    """A subscriber that keeps what it receives, as the programme ledger will."""
    seen = []
    events.subscribe(events.EventType.ORDER_LINE_PAID, seen.append, name="test-ledger")
    events.subscribe(events.EventType.ORDER_LINE_REFUNDED, seen.append, name="test-ledger")
    yield seen
    events.unsubscribe(events.EventType.ORDER_LINE_PAID, "test-ledger")
    events.unsubscribe(events.EventType.ORDER_LINE_REFUNDED, "test-ledger")


def paid_cod_order(make_seller, ready_checkout):
    order = complete_checkout(ready_checkout((make_seller(price=100000), 2)), "cod")
    part = order.producer_orders.get()
    orders.fulfil(part, tracking_code="VN1")
    orders.mark_delivered(part)
    return order


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_subscribers_get_each_paid_line_after_commit(make_seller, ready_checkout, received):
    order = paid_cod_order(make_seller, ready_checkout)

    assert [event.payload["order_line"] for event in received] == [order.lines.get().pk]
    payload = received[0].payload
    assert (payload["quantity"], payload["gross"], payload["currency"]) == (2, "200000", "VND")
    assert EventDelivery.objects.get(event=received[0], subscriber="test-ledger").succeeded


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_delivered_when_the_transaction_rolls_back(
    make_seller, ready_checkout, received
):
    from django.db import transaction

    order = complete_checkout(ready_checkout((make_seller(price=100000), 1)), "cod")
    part = order.producer_orders.get()
    orders.fulfil(part, tracking_code="VN1")
    with pytest.raises(RuntimeError), transaction.atomic():
        orders.mark_delivered(part)
        raise RuntimeError("the request failed after delivery was recorded")

    assert received == []
    assert not Event.objects.filter(type=events.EventType.ORDER_LINE_PAID).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refund_is_an_event_with_negative_amounts(make_seller, ready_checkout, received):
    order = paid_cod_order(make_seller, ready_checkout)
    line = order.lines.get()

    refund_lines(order, {line.pk: 1}, reason="Một chai bị vỡ")

    refunded = [e for e in received if e.type == events.EventType.ORDER_LINE_REFUNDED]
    assert [(e.payload["quantity"], e.payload["gross"]) for e in refunded] == [(1, "-100000")]
    order.refresh_from_db()
    assert order.total_refunded == Decimal("100000")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_subscriber_is_retried_later(make_seller, ready_checkout):
    calls = []

    def flaky(event):
        calls.append(event.pk)
        if len(calls) == 1:
            raise ConnectionError("ledger database unreachable")

    events.subscribe(events.EventType.ORDER_PAID, flaky, name="flaky")
    try:
        paid_cod_order(make_seller, ready_checkout)
        delivery = EventDelivery.objects.get(subscriber="flaky")
        assert (delivery.succeeded, delivery.attempts) == (False, 1)
        assert "unreachable" in delivery.last_error

        assert events.redeliver_pending() == 1
        assert events.redeliver_pending() == 0
        delivery.refresh_from_db()
        assert (delivery.succeeded, delivery.attempts) == (True, 2)
    finally:
        events.unsubscribe(events.EventType.ORDER_PAID, "flaky")
