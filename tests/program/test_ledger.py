"""The sales ledger is written from the commerce event log, once per line, and refunds."""

from decimal import Decimal

import pytest

from marketplace.checkout.complete import complete_checkout
from marketplace.events import services as events
from marketplace.events.models import Event, EventDelivery
from marketplace.orders import services as orders
from marketplace.payments.reconciliation import reconcile
from marketplace.payments.refunds import refund_lines
from marketplace.payments.services import record_cash
from program.models import SalesLedgerEntry
from program.services import aggregates
from program.services.ledger import on_order_paid
from program.services.scope import scope_for
from tests.program.conftest import this_year

pytestmark = pytest.mark.django_db


def year_totals():
    return aggregates.totals(scope_for(*this_year()))


def test_a_paid_cod_order_is_one_ledger_row_per_line(paid_cod_order):
    order = paid_cod_order(price=100000, quantity=2)

    entry = SalesLedgerEntry.objects.get()
    line = order.lines.get()
    assert (entry.source, entry.kind, entry.order_line_id) == (f"sale:{line.pk}", "sale", line.pk)
    assert (entry.quantity, entry.gross, entry.currency) == (2, Decimal("200000"), "VND")
    assert entry.channel_kind == "online"
    assert entry.producer_id == line.producer_order.producer_id
    assert entry.administrative_unit_id == line.producer_order.producer.commune_id
    assert year_totals().gross == Decimal("200000")


def test_a_replayed_payment_event_writes_nothing(paid_cod_order, committed):
    paid_cod_order()
    event = Event.objects.get(type=events.EventType.ORDER_PAID)

    on_order_paid(event)
    EventDelivery.objects.filter(event=event).delete()
    committed(events.deliver, event.pk)

    assert SalesLedgerEntry.objects.count() == 1
    assert year_totals().gross == Decimal("200000")


def test_a_refund_is_a_negative_row_and_the_totals_drop(paid_cod_order, committed):
    order = paid_cod_order(price=100000, quantity=2)
    line = order.lines.get()

    refund = committed(refund_lines, order, {line.pk: 1}, reason="Hộp bị móp")

    row = SalesLedgerEntry.objects.get(kind="refund")
    assert row.source == f"refund:{refund.pk}:{line.pk}"
    assert (row.quantity, row.gross) == (-1, Decimal("-100000"))
    totals = year_totals()
    assert (totals.gross, totals.refunds, totals.quantity) == (
        Decimal("100000"),
        Decimal("100000"),
        1,
    )


def test_a_vietqr_transfer_books_the_sale_when_reconciled(
    make_seller, ready_checkout, committed, settings
):
    settings.VIETQR_BANK_BIN, settings.VIETQR_ACCOUNT_NUMBER = "970405", "102000000001"
    order = complete_checkout(ready_checkout((make_seller(price=100000), 1)), "vietqr")
    assert not SalesLedgerEntry.objects.exists()

    statement = f"reference,date,amount,note\nFT1,29/11/2026,130.000,CK {order.code}\n"
    committed(reconcile, statement.encode())

    assert list(SalesLedgerEntry.objects.values_list("gross", "channel_kind")) == [
        (Decimal("100000"), "online")
    ]


def test_kiosk_cash_is_booked_in_the_kiosk_channel(make_seller, online, ready_checkout, committed):
    online.kind, online.payment_gateways = "kiosk", ["cash"]
    online.save()
    order = complete_checkout(ready_checkout((make_seller(price=95000), 1)), "cash")

    committed(record_cash, order, 200000)

    entry = SalesLedgerEntry.objects.get()
    assert (entry.channel_kind, entry.gross) == ("kiosk", Decimal("95000"))


def test_an_unpaid_or_cancelled_order_is_not_in_the_ledger(make_seller, ready_checkout, committed):
    order = complete_checkout(ready_checkout((make_seller(), 1)), "cod")

    committed(orders.cancel_order, order, reason="Khách đổi ý")

    assert not SalesLedgerEntry.objects.exists()


def test_ledger_rows_cannot_be_changed(paid_cod_order):
    paid_cod_order()
    entry = SalesLedgerEntry.objects.get()
    entry.gross = Decimal(1)

    with pytest.raises(ValueError, match="append-only"):
        entry.save()


def test_a_card_payment_confirmed_by_the_signed_webhook_is_booked_once(
    client, make_seller, ready_checkout, stripe_settings, settings, committed
):
    from marketplace.payments import stripe_gateway
    from tests.marketplace.test_payments_stripe import confirm, intent_event, post_event

    order = complete_checkout(ready_checkout((make_seller(price=120000), 2)), "stripe")
    payment = stripe_gateway.create_payment_intent(
        order.payments.get(), payment_method="pm_card_visa"
    )
    event = intent_event("evt_ledger_1", "payment_intent.succeeded", confirm(payment).to_dict())

    committed(post_event, client, settings, event)
    committed(post_event, client, settings, event)  # Stripe sends it again

    entry = SalesLedgerEntry.objects.get()
    assert (entry.order_line.order_id, entry.gross, entry.channel_kind) == (
        order.pk,
        Decimal("240000"),
        "online",
    )
