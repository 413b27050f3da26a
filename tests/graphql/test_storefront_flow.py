"""A Saleor-style storefront journey over GraphQL alone."""

import json
import uuid

import pytest

from marketplace.graphql.core import decode_global_id, to_global_id
from marketplace.orders.models import Order

CHECKOUT_FIELDS = """
  id token email quantity
  lines { id quantity variant { id name } unitPrice { gross { amount currency } }
          totalPrice { gross { amount } } }
  shippingAddress { firstName streetAddress1 city countryArea country { code } }
  shippingMethods { id name price { amount currency } }
  availableCollectionPoints { id name }
  availablePaymentGateways { id name currencies }
  deliveryMethod { ... on ShippingMethod { id name } ... on Warehouse { id name } }
  subtotalPrice { gross { amount } } shippingPrice { gross { amount } }
  totalPrice { gross { amount currency } }
"""


@pytest.fixture
def buyer_token(graphql, demo):
    registered = graphql("""mutation { accountRegister(input: {email: "lan@example.vn",
      password: "mat-khau-rat-dai-2026", firstName: "Lan", channel: "default-channel"}) {
      user { email } errors { field code message } } }""")["data"]["accountRegister"]
    assert registered["errors"] == []
    created = graphql("""mutation { tokenCreate(email: "lan@example.vn",
      password: "mat-khau-rat-dai-2026") { token refreshToken user { email } errors { code } } }""")
    return created["data"]["tokenCreate"]["token"]


def first_variant(graphql, slug):
    product = graphql(
        'query($slug: String) { product(slug: $slug, channel: "default-channel") '
        "{ name ocop { stars } variants { id quantityAvailable } } }",
        {"slug": slug},
    )["data"]["product"]
    return product["variants"][0]["id"]


def test_list_choose_pay_cod_and_read_the_order(graphql, buyer_token):
    # list products with stars, open two by slug
    listing = graphql(
        '{ products(first: 10, channel: "default-channel", filter: {ocopMinStars: 3}) '
        "{ totalCount edges { node { slug rating } } } }"
    )["data"]["products"]
    assert listing["totalCount"] >= 3
    rice, sauce = (
        first_variant(graphql, "gao-nep-cai-hoa-vang"),
        first_variant(graphql, "nuoc-mam-ca-com-nguyen-giap"),
    )

    # create a checkout and add lines
    created = graphql(
        "mutation($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "
        '"default-channel", email: "lan@example.vn", lines: $lines}) '
        f"{{ checkout {{ {CHECKOUT_FIELDS} }} errors {{ field code message }} }} }}",
        {"lines": [{"variantId": rice, "quantity": 1}]},
        token=buyer_token,
    )["data"]["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    added = graphql(
        "mutation($id: ID, $lines: [CheckoutLineInput!]!) { "
        "checkoutLinesAdd(id: $id, lines: $lines) "
        "{ checkout { quantity lines { quantity } } errors { code } } }",
        {"id": checkout_id, "lines": [{"variantId": sauce, "quantity": 2}]},
    )["data"]["checkoutLinesAdd"]
    assert added["checkout"]["quantity"] == 3

    # set the address, then delivery
    address = {
        "firstName": "Nguyễn Thị Lan",
        "streetAddress1": "Số 5 Trần Phú",
        "city": "Tu Ky",
        "countryArea": "Hải Phòng",
        "country": "VN",
        "phone": "0987654321",
    }
    with_address = graphql(
        "mutation($id: ID, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id, "
        f"shippingAddress: $a) {{ checkout {{ {CHECKOUT_FIELDS} }} "
        "errors { field code message } } }",
        {"id": checkout_id, "a": address},
    )["data"]["checkoutShippingAddressUpdate"]
    assert with_address["errors"] == []
    assert with_address["checkout"]["shippingAddress"]["city"] == "Tứ Kỳ"
    method = with_address["checkout"]["shippingMethods"][0]
    delivered = graphql(
        "mutation($id: ID, $m: ID) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $m) "
        f"{{ checkout {{ {CHECKOUT_FIELDS} }} errors {{ code message }} }} }}",
        {"id": checkout_id, "m": method["id"]},
    )["data"]["checkoutDeliveryMethodUpdate"]
    assert delivered["errors"] == []
    checkout = delivered["checkout"]
    assert checkout["shippingPrice"]["gross"]["amount"] == method["price"]["amount"] > 0
    assert checkout["totalPrice"]["gross"]["amount"] == (
        checkout["subtotalPrice"]["gross"]["amount"] + checkout["shippingPrice"]["gross"]["amount"]
    )
    assert "ocop.payments.cod" in [g["id"] for g in checkout["availablePaymentGateways"]]

    # pay on delivery and complete
    paid = graphql(
        'mutation($id: ID) { checkoutPaymentCreate(id: $id, input: {gateway: "ocop.payments.cod"}) '
        "{ payment { gateway total { amount } } errors { code } } }",
        {"id": checkout_id},
    )["data"]["checkoutPaymentCreate"]
    assert paid["errors"] == []
    completed = graphql(
        "mutation($id: ID) { checkoutComplete(id: $id) { confirmationNeeded "
        "order { id number status paymentStatus isPaid total { gross { amount } } "
        "lines { productName quantity } producerOrders { producer { name } status } } "
        "errors { code message } } }",
        {"id": checkout_id},
    )["data"]["checkoutComplete"]
    assert completed["errors"] == []
    order = completed["order"]
    assert (order["status"], order["paymentStatus"], order["isPaid"]) == (
        "UNFULFILLED",
        "NOT_CHARGED",
        False,
    )
    assert len(order["producerOrders"]) == 2
    assert order["total"]["gross"]["amount"] == checkout["totalPrice"]["gross"]["amount"]

    # read it back as the buyer; a stranger is refused
    mine = graphql(
        "query($id: ID!) { order(id: $id) { number } me { orders(first: 5) { totalCount } } }",
        {"id": order["id"]},
        token=buyer_token,
    )["data"]
    assert mine["order"]["number"] == order["number"]
    assert mine["me"]["orders"]["totalCount"] == 1
    # Saleor's order id carries the order's token: whoever holds it reads the order (as
    # the confirmation page does); the numeric id is refused to anyone but its readers
    by_token = graphql("query($id: ID!) { order(id: $id) { number } }", {"id": order["id"]})
    assert by_token["data"]["order"]["number"] == order["number"]
    placed = Order.objects.get(token=uuid.UUID(decode_global_id(order["id"])[1]))
    numeric = to_global_id("Order", placed.pk)
    stranger = graphql("query($id: ID!) { order(id: $id) { number } }", {"id": numeric})
    assert stranger["data"]["order"] is None
    assert "buyer" in stranger["errors"][0]["message"]


def test_checkout_errors_come_in_saleors_shape(graphql, demo):
    rice = first_variant(graphql, "gao-nep-cai-hoa-vang")
    response = graphql(
        "mutation($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "
        '"default-channel", lines: $lines}) { checkout { id } errors { field code message } } }',
        {"lines": [{"variantId": rice, "quantity": 100000}]},
    )["data"]["checkoutCreate"]
    assert response["checkout"] is None
    assert response["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    assert response["errors"][0]["field"] == "quantity"
    assert "/" in response["errors"][0]["message"]  # Vietnamese / English


def test_vietqr_completion_returns_the_payload_to_show(graphql, demo):
    from marketplace.payments.vietqr import parse

    rice = first_variant(graphql, "gao-nep-cai-hoa-vang")
    checkout_id = graphql(
        "mutation($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "
        '"default-channel", email: "a@example.vn", lines: $lines, shippingAddress: {'
        'firstName: "A", streetAddress1: "1 Trần Phú", city: "11074", countryArea: "31", '
        'phone: "0987654321"}}) { checkout { id shippingMethods { id } } errors { code } } }',
        {"lines": [{"variantId": rice, "quantity": 1}]},
    )["data"]["checkoutCreate"]["checkout"]
    graphql(
        "mutation($id: ID, $m: ID) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $m)"
        " { errors { code } } }",
        {"id": checkout_id["id"], "m": checkout_id["shippingMethods"][0]["id"]},
    )
    graphql(
        "mutation($id: ID) { checkoutPaymentCreate(id: $id, input: {gateway: "
        '"ocop.payments.vietqr"}) { errors { code } } }',
        {"id": checkout_id["id"]},
    )

    completed = graphql(
        "mutation($id: ID) { checkoutComplete(id: $id) { confirmationNeeded "
        "confirmationData order { number status } errors { code } } }",
        {"id": checkout_id["id"]},
    )["data"]["checkoutComplete"]

    data = json.loads(completed["confirmationData"])
    assert completed["confirmationNeeded"] is True
    assert completed["order"]["status"] == "UNCONFIRMED"
    assert parse(data["vietqr_payload"])["62"]["08"] == completed["order"]["number"]


def test_tokens_refresh_verify_and_reject_garbage(graphql, buyer_token, client):
    verified = graphql(
        "mutation($t: String!) { tokenVerify(token: $t) { isValid user { email } } }",
        {"t": buyer_token},
    )["data"]["tokenVerify"]
    assert verified == {"isValid": True, "user": {"email": "lan@example.vn"}}
    wrong = graphql(
        'mutation { tokenCreate(email: "lan@example.vn", password: "sai") '
        "{ token errors { code } } }"
    )["data"]["tokenCreate"]
    assert wrong == {"token": None, "errors": [{"code": "INVALID_CREDENTIALS"}]}
    garbage = client.post(
        "/graphql/",
        json.dumps({"query": "{ me { email } }"}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer abc.def.ghi",
    )
    assert garbage.status_code == 401
    assert graphql("{ me { email } }", token=buyer_token)["data"]["me"]["email"] == "lan@example.vn"


def test_limits_answer_clearly(graphql, demo, client):
    deep = (
        '{ products(first: 1, channel: "default-channel") { edges { node { category { parent '
        "{ parent { parent { parent { parent { parent { parent { parent { parent { name } } } } }"
        " } } } } } } } } }"
    )
    assert "limit is 12" in graphql(deep)["errors"][0]["message"]
    costly = (
        "{ categories(first: 100) { edges { node { products(first: 100, channel: "
        '"default-channel") { edges { node { name slug variants { name sku } } } } } } } }'
    )
    assert "the limit is 25000" in graphql(costly)["errors"][0]["message"]
    malformed = client.post("/graphql/", "{not json", content_type="application/json")
    assert malformed.status_code == 400


def test_wrong_content_types_and_oversized_bodies_get_4xx(client, db):
    wrong_type = client.post("/graphql/", "query=%7B%7D", content_type="text/plain")
    oversized = client.post(
        "/graphql/",
        json.dumps({"query": "{ me { email } }", "pad": "x" * 3_000_000}),
        content_type="application/json",
    )
    nul = client.post(
        "/graphql/",
        json.dumps({"query": '{ product(slug: "a\\u0000") { id } }'}),
        content_type="application/json",
    )
    assert wrong_type.status_code == 400
    # refused by its declared length before the body is read: 413 Content Too Large
    assert oversized.status_code == 413
    assert oversized.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert "NUL" in nul.json()["errors"][0]["message"]


def test_card_payment_through_graphql_and_a_signed_webhook(graphql, demo, stripe_settings, client):
    """Stripe against localstripe: complete, confirm as Stripe.js would, webhook, paid."""
    import hashlib
    import hmac
    import time

    from marketplace.channels.models import Channel
    from marketplace.payments import stripe_gateway

    Channel.objects.filter(slug="default-channel").update(payment_gateways=["cod", "stripe"])
    rice = first_variant(graphql, "gao-nep-cai-hoa-vang")
    checkout = graphql(
        "mutation($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "
        '"default-channel", email: "the@example.vn", lines: $lines, shippingAddress: {'
        'firstName: "A", streetAddress1: "1 Trần Phú", city: "11074", countryArea: "31", '
        'phone: "0987654321"}}) { checkout { id shippingMethods { id } } errors { code } } }',
        {"lines": [{"variantId": rice, "quantity": 1}]},
    )["data"]["checkoutCreate"]["checkout"]
    graphql(
        "mutation($id: ID, $m: ID) { checkoutDeliveryMethodUpdate(id: $id, "
        "deliveryMethodId: $m) { errors { code } } }",
        {"id": checkout["id"], "m": checkout["shippingMethods"][0]["id"]},
    )
    graphql(
        "mutation($id: ID) { checkoutPaymentCreate(id: $id, input: {gateway: "
        '"ocop.payments.stripe"}) { errors { code } } }',
        {"id": checkout["id"]},
    )
    completed = graphql(
        "mutation($id: ID) { checkoutComplete(id: $id) { confirmationNeeded "
        "confirmationData order { id status isPaid } errors { code } } }",
        {"id": checkout["id"]},
    )["data"]["checkoutComplete"]
    data = json.loads(completed["confirmationData"])
    assert completed["confirmationNeeded"] is True
    assert data["client_secret"].startswith(data["id"])

    # the browser confirms with Stripe.js; here the same call goes to localstripe
    stripe_client = stripe_gateway.client()
    stripe_client.v1.payment_intents.update(data["id"], params={"payment_method": "pm_card_visa"})
    intent = stripe_client.v1.payment_intents.confirm(data["id"]).to_dict()
    body = json.dumps(
        {"id": "evt_gql_1", "type": "payment_intent.succeeded", "data": {"object": intent}}
    )
    stamp = int(time.time())
    signature = hmac.new(
        stripe_settings.STRIPE_WEBHOOK_SECRET.encode(), f"{stamp}.{body}".encode(), hashlib.sha256
    ).hexdigest()
    client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"t={stamp},v1={signature}",
    )

    order = Order.objects.get(token=uuid.UUID(decode_global_id(completed["order"]["id"])[1]))
    assert (order.status, order.charge_status) == ("unfulfilled", "full")


def test_gateway_initialize_and_transaction_initialize_choose_how_to_pay(graphql, demo):
    rice = first_variant(graphql, "gao-nep-cai-hoa-vang")
    checkout_id = graphql(
        "mutation($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "
        '"default-channel", lines: $lines}) { checkout { id } } }',
        {"lines": [{"variantId": rice, "quantity": 1}]},
    )["data"]["checkoutCreate"]["checkout"]["id"]

    configs = graphql(
        "mutation($id: ID!) { paymentGatewayInitialize(id: $id) "
        "{ gatewayConfigs { id data } errors { code } } }",
        {"id": checkout_id},
    )["data"]["paymentGatewayInitialize"]
    chosen = graphql(
        "mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: "
        '{id: "ocop.payments.cod"}) { data errors { code } } }',
        {"id": checkout_id},
    )["data"]["transactionInitialize"]
    refused = graphql(
        "mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: "
        '{id: "mirumee.payments.dummy"}) { errors { code message } } }',
        {"id": checkout_id},
    )["data"]["transactionInitialize"]

    assert {c["id"] for c in configs["gatewayConfigs"]} == {
        "ocop.payments.cod",
        "ocop.payments.vietqr",
        "ocop.payments.stripe",
    }
    assert chosen["errors"] == [] and chosen["data"]["next"] == "checkoutComplete"
    assert refused["errors"][0]["code"] == "INVALID"


def test_address_book_create_update_delete(graphql, buyer_token):
    address = {
        "firstName": "Lan",
        "streetAddress1": "5 Trần Phú",
        "city": "11074",
        "countryArea": "31",
        "phone": "0987654321",
    }
    created = graphql(
        "mutation($a: AddressInput!) { accountAddressCreate(input: $a) "
        "{ address { id city } errors { code } } }",
        {"a": address},
        token=buyer_token,
    )["data"]["accountAddressCreate"]
    updated = graphql(
        "mutation($id: ID!, $a: AddressInput!) { accountAddressUpdate(id: $id, "
        "input: $a) { address { id streetAddress1 } errors { code } } }",
        {"id": created["address"]["id"], "a": {**address, "streetAddress1": "7 Lê Lợi"}},
        token=buyer_token,
    )["data"]["accountAddressUpdate"]
    bad = graphql(
        "mutation($a: AddressInput!) { accountAddressCreate(input: $a) { errors { field code } } }",
        {"a": {**address, "phone": "12"}},
        token=buyer_token,
    )["data"]["accountAddressCreate"]
    me = graphql("{ me { addresses { streetAddress1 } } }", token=buyer_token)["data"]["me"]
    assert created["address"]["city"] == "Tứ Kỳ"
    assert updated["address"]["streetAddress1"] == "7 Lê Lợi"
    assert bad["errors"][0]["code"] == "INVALID"
    assert me["addresses"] == [{"streetAddress1": "7 Lê Lợi"}]
