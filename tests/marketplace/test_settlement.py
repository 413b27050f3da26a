import csv
import io
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone

from marketplace.checkout.complete import complete_checkout
from marketplace.orders import services as orders
from marketplace.orders.models import CommissionRule
from marketplace.orders.settlement import settlement, settlement_csv
from marketplace.payments.refunds import refund_lines


def deliver_all(order):
    for part in order.producer_orders.all():
        orders.fulfil(part, tracking_code="VN")
        orders.mark_delivered(part)


def test_the_settlement_csv_adds_up(make_seller, ready_checkout):
    # given two producers, one paying 5% commission, two paid orders and one refund
    first, second = make_seller(price=100000), make_seller(price=40000)
    CommissionRule.objects.create(producer=first.producer, rate=Decimal("5"))
    order_one = complete_checkout(ready_checkout((first, 3), (second, 1)), "cod")
    order_two = complete_checkout(ready_checkout((first, 1)), "cod")
    deliver_all(order_one)
    deliver_all(order_two)
    refund_lines(
        order_one,
        {order_one.lines.get(producer_order__producer=first.producer).pk: 1},
        reason="Sai mẫu mã",
    )
    today = timezone.localdate()

    rows = {row.producer_id: row for row in settlement(today, today)}
    text = settlement_csv(list(rows.values()))

    one = rows[first.producer.pk]
    assert (one.gross, one.delivery, one.commission) == (
        Decimal("400000"),
        Decimal("60000"),
        Decimal("20000"),
    )
    assert (one.refunds, one.refunded_commission) == (Decimal("100000"), Decimal("5000"))
    assert one.net == Decimal("345000")
    assert len(one.orders) == 2
    two = rows[second.producer.pk]
    assert (two.gross, two.commission, two.net) == (
        Decimal("40000"),
        Decimal("0"),
        Decimal("70000"),
    )
    parsed = list(csv.DictReader(io.StringIO(text)))
    for row in parsed:
        assert Decimal(row["net"]) == (
            Decimal(row["gross"])
            + Decimal(row["delivery"])
            - Decimal(row["commission"])
            - Decimal(row["refunds"])
            + Decimal(row["refunded_commission"])
        )
    # the nets add up to what was charged less what was refunded and the commission kept
    charged = order_one.total + order_two.total
    assert sum(Decimal(row["net"]) for row in parsed) == charged - 100000 - (20000 - 5000)


def test_unpaid_orders_are_not_settled(make_seller, ready_checkout):
    seller = make_seller()
    complete_checkout(ready_checkout((seller, 1)), "cod")
    today = timezone.localdate()
    assert settlement(today, today) == []


def test_the_settlement_command_prints_the_csv_for_one_producer(make_seller, ready_checkout):
    seller, other = make_seller(price=100000), make_seller()
    deliver_all(complete_checkout(ready_checkout((seller, 1), (other, 1)), "cod"))
    today = timezone.localdate().isoformat()
    output = io.StringIO()

    call_command(
        "settlement",
        "--from",
        today,
        "--to",
        today,
        "--producer",
        seller.producer.slug,
        stdout=output,
    )

    rows = list(csv.DictReader(io.StringIO(output.getvalue())))
    assert [row["producer"] for row in rows] == [seller.producer.name]
    assert rows[0]["net"] == "130000.00"
