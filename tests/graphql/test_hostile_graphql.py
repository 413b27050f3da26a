"""Hostile input against /graphql/: cross-site cookie posts, another producer's part of
an order, guessed transaction and order ids, GTIN changes after stamps, cost and size
bombs, and database errors that must never reach a client."""

import base64
import json

import pytest
from django.test import Client

from catalog.models import Producer, Product
from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.checkout import services as checkout_services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.services import AddressInput
from marketplace.graphql.account.tokens import access_token
from marketplace.graphql.core import to_global_id
from marketplace.graphql.core.limits import MAX_COST, MAX_DOCUMENT_BYTES
from marketplace.graphql.payment.resolvers import transaction_id
from marketplace.management.demo_users import PRODUCER_LOGIN, STAFF_LOGIN
from marketplace.payments.models import Payment

RENAME = 'mutation { productUpdate(id: "%s", input: {name: "Bị đổi tên"}) { errors { code } } }'


def _post(client, body, **extra):
    return client.post("/graphql/", json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def producer_user(demo):
    return User.objects.get(email=PRODUCER_LOGIN[0])


@pytest.fixture
def two_producer_order(demo):
    """A cash-on-delivery order with one line of the demo producer and one of another."""
    own = Product.objects.get(slug="cha-ruoi-tu-ky").variants.order_by("sku").first()
    other_producer = Producer.objects.get(slug="htx-nuoc-mam-nguyen-giap")
    foreign = Product.objects.filter(producer=other_producer).first().variants.first()
    buyer = User.objects.create_user("mua2@example.vn", "mat-khau-mua-2026")
    checkout = checkout_services.create_checkout(
        Channel.objects.get(slug="default-channel"),
        user=buyer,
        email=buyer.email,
        lines=[(own, 1), (foreign, 2)],
    )
    checkout_services.set_shipping_address(
        checkout, AddressInput("Mua Hàng", "0987654321", "31", "11074", "Số 1 Lê Lợi")
    )
    for producer in (own.product.producer, other_producer):
        checkout_services.set_delivery(checkout, producer, rate=producer.delivery_rates.first())
    return complete_checkout(checkout, "cod"), buyer


# 4. cross-site requests with the session cookie
def test_a_cookie_session_post_without_the_csrf_token_is_refused(producer_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(producer_user)
    product = Product.objects.get(slug="cha-ruoi-tu-ky")
    query = RENAME % to_global_id("Product", product.pk)

    as_form = browser.post("/graphql/", {"query": query})  # what a cross-site form sends
    as_json = _post(browser, {"query": query})

    assert as_form.status_code == as_json.status_code == 403
    assert as_json.json()["errors"][0]["extensions"]["code"] == "CSRF_FAILED"
    product.refresh_from_db()
    assert product.name == "Chả rươi Tứ Kỳ"


def test_a_cookie_session_with_the_csrf_token_and_a_bearer_token_both_work(producer_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(producer_user)
    browser.get("/")  # the shop sets the CSRF cookie, as for any of its forms
    csrf = browser.cookies["csrftoken"].value
    product = Product.objects.get(slug="cha-ruoi-tu-ky")

    with_cookie = _post(
        browser, {"query": RENAME % to_global_id("Product", product.pk)}, HTTP_X_CSRFTOKEN=csrf
    )
    api = Client(enforce_csrf_checks=True)  # no cookie: a token is not sent by other sites
    with_token = _post(
        api,
        {"query": "{ me { email } }"},
        HTTP_AUTHORIZATION=f"Bearer {access_token(producer_user)}",
    )

    assert with_cookie.json()["data"]["productUpdate"]["errors"] == []
    assert with_token.json()["data"]["me"]["email"] == producer_user.email


# 5. a producer sees only its own part of an order
def test_a_producer_reads_only_its_part_of_an_order(graphql, two_producer_order, producer_user):
    order, buyer = two_producer_order
    own_part = order.producer_orders.get(producer=producer_user.producer)
    query = """query($id: ID!) { order(id: $id) { token lines { productName }
        subtotal { gross { amount } } total { gross { amount } } billingAddress { phone }
        producerOrders { producer { name } } fulfillments { trackingNumber } } }"""
    order_id = to_global_id("Order", order.pk)

    seen = graphql(query, {"id": order_id}, token=access_token(producer_user))["data"]["order"]
    whole = graphql(query, {"id": order_id}, token=access_token(buyer))["data"]["order"]

    assert len(whole["lines"]) == 2 and len(whole["producerOrders"]) == 2
    assert whole["token"] == str(order.token)
    assert [line["productName"] for line in seen["lines"]] == ["Chả rươi Tứ Kỳ"]
    assert [part["producer"]["name"] for part in seen["producerOrders"]] == [
        producer_user.producer.name
    ]
    assert seen["token"] == "" and seen["billingAddress"] is None
    assert seen["subtotal"]["gross"]["amount"] == float(own_part.subtotal)
    assert seen["total"]["gross"]["amount"] == float(own_part.total)
    assert seen["total"]["gross"]["amount"] < whole["total"]["gross"]["amount"]


# 20. ids cannot be probed
def test_a_missing_and_a_foreign_order_answer_alike(graphql, two_producer_order):
    order, _buyer = two_producer_order
    stranger = access_token(User.objects.create_user("la@example.vn", "mat-khau-la-2026"))
    query = "query($id: ID!) { order(id: $id) { number } }"

    foreign = graphql(query, {"id": to_global_id("Order", order.pk)}, token=stranger)
    missing = graphql(query, {"id": to_global_id("Order", 10**9)}, token=stranger)
    anonymous = [
        graphql(query, {"id": to_global_id("Order", pk)})["errors"][0]["message"]
        for pk in (order.pk, 10**9)
    ]

    assert foreign == missing == {"data": {"order": None}}
    assert anonymous[0] == anonymous[1]


# 6. transactionProcess needs the order's token or its owner
def test_transaction_process_needs_the_token_or_the_owner(graphql, two_producer_order):
    order, buyer = two_producer_order
    payment = order.payments.get()
    payment.gateway, payment.psp_reference = "stripe", "pi_not_on_any_server"
    payment.save()  # were Stripe called, the missing server would fail the request
    query = """mutation($id: ID!) { transactionProcess(id: $id) {
        transaction { id name pspReference chargedAmount { amount } } errors { code } } }"""
    guessed = to_global_id("TransactionItem", payment.pk)
    forged = to_global_id("TransactionItem", f"{payment.pk}.00000000-0000-0000-0000-000000000000")

    for anonymous_id in (guessed, forged):
        answer = graphql(query, {"id": anonymous_id})["data"]["transactionProcess"]
        assert answer == {"transaction": None, "errors": [{"code": "NOT_FOUND"}]}
    payment.status = "charged"
    payment.save()
    by_token = graphql(query, {"id": transaction_id(payment)})["data"]["transactionProcess"]
    by_owner = graphql(query, {"id": guessed}, token=access_token(buyer))["data"]
    assert by_token["transaction"]["pspReference"] == "pi_not_on_any_server"
    assert by_owner["transactionProcess"]["errors"] == []


# 8. a GTIN on stamps never changes, whatever the entry point
def test_a_variants_gtin_cannot_be_changed_over_graphql(graphql, producer_user):
    from traceability.models import Lot

    lot = Lot.objects.filter(variant__product__producer=producer_user.producer).first()
    variant = lot.variant
    query = """mutation($id: ID!, $gtin: String) { productVariantUpdate(id: $id,
        input: {gtin: $gtin, name: "Tên mới"}) {
        productVariant { name } errors { field code } } }"""

    answer = graphql(
        query,
        {"id": to_global_id("ProductVariant", variant.pk), "gtin": "08938100099991"},
        token=access_token(producer_user),
    )["data"]["productVariantUpdate"]

    assert answer["errors"] == [{"field": "gtin", "code": "INVALID"}]
    stored = type(variant).objects.get(pk=variant.pk)
    assert (stored.gtin, stored.name) == (variant.gtin, variant.name)


def test_the_model_refuses_a_gtin_change_from_any_entry_point(demo):
    from catalog.errors import CatalogError
    from traceability.models import Lot

    variant = Lot.objects.first().variant
    variant.gtin = None
    with pytest.raises(CatalogError, match="never be changed"):
        variant.save()


# 14. lengths and ranges are checked; database text never reaches the client
@pytest.mark.parametrize(
    "field, value",
    [("unit", "x" * 50), ("netQuantity", 1e12), ("sku", "S" * 500), ("name", "N" * 5000)],
)
def test_out_of_range_variant_fields_get_a_clear_error(graphql, producer_user, field, value):
    variant = Product.objects.get(slug="cha-ruoi-tu-ky").variants.first()
    query = """mutation($id: ID!, $input: ProductVariantInput!) { productVariantUpdate(id: $id,
        input: $input) { errors { field code message } } }"""

    response = graphql(
        query,
        {"id": to_global_id("ProductVariant", variant.pk), "input": {field: value}},
        token=access_token(producer_user),
    )

    text = json.dumps(response)
    assert "character varying" not in text and "numeric field overflow" not in text
    errors = response["data"]["productVariantUpdate"]["errors"]
    assert errors[0]["code"] == "INVALID" and " / " in errors[0]["message"]


def test_an_unhandled_error_is_logged_but_not_echoed(client, settings, caplog):
    from graphql import GraphQLError

    from marketplace.graphql.core.view import INTERNAL_ERROR, ApiView

    settings.DEBUG = False
    database_text = 'value too long for type character varying(8) in "catalog_productvariant"'
    error = GraphQLError("wrapped", original_error=Exception(database_text))
    formatted = ApiView.format_error(error)
    assert formatted["message"] == INTERNAL_ERROR
    assert database_text not in json.dumps(formatted)


# 10. cost and size are counted before anything runs
def test_a_hundred_thousand_aliases_are_refused_before_executing(client):
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(100_000)) + " }"
    response = _post(client, {"query": query})

    # 1.6 MB: refused by the request size before anything is parsed
    assert response.status_code == 413 and response.json().get("data") is None
    assert "too large" in response.json()["errors"][0]["message"]
    smaller = "{ " + " ".join(f"a{i}: __typename" for i in range(20_000)) + " }"
    refused = _post(client, {"query": smaller}).json()  # 300 KB: by the document size
    assert refused.get("data") is None and "longer than" in refused["errors"][0]["message"]


def test_aliases_count_in_the_cost(client, demo):
    def aliased(count):
        fields = "edges { node { id name slug } }"
        return (
            "{ "
            + " ".join(
                f'a{i}: products(first: 100, channel: "default-channel") {{ {fields} }}'
                for i in range(count)
            )
            + " }"
        )

    one = _post(client, {"query": aliased(1)}).json()
    many = _post(client, {"query": aliased(MAX_COST // 300 + 1)}).json()

    assert len(one["data"]["a0"]["edges"]) == 44
    assert many.get("data") is None and "cost" in many["errors"][0]["message"].lower()


def test_a_page_size_through_a_variable_counts_in_the_cost(client):
    nested = """query($n: Int) { categories(first: $n) { edges { node {
        products(first: $n) { edges { node { variants { id name sku } } } } } } } }"""
    small = _post(client, {"query": nested, "variables": {"n": 2}}).json()
    large = _post(client, {"query": nested, "variables": {"n": 100}}).json()
    as_text = _post(client, {"query": nested, "variables": {"n": "100"}}).json()

    assert not any("cost" in e["message"].lower() for e in small.get("errors", []))
    assert "cost" in large["errors"][0]["message"].lower()
    assert "cost" in as_text["errors"][0]["message"].lower() or "Int" in str(as_text)


def test_an_oversized_document_is_refused(client):
    query = "{ shop { name } }" + "#" * (MAX_DOCUMENT_BYTES + 1)
    response = _post(client, {"query": query})
    assert "longer than" in response.json()["errors"][0]["message"]


def test_a_base64_id_of_a_huge_number_is_not_a_server_error(graphql, producer_user):
    # signed in, so the id reaches the database lookup (anonymous callers stop before)
    huge = base64.b64encode(b"Order:" + b"9" * 40).decode()
    response = graphql(
        "query($id: ID!) { order(id: $id) { number } }",
        {"id": huge},
        token=access_token(producer_user),
    )
    assert response == {"data": {"order": None}}


def test_staff_still_read_the_whole_order(graphql, two_producer_order):
    order, _buyer = two_producer_order
    staff = access_token(User.objects.get(email=STAFF_LOGIN[0]))
    seen = graphql(
        "query($id: ID!) { order(id: $id) { lines { id } token } }",
        {"id": to_global_id("Order", order.pk)},
        token=staff,
    )["data"]["order"]
    assert len(seen["lines"]) == 2 and seen["token"] == str(order.token)
    assert Payment.objects.filter(order=order).count() == 1


@pytest.mark.parametrize("price", [1e20, float("1e300"), -1])
def test_an_absurd_price_is_a_clear_error_and_changes_nothing(graphql, producer_user, price):
    from marketplace.channels.models import VariantChannelListing

    variant = Product.objects.get(slug="cha-ruoi-tu-ky").variants.order_by("sku").first()
    channel = Channel.objects.get(slug="default-channel")
    before = VariantChannelListing.objects.get(variant=variant, channel=channel).price_amount
    answer = graphql(
        """mutation($id: ID!, $c: ID!, $p: Float!) { productVariantChannelListingUpdate(
        id: $id, input: [{channelId: $c, price: $p}]) { errors { field code message } } }""",
        {
            "id": to_global_id("ProductVariant", variant.pk),
            "c": to_global_id("Channel", channel.pk),
            "p": price,
        },
        token=access_token(producer_user),
    )
    assert answer["data"]["productVariantChannelListingUpdate"]["errors"][0]["code"] == (
        "INVALID_PRICE"
    )
    after = VariantChannelListing.objects.get(variant=variant, channel=channel).price_amount
    assert after == before and "overflow" not in json.dumps(answer)


def test_an_absurd_stock_is_a_clear_error(graphql, producer_user):
    from marketplace.warehouses.models import Stock

    variant = Product.objects.get(slug="cha-ruoi-tu-ky").variants.order_by("sku").first()
    stock = Stock.objects.filter(variant=variant).first()
    answer = graphql(
        """mutation($v: ID!, $w: ID!) { productVariantStocksUpdate(variantId: $v,
        stocks: [{warehouse: $w, quantity: 2000000000}]) { errors { field code } } }""",
        {
            "v": to_global_id("ProductVariant", variant.pk),
            "w": to_global_id("Warehouse", stock.warehouse_id),
        },
        token=access_token(producer_user),
    )
    assert answer["data"]["productVariantStocksUpdate"]["errors"][0]["field"] == "quantity"
    assert Stock.objects.get(pk=stock.pk).quantity == stock.quantity
