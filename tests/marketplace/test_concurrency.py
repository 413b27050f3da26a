"""Real concurrent database connections competing for the last units."""

import threading

import pytest
from django.db import connection

from marketplace.checkout.complete import complete_checkout
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.orders.models import Order
from marketplace.warehouses.models import Stock

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_at_once(work, arguments):
    """Run `work(argument)` in one thread per argument, released together."""
    barrier = threading.Barrier(len(arguments))
    results = []
    lock = threading.Lock()

    def runner(argument):
        try:
            barrier.wait()
            outcome = ("order", work(argument).pk)
        except CommerceError as error:
            outcome = ("error", error.code)
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=runner, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_buyers_racing_for_the_last_units_never_oversell(make_seller, ready_checkout):
    # given 3 units left and 12 buyers, each with one unit in their checkout
    seller = make_seller(stock=3)
    checkouts = [ready_checkout((seller, 1)) for _ in range(12)]

    # when they all complete at the same moment
    results = run_at_once(lambda checkout: complete_checkout(checkout, "cod"), checkouts)

    # then exactly 3 orders exist and the other 9 were told there is not enough stock
    orders = [value for kind, value in results if kind == "order"]
    errors = [value for kind, value in results if kind == "error"]
    assert len(orders) == 3
    assert errors == [CommerceErrorCode.INSUFFICIENT_STOCK] * 9
    assert Order.objects.count() == 3
    stock = Stock.objects.get(variant=seller.variant)
    assert (stock.quantity, stock.quantity_allocated) == (3, 3)


def test_buyers_of_several_producers_in_opposite_orders_do_not_deadlock(
    make_seller, ready_checkout
):
    first, second = make_seller(stock=4), make_seller(stock=4)
    checkouts = [
        ready_checkout((first, 1), (second, 1))
        if n % 2
        else ready_checkout((second, 1), (first, 1))
        for n in range(8)
    ]

    results = run_at_once(lambda checkout: complete_checkout(checkout, "cod"), checkouts)

    assert sorted(kind for kind, _ in results) == ["error"] * 4 + ["order"] * 4
    assert Stock.objects.get(variant=first.variant).quantity_allocated == 4
    assert Stock.objects.get(variant=second.variant).quantity_allocated == 4


def test_a_double_click_completes_one_order(make_seller, ready_checkout):
    seller = make_seller(stock=5)
    checkout = ready_checkout((seller, 2))

    results = run_at_once(lambda same: complete_checkout(same, "cod"), [checkout] * 4)

    assert {value for kind, value in results} == {Order.objects.get().pk}
    assert Stock.objects.get(variant=seller.variant).quantity_allocated == 2
