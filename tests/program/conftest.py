from datetime import date

import pytest

from marketplace.checkout.complete import complete_checkout
from marketplace.orders import services as orders
from tests.marketplace.conftest import address, make_seller, online, ready_checkout  # noqa: F401


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run after-commit work (event delivery, webhooks) as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def paid_cod_order(make_seller, ready_checkout, committed):  # noqa: F811
    """An order paid in cash on delivery: packed, shipped and delivered."""

    def make(price=100000, quantity=2, seller=None):
        seller = seller or make_seller(price=price)
        order = complete_checkout(ready_checkout((seller, quantity)), "cod")
        part = order.producer_orders.get()
        orders.fulfil(part, tracking_code="VN1")
        committed(orders.mark_delivered, part)
        return order

    return make


def this_year():
    today = date.today()
    return date(today.year, 1, 1), date(today.year, 12, 31)
