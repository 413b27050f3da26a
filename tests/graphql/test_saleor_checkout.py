"""A whole checkout in Saleor's shape over HTTP, as a Saleor storefront sends it: create,
lines added, updated and deleted, e-mail, a Vietnamese address, delivery or a tourism-point
pickup, billing, completion with cash on delivery or VietQR, then the order by its token.
A bad step answers Saleor's CheckoutError code and field and changes nothing."""

import json
from decimal import Decimal

import pytest

from marketplace.checkout.models import Checkout
from marketplace.graphql.core import decode_global_id

MONEY = "{ gross { amount currency } net { amount } tax { amount } }"
CHECKOUT = f"""
  id token email updatedAt languageCode displayGrossPrices taxExemption
  lines {{ id quantity variant {{ id }} unitPrice {MONEY} totalPrice {MONEY}
          undiscountedTotalPrice {{ amount }} isGift }}
  shippingAddress {{ city countryArea country {{ code }} }}
  billingAddress {{ city }}
  shippingMethods {{ id name description price {{ amount }} }}
  availableCollectionPoints {{ id name clickAndCollectOption address {{ city }} }}
  deliveryMethod {{ __typename ... on ShippingMethod {{ id }} ... on Warehouse {{ id }} }}
  subtotalPrice {MONEY} shippingPrice {MONEY} totalPrice {MONEY}
  giftCards {{ id }} voucherCode storedPaymentMethods {{ id }}
"""
ERRORS = "errors { field code message variants lines addressType }"
ADDRESS = {
    "firstName": "Nguyễn Thị Lan",
    "streetAddress1": "Số 5 Trần Phú",
    "city": "Tu Ky",
    "countryArea": "Hải Phòng",
    "country": "VN",
    "phone": "0987654321",
}


@pytest.fixture
def saleor(graphql, demo):
    """Run one mutation or query and return its payload (the first data field)."""

    def run(document, variables=None, **extra):
        body = graphql(document, variables, **extra)
        assert "errors" not in body, body.get("errors")
        return next(iter(body["data"].values()))

    return run


def variant_of(saleor, slug):
    product = saleor(
        'query($slug: String) { product(slug: $slug, channel: "default-channel") '
        "{ defaultVariant { id quantityAvailable } } }",
        {"slug": slug},
    )
    return product["defaultVariant"]


def create(saleor, lines, **input):
    return saleor(
        "mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) "
        f"{{ created checkout {{ {CHECKOUT} }} {ERRORS} checkoutErrors {{ code }} }} }}",
        {"input": {"channel": "default-channel", "lines": lines, **input}},
    )


def step(saleor, name, arguments, variables):
    """`name(id: $id, …)` with the given argument declarations."""
    declared = ", ".join(f"${key}: {kind}" for key, kind in arguments.items())
    passed = ", ".join(f"{key}: ${key}" for key in arguments)
    return saleor(
        f"mutation({declared}) {{ {name}({passed}) {{ checkout {{ {CHECKOUT} }} {ERRORS} }} }}",
        variables,
    )


def amounts_add_up(checkout):
    lines = sum(Decimal(str(line["totalPrice"]["gross"]["amount"])) for line in checkout["lines"])
    assert Decimal(str(checkout["subtotalPrice"]["gross"]["amount"])) == lines
    for money in ("subtotalPrice", "shippingPrice", "totalPrice"):
        taxed = checkout[money]
        assert taxed["net"]["amount"] + taxed["tax"]["amount"] == taxed["gross"]["amount"]
    assert checkout["totalPrice"]["gross"]["amount"] == (
        checkout["subtotalPrice"]["gross"]["amount"] + checkout["shippingPrice"]["gross"]["amount"]
    )


def build_checkout(saleor):
    rice, sauce = (
        variant_of(saleor, "gao-nep-cai-hoa-vang"),
        variant_of(saleor, "nuoc-mam-ca-com-nguyen-giap"),
    )
    created = create(saleor, [], languageCode="VI")
    assert created["errors"] == [] and created["created"] is True
    checkout_id = created["checkout"]["id"]
    lines = {"id": "ID", "lines": "[CheckoutLineInput!]!"}
    added = step(
        saleor,
        "checkoutLinesAdd",
        lines,
        {
            "id": checkout_id,
            "lines": [
                {"variantId": rice["id"], "quantity": 1},
                {"variantId": sauce["id"], "quantity": 1},
            ],
        },
    )
    assert added["errors"] == [] and len(added["checkout"]["lines"]) == 2
    line_ids = {line["variant"]["id"]: line["id"] for line in added["checkout"]["lines"]}
    updated = step(
        saleor,
        "checkoutLinesUpdate",
        {"id": "ID", "lines": "[CheckoutLineUpdateInput!]!"},
        {"id": checkout_id, "lines": [{"lineId": line_ids[rice["id"]], "quantity": 2}]},
    )
    assert [line["quantity"] for line in updated["checkout"]["lines"]] == [2, 1]
    deleted = step(
        saleor,
        "checkoutLineDelete",
        {"id": "ID", "lineId": "ID"},
        {"id": checkout_id, "lineId": line_ids[sauce["id"]]},
    )
    assert [line["variant"]["id"] for line in deleted["checkout"]["lines"]] == [rice["id"]]
    back = step(
        saleor,
        "checkoutLinesAdd",
        lines,
        {"id": checkout_id, "lines": [{"variantId": sauce["id"], "quantity": 1}]},
    )
    amounts_add_up(back["checkout"])
    emailed = step(
        saleor,
        "checkoutEmailUpdate",
        {"id": "ID", "email": "String!"},
        {"id": checkout_id, "email": "lan@example.vn"},
    )
    assert emailed["checkout"]["email"] == "lan@example.vn"
    shipped = step(
        saleor,
        "checkoutShippingAddressUpdate",
        {"id": "ID", "shippingAddress": "AddressInput!"},
        {"id": checkout_id, "shippingAddress": ADDRESS},
    )
    assert shipped["errors"] == [] and shipped["checkout"]["shippingAddress"]["city"] == "Tứ Kỳ"
    billed = step(
        saleor,
        "checkoutBillingAddressUpdate",
        {"id": "ID", "billingAddress": "AddressInput!"},
        {"id": checkout_id, "billingAddress": ADDRESS},
    )
    assert billed["checkout"]["billingAddress"]["city"] == "Tứ Kỳ"
    return checkout_id, shipped["checkout"]


def complete(saleor, checkout_id, gateway):
    paid = saleor(
        "mutation($id: ID, $gateway: String!) { checkoutPaymentCreate(id: $id, "
        "input: {gateway: $gateway}) { payment { id gateway chargeStatus total { amount } } "
        "errors { code } paymentErrors { code } } }",
        {"id": checkout_id, "gateway": gateway},
    )
    assert paid["errors"] == [] and paid["payment"]["chargeStatus"] == "NOT_CHARGED"
    return saleor(
        "mutation($id: ID) { checkoutComplete(id: $id) { confirmationNeeded confirmationData "
        f"order {{ id number status chargeStatus totalCharged {{ amount }} "
        f"total {MONEY} subtotal {MONEY} shippingPrice {MONEY} "
        "lines { productVariantId quantity taxRate thumbnail { url } "
        f"totalPrice {MONEY} }} }} {ERRORS} }} }}",
        {"id": checkout_id},
    )


def test_a_saleor_checkout_with_home_delivery_and_cash_on_delivery(saleor):
    checkout_id, checkout = build_checkout(saleor)
    method = checkout["shippingMethods"][0]
    assert json.loads(method["description"])["blocks"]
    delivered = step(
        saleor,
        "checkoutDeliveryMethodUpdate",
        {"id": "ID", "deliveryMethodId": "ID"},
        {"id": checkout_id, "deliveryMethodId": method["id"]},
    )
    assert delivered["checkout"]["deliveryMethod"]["__typename"] == "ShippingMethod"
    amounts_add_up(delivered["checkout"])
    assert delivered["checkout"]["shippingPrice"]["gross"]["amount"] > 0

    completed = complete(saleor, checkout_id, "ocop.payments.cod")
    assert completed["errors"] == [] and completed["confirmationNeeded"] is False
    order = completed["order"]
    assert order["status"] == "UNFULFILLED" and order["chargeStatus"] == "NONE"
    assert (
        order["total"]["gross"]["amount"] == delivered["checkout"]["totalPrice"]["gross"]["amount"]
    )
    assert (
        order["total"]["net"]["amount"] + order["total"]["tax"]["amount"]
        == (order["total"]["gross"]["amount"])
    )
    assert (
        order["subtotal"]["gross"]["amount"] + order["shippingPrice"]["gross"]["amount"]
        == (order["total"]["gross"]["amount"])
    )
    assert all(line["taxRate"] in (0.05, 0.08, 0.1) for line in order["lines"])

    # the confirmation page reads the order by its id (it carries the order's token)
    assert decode_global_id(order["id"])[0] == "Order"
    found = saleor(
        "query($id: ID!) { order(id: $id) { number totalBalance { amount } "
        "deliveryMethod { __typename } paymentStatusDisplay } }",
        {"id": order["id"]},
    )
    assert found["number"] == order["number"]
    assert found["totalBalance"]["amount"] == -order["total"]["gross"]["amount"]
    assert not Checkout.objects.filter(token=decode_global_id(checkout_id)[1], completed_order=None)


def test_a_saleor_checkout_picked_up_at_a_tourism_point_and_paid_by_vietqr(saleor):
    checkout_id, checkout = build_checkout(saleor)
    points = checkout["availableCollectionPoints"]
    assert points and {point["clickAndCollectOption"] for point in points} == {"LOCAL"}
    picked = step(
        saleor,
        "checkoutDeliveryMethodUpdate",
        {"id": "ID", "deliveryMethodId": "ID"},
        {"id": checkout_id, "deliveryMethodId": points[0]["id"]},
    )
    assert picked["errors"] == []
    assert picked["checkout"]["deliveryMethod"] == {
        "__typename": "Warehouse",
        "id": points[0]["id"],
    }
    assert picked["checkout"]["shippingPrice"]["gross"]["amount"] == 0
    completed = complete(saleor, checkout_id, "ocop.payments.vietqr")
    assert completed["errors"] == [] and completed["confirmationNeeded"] is True
    data = completed["confirmationData"]
    data = data if isinstance(data, dict) else json.loads(data)
    assert data["vietqr_payload"].startswith("000201") and data["transfer_note"]
    assert completed["order"]["totalCharged"]["amount"] == 0


def test_a_bad_step_answers_saleors_error_and_changes_nothing(saleor):
    checkout_id, checkout = build_checkout(saleor)
    before = [(line["id"], line["quantity"]) for line in checkout["lines"]]
    variant = checkout["lines"][0]["variant"]["id"]

    too_many = step(
        saleor,
        "checkoutLinesAdd",
        {"id": "ID", "lines": "[CheckoutLineInput!]!"},
        {"id": checkout_id, "lines": [{"variantId": variant, "quantity": 100000}]},
    )
    assert too_many["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    assert too_many["errors"][0]["field"] == "quantity"
    assert too_many["errors"][0]["variants"] == [variant]
    assert [(line["id"], line["quantity"]) for line in too_many["checkout"]["lines"]] == before

    abroad = step(
        saleor,
        "checkoutShippingAddressUpdate",
        {"id": "ID", "shippingAddress": "AddressInput!"},
        {"id": checkout_id, "shippingAddress": {**ADDRESS, "country": "FR"}},
    )
    error = abroad["errors"][0]
    assert (error["code"], error["field"], error["addressType"]) == (
        "INVALID",
        "country",
        "SHIPPING",
    )
    assert "Việt Nam" in error["message"] and "Vietnam" in error["message"]
    assert abroad["checkout"]["shippingAddress"]["city"] == "Tứ Kỳ"  # the previous one stays

    unknown_line = step(
        saleor,
        "checkoutLineDelete",
        {"id": "ID", "lineId": "ID"},
        {"id": checkout_id, "lineId": "Q2hlY2tvdXRMaW5lOjk5OTk5OQ=="},
    )
    assert (unknown_line["errors"][0]["code"], unknown_line["errors"][0]["field"]) == (
        "NOT_FOUND",
        "lineId",
    )
    promo = step(
        saleor,
        "checkoutAddPromoCode",
        {"id": "ID", "promoCode": "String!"},
        {"id": checkout_id, "promoCode": "TET2027"},
    )
    assert (promo["errors"][0]["code"], promo["errors"][0]["field"]) == ("INVALID", "promoCode")
    custom_price = step(
        saleor,
        "checkoutLinesAdd",
        {"id": "ID", "lines": "[CheckoutLineInput!]!"},
        {"id": checkout_id, "lines": [{"variantId": variant, "quantity": 1, "price": 1}]},
    )
    assert custom_price["errors"][0]["field"] == "price"
    final = saleor(f"query($id: ID) {{ checkout(id: $id) {{ {CHECKOUT} }} }}", {"id": checkout_id})
    assert [(line["id"], line["quantity"]) for line in final["lines"]] == before

    no_delivery = saleor(
        f"mutation($id: ID) {{ checkoutComplete(id: $id) {{ order {{ id }} {ERRORS} }} }}",
        {"id": checkout_id},
    )
    assert no_delivery["order"] is None
    assert no_delivery["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"  # nothing pays for it


def test_search_sorted_by_rank_finds_unaccented_vietnamese(saleor):
    ranked = saleor(
        '{ products(first: 5, channel: "default-channel", search: "gao nep", '
        "sortBy: {field: RANK, direction: DESC}) { edges { node { name } } } }"
    )
    names = [edge["node"]["name"] for edge in ranked["edges"]]
    assert names and "Gạo nếp" in names[0]


def test_rank_without_a_search_is_refused_as_saleor_does(graphql, demo):
    body = graphql(
        '{ products(first: 5, channel: "default-channel", '
        "sortBy: {field: RANK, direction: DESC}) { edges { node { name } } } }"
    )
    assert "search" in body["errors"][0]["message"]
