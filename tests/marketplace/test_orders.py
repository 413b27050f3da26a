from decimal import Decimal

import pytest

from marketplace.checkout.complete import complete_checkout
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.orders import services
from marketplace.orders.models import CommissionRule, Order, OrderLine
from marketplace.warehouses.models import Stock


def stock_of(seller):
    return Stock.objects.get(warehouse=seller.warehouse, variant=seller.variant)


def test_three_producers_give_one_order_with_three_sub_orders(make_seller, ready_checkout):
    # given a checkout with lines from three producers
    sellers = [make_seller(price=100000), make_seller(price=50000), make_seller(price=70000)]
    checkout = ready_checkout((sellers[0], 1), (sellers[1], 2), (sellers[2], 3))

    # when it is completed with cash on delivery
    order = complete_checkout(checkout, "cod")

    # then one order, three sub-orders, every line frozen and its stock allocated
    assert order.producer_orders.count() == 3
    assert order.subtotal == Decimal("410000")
    assert order.delivery_total == Decimal("90000")
    assert order.total == Decimal("500000")
    assert order.status == "unfulfilled"
    assert order.code == f"OCOP{order.pk:06d}"
    assert [stock_of(s).quantity_allocated for s in sellers] == [1, 2, 3]
    line = order.lines.get(producer_order__producer=sellers[1].producer)
    assert (line.product_name, line.unit_price, line.total) == (
        sellers[1].variant.product.name,
        Decimal("50000"),
        Decimal("100000"),
    )
    assert sum(p.total for p in order.producer_orders.all()) == order.total


def test_completing_twice_returns_the_same_order(make_seller, ready_checkout):
    seller = make_seller()
    checkout = ready_checkout((seller, 2))

    first = complete_checkout(checkout, "cod")
    second = complete_checkout(checkout, "cod")

    assert first == second
    assert Order.objects.count() == 1
    assert stock_of(seller).quantity_allocated == 2


def test_lines_are_frozen_against_later_changes(make_seller, ready_checkout, online):
    from marketplace.channels.services import set_variant_price

    seller = make_seller(price=100000)
    order = complete_checkout(ready_checkout((seller, 1)), "cod")
    set_variant_price(seller.variant, online, 150000)
    seller.variant.product.name = "Tên mới"
    seller.variant.product.save()

    line = OrderLine.objects.get(order=order)
    assert line.unit_price == Decimal("100000")
    assert line.product_name != "Tên mới"


def test_commission_is_frozen_per_producer_or_group(make_seller, ready_checkout):
    from catalog.models import ProductGroup

    by_producer, by_group, none = (
        make_seller(),
        make_seller(group_code="1.2"),
        make_seller(group_code="4.1"),
    )
    CommissionRule.objects.create(producer=by_producer.producer, rate=Decimal("5"))
    CommissionRule.objects.create(
        product_group=ProductGroup.objects.get(code="1"), rate=Decimal("3")
    )
    order = complete_checkout(ready_checkout((by_producer, 1), (by_group, 1), (none, 1)), "cod")

    rates = {
        line.producer_order.producer_id: (line.commission_rate, line.commission_amount)
        for line in order.lines.all()
    }
    assert rates[by_producer.producer.pk] == (Decimal("5.00"), Decimal("6000"))
    assert rates[by_group.producer.pk] == (Decimal("3.00"), Decimal("3600"))
    assert rates[none.producer.pk] == (Decimal("0"), Decimal("0"))
    CommissionRule.objects.filter(producer=by_producer.producer).update(rate=Decimal("9"))
    assert order.lines.get(producer_order__producer=by_producer.producer).commission_rate == 5


def test_cancelling_releases_the_stock(make_seller, ready_checkout):
    first, second = make_seller(), make_seller()
    order = complete_checkout(ready_checkout((first, 2), (second, 1)), "cod")
    part = order.producer_orders.get(producer=first.producer)

    services.cancel_producer_order(part, reason="Hết hàng mùa vụ")

    order.refresh_from_db()
    assert stock_of(first).quantity_allocated == 0
    assert stock_of(second).quantity_allocated == 1
    assert order.status == "unfulfilled"
    services.cancel_order(order, reason="Khách đổi ý")
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert stock_of(second).quantity_allocated == 0
    assert order.payments.get().status == "cancelled"


def test_a_cancellation_needs_a_reason(make_seller, ready_checkout):
    order = complete_checkout(ready_checkout((make_seller(), 1)), "cod")
    with pytest.raises(CommerceError) as error:
        services.cancel_order(order, reason=" ")
    assert error.value.code == CommerceErrorCode.REQUIRED


def test_fulfilment_per_sub_order_moves_the_order_through_its_states(make_seller, ready_checkout):
    first, second = make_seller(stock=10), make_seller(stock=10)
    order = complete_checkout(ready_checkout((first, 2), (second, 1)), "cod")
    part_one, part_two = order.producer_orders.order_by("pk")

    services.fulfil(part_one, tracking_code="VNP123456789VN")
    order.refresh_from_db()
    assert order.status == "partially_fulfilled"
    assert (stock_of(first).quantity, stock_of(first).quantity_allocated) == (8, 0)

    services.fulfil(part_two, tracking_code="GHN-998877")
    order.refresh_from_db()
    assert order.status == "fulfilled"
    assert part_one.fulfillments.get().tracking_code == "VNP123456789VN"
    with pytest.raises(CommerceError) as error:
        services.cancel_producer_order(part_one, reason="quá muộn")
    assert error.value.code == CommerceErrorCode.INVALID_STATUS


def test_an_unpaid_card_order_cannot_ship(make_seller, ready_checkout):
    order = complete_checkout(ready_checkout((make_seller(), 1)), "stripe")
    assert order.status == "unconfirmed"
    with pytest.raises(CommerceError) as error:
        services.fulfil(order.producer_orders.get(), tracking_code="X")
    assert error.value.code == CommerceErrorCode.INVALID_STATUS
