"""VAT is part of every VAT-inclusive price: net + tax = gross on lines, orders, the
GraphQL TaxedMoney, the ledger and the order page."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.models import ProductGroup
from marketplace.checkout.complete import complete_checkout
from marketplace.orders import vat
from marketplace.taxes import VAT_RATES, taxed, vat_of
from program.services.ledger import SalesPoints, sale_entry


@given(
    gross=st.decimals(min_value=0, max_value=10**11, places=0),
    rate=st.sampled_from(VAT_RATES),
)
def test_net_and_tax_add_up_to_the_gross_amount(gross, rate):
    amounts = taxed(gross, rate, "VND")
    assert amounts.net + amounts.tax == gross
    assert abs(amounts.tax - gross * rate / (100 + rate)) <= Decimal("0.5")  # rounded to 1 ₫


def test_tax_of_a_vat_inclusive_price():
    assert vat_of(108000, 8, "VND") == Decimal(8000)
    assert vat_of(105000, 5, "VND") == Decimal(5000)
    assert vat_of(110000, 10, "VND") == Decimal(10000)
    assert vat_of(99999, 0, "VND") == 0


@pytest.mark.django_db
def test_an_order_carries_vat_per_line_and_shows_it_on_its_page(
    make_seller, ready_checkout, client
):
    # given fish sauce (1.4, 8 %) and rice (1.2, 5 %), with delivery for both producers
    sauce, rice = make_seller(price=108000, group_code="1.4"), make_seller(price=105000)
    rice.variant.product.group = ProductGroup.objects.get(code="1.2a")
    rice.variant.product.save()

    # when the order is placed
    order = complete_checkout(ready_checkout((sauce, 2), (rice, 1)), "cod")

    # then each line keeps its rate and its tax, and the whole adds up
    lines = {line.vat_rate: line for line in order.lines.all()}
    assert lines[Decimal(8)].vat_amount == Decimal(16000)
    assert lines[Decimal(5)].vat_amount == Decimal(5000)
    whole = vat.order_vat(order).total
    assert whole.gross == order.total
    assert whole.net + whole.tax == order.total
    assert whole.tax == 16000 + 5000 + vat_of(order.delivery_total, 8, "VND")

    # and the ledger books the VAT of each line
    entry = sale_entry(lines[Decimal(8)], SalesPoints())
    assert entry.vat == Decimal(16000) and entry.gross == Decimal(216000)

    # and the order page shows the tax by rate, with totals
    page = client.get(f"/don-hang/{order.token}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Thuế GTGT đã gồm trong giá" in page
    assert "16.000\u00a0₫" in page and "5.000\u00a0₫" in page
    assert f"{whole.tax:,.0f}\u00a0₫".replace(",", ".") in page


@pytest.mark.django_db
def test_graphql_prices_split_the_vat_out(make_seller, client):
    import json

    seller = make_seller(price=108000, group_code="1.4")
    query = """{ products(first: 5, channel: "online") { edges { node {
      pricing { priceRange { start { gross { amount } net { amount } tax { amount } } } }
      variants { pricing { price { gross { amount } net { amount } tax { amount } } } }
    } } } }"""
    body = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    node = body.json()["data"]["products"]["edges"][0]["node"]
    start = node["pricing"]["priceRange"]["start"]
    price = node["variants"][0]["pricing"]["price"]
    for money in (start, price):
        assert money["gross"]["amount"] == 108000
        assert money["tax"]["amount"] == 8000
        assert money["net"]["amount"] + money["tax"]["amount"] == money["gross"]["amount"]
    assert seller.variant.product.group.vat_rate == 8
