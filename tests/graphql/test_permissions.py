"""Every restricted operation, tried as anonymous, customer, another producer, the owning
producer and programme staff: only the right caller succeeds, nothing leaks or changes."""

import pytest

from catalog.models import Producer, Product, Rating
from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.checkout import services as checkout_services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.services import AddressInput
from marketplace.graphql.account.tokens import access_token
from marketplace.graphql.core import to_global_id
from marketplace.management.demo_users import PRODUCER_LOGIN, STAFF_LOGIN
from marketplace.warehouses.models import Stock

ROLES = ["anonymous", "customer", "other_producer", "owner", "staff"]


@pytest.fixture
def tokens(demo):
    customer = User.objects.create_user("khach@example.vn", "mat-khau-khach-2026")
    other = User.objects.create_user(
        "khac@example.vn",
        "mat-khau-khac-2026",
        producer=Producer.objects.get(slug="htx-nuoc-mam-nguyen-giap"),
    )
    return {
        "anonymous": None,
        "customer": access_token(customer),
        "other_producer": access_token(other),
        "owner": access_token(User.objects.get(email=PRODUCER_LOGIN[0])),
        "staff": access_token(User.objects.get(email=STAFF_LOGIN[0])),
    }


@pytest.fixture
def owned():
    product = Product.objects.get(slug="cha-ruoi-tu-ky")  # HTX Chả rươi Tứ Kỳ, the demo producer
    variant = product.variants.order_by("sku").first()
    stock = Stock.objects.get(variant=variant, warehouse__producer=variant.product.producer)
    # a fresh cash-on-delivery order, so the owner's fulfilment has to succeed
    checkout = checkout_services.create_checkout(
        Channel.objects.get(slug="default-channel"), email="mua@example.vn", lines=[(variant, 1)]
    )
    checkout_services.set_shipping_address(
        checkout, AddressInput("Mua Hàng", "0987654321", "31", "11074", "Số 1 Lê Lợi")
    )
    checkout_services.set_delivery(
        checkout, product.producer, rate=product.producer.delivery_rates.first()
    )
    sub_order = complete_checkout(checkout, "cod").producer_orders.get()
    return {"product": product, "variant": variant, "stock": stock, "sub_order": sub_order}


def denied(response) -> bool:
    errors = response.get("errors") or []
    return any(e.get("extensions", {}).get("code") == "PERMISSION_DENIED" for e in errors)


def payload_errors(response, name):
    data = (response.get("data") or {}).get(name)
    return None if data is None else data["errors"]


@pytest.mark.parametrize("role", ROLES)
def test_product_update_only_by_its_producer(graphql, tokens, owned, role):
    product = owned["product"]
    response = graphql(
        'mutation($id: ID!) { productUpdate(id: $id, input: {name: "Đổi tên"}) '
        "{ product { name } errors { field code } } }",
        {"id": to_global_id("Product", product.pk)},
        token=tokens[role],
    )
    product.refresh_from_db()
    if role == "owner":
        assert payload_errors(response, "productUpdate") == []
        assert product.name == "Đổi tên"
    else:
        assert product.name == "Chả rươi Tứ Kỳ"
        if role == "other_producer":
            assert payload_errors(response, "productUpdate")[0]["code"] == "NOT_FOUND"
        else:
            assert denied(response)


@pytest.mark.parametrize("role", ROLES)
def test_stock_changes_only_by_its_producer(graphql, tokens, owned, role):
    stock = owned["stock"]
    before = stock.quantity
    response = graphql(
        "mutation($v: ID!, $w: ID!) { productVariantStocksUpdate(variantId: $v, "
        "stocks: [{warehouse: $w, quantity: 999}]) { errors { field code } } }",
        {
            "v": to_global_id("ProductVariant", owned["variant"].pk),
            "w": to_global_id("Warehouse", stock.warehouse_id),
        },
        token=tokens[role],
    )
    stock.refresh_from_db()
    if role == "owner":
        assert payload_errors(response, "productVariantStocksUpdate") == []
        assert stock.quantity == 999
        assert stock.adjustments.first().reason.startswith("Cập nhật qua API")
    else:
        assert stock.quantity == before
        assert denied(response) or payload_errors(response, "productVariantStocksUpdate")


@pytest.mark.parametrize("role", ROLES)
def test_sub_orders_are_listed_only_to_their_producer(graphql, tokens, owned, role):
    response = graphql(
        "{ producerOrders(first: 100) { totalCount edges { node { id producer { slug } } } } }",
        token=tokens[role],
    )
    if role in ("owner", "other_producer"):
        slugs = {e["node"]["producer"]["slug"] for e in response["data"]["producerOrders"]["edges"]}
        mine = "htx-cha-ruoi-tu-ky" if role == "owner" else "htx-nuoc-mam-nguyen-giap"
        assert slugs <= {mine}
        if role == "owner":
            assert slugs == {mine}
    else:
        assert denied(response)
        assert response["data"]["producerOrders"] is None


@pytest.mark.parametrize("role", ROLES)
def test_fulfilling_a_sub_order_only_by_its_producer(graphql, tokens, owned, role):
    sub_order = owned["sub_order"]
    status = sub_order.status
    response = graphql(
        'mutation($id: ID!) { producerOrderFulfill(id: $id, trackingCode: "VN1") '
        "{ producerOrder { status } errors { code } } }",
        {"id": to_global_id("ProducerOrder", sub_order.pk)},
        token=tokens[role],
    )
    sub_order.refresh_from_db()
    if role == "owner":
        assert payload_errors(response, "producerOrderFulfill") == []
        assert (sub_order.status, sub_order.tracking_code) == ("fulfilled", "VN1")
    else:
        assert sub_order.status == status
        assert (
            denied(response)
            or payload_errors(response, "producerOrderFulfill")[0]["code"] == "NOT_FOUND"
        )


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_suspend_producers(graphql, tokens, role):
    producer = Producer.objects.get(slug="htx-nuoc-mam-nguyen-giap")
    response = graphql(
        'mutation($id: ID!) { producerSetStatus(id: $id, status: "suspended") '
        "{ producer { status } errors { code } } }",
        {"id": to_global_id("Producer", producer.pk)},
        token=tokens[role],
    )
    producer.refresh_from_db()
    if role == "staff":
        assert producer.status == "suspended"
    else:
        assert denied(response)
        assert producer.status == "approved"


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_revoke_certificates(graphql, tokens, role):
    rating = Rating.objects.filter(status="certified").order_by("pk").first()
    response = graphql(
        'mutation($id: ID!) { ratingRevoke(id: $id, reason: "Kiểm tra không đạt") '
        "{ rating { status } errors { code } } }",
        {"id": to_global_id("Rating", rating.pk)},
        token=tokens[role],
    )
    rating.refresh_from_db()
    assert rating.status == ("revoked" if role == "staff" else "certified")
    if role != "staff":
        assert denied(response)


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_read_every_order(graphql, tokens, role):
    response = graphql("{ orders(first: 50) { totalCount } }", token=tokens[role])
    if role == "staff":
        assert response["data"]["orders"]["totalCount"] == 7
    else:
        assert denied(response)


def test_staff_record_and_certify_a_rating_with_coded_errors(graphql, tokens):
    product = Product.objects.get(slug="phan-hoa-dai-son")
    record = """mutation($input: RatingRecordInput!) { ratingRecord(input: $input)
      { rating { id stars meanScore status } errors { field code message } } }"""
    bad = graphql(
        record,
        {
            "input": {
                "product": to_global_id("Product", product.pk),
                "ruleSet": "1489/2025",
                "councilLevel": "province",
                "mandatoryCriteriaMetUpTo": 5,
                "members": [{"memberName": "An", "scoreA": "41", "scoreB": "20", "scoreC": "20"}],
            }
        },
        token=tokens["staff"],
    )["data"]["ratingRecord"]
    assert bad["errors"][0]["code"] == "PART_SCORE_OUT_OF_RANGE"

    def recorded(level):
        return graphql(
            record,
            {
                "input": {
                    "product": to_global_id("Product", product.pk),
                    "ruleSet": "1489/2025",
                    "councilLevel": level,
                    "mandatoryCriteriaMetUpTo": 5,
                    "members": [
                        {"memberName": "An", "scoreA": "30", "scoreB": "20", "scoreC": "25"}
                    ],
                }
            },
            token=tokens["staff"],
        )["data"]["ratingRecord"]

    def certify(rating):
        return graphql(
            """mutation($id: ID!) { ratingCertify(id: $id, input: {decisionNumber: "9/QĐ-UBND",
            decisionDate: "2026-11-20", certificateNumber: "HP-2026-009",
            issuingBody: "UBND thành phố Hải Phòng"}) { rating { status certificate { validUntil } }
            errors { code } } }""",
            {"id": rating["rating"]["id"]},
            token=tokens["staff"],
        )["data"]["ratingCertify"]

    # the province rates under 1489 only what a commune reviewed and forwarded
    unforwarded = recorded("province")
    assert certify(unforwarded)["errors"][0]["code"] == "NOMINATION_REQUIRED"
    recorded("commune")
    good = recorded("province")
    assert good["rating"]["stars"] == 4
    certified = certify(good)
    assert certified["rating"]["certificate"]["validUntil"] == "2029-11-19"
