"""Fields Saleor's storefronts ask for: their queries validate and answer sensibly."""

import uuid

from django.db.models import F

from catalog.models import ProductVariant
from marketplace.channels.models import ProductChannelListing
from marketplace.graphql.core import to_global_id
from marketplace.warehouses.models import Stock


def test_product_details_with_translation_type_and_metadata(graphql, demo):
    data = graphql(
        """query($locale: LanguageCodeEnum!) {
      product(slug: "cha-ruoi-tu-ky", channel: "default-channel") {
        id name slug description seoTitle seoDescription isAvailableForPurchase
        metadata { key value }
        productType { id name hasVariants }
        translation(languageCode: $locale) { name }
        attributes { attribute { slug } values { name } }
        category { id name slug }
        media { url alt }
        variants { id name quantityAvailable quantityLimitPerCustomer metadata { key }
                   translation(languageCode: $locale) { id name }
                   attributes { attribute { slug } values { name } }
                   pricing { price { gross { currency amount } } } }
      } }""",
        {"locale": "EN_US"},
    )["data"]["product"]
    assert data["translation"] == {"name": "Tu Ky ragworm patties"}
    # the product type is the OCOP sub-group the product is filed under
    assert data["productType"]["name"].startswith("Chế biến từ thịt, trứng, sữa, thủy sản")
    assert data["metadata"] == []
    assert data["isAvailableForPurchase"] is True
    assert data["variants"][0]["translation"]["name"] == "Hộp 500 g"


def test_checkout_details_with_deprecated_shipping_fields(graphql, demo):
    token = graphql(
        'mutation { checkoutCreate(input: {channel: "default-channel", lines: []}) '
        "{ checkout { token } errors { field code } } }"
    )["data"]["checkoutCreate"]
    checkout_token = token["checkout"]["token"]
    assert uuid.UUID(checkout_token)
    found = graphql(
        """query($token: UUID!) { checkout(token: $token) {
        id token email isShippingRequired discount { currency amount } discountName
        shippingMethod { id name price { amount } minimumDeliveryDays maximumDeliveryDays }
        availableShippingMethods { id name }
        availablePaymentGateways { id name config { field value } }
        billingAddress { id phone firstName lastName streetAddress1 city postalCode
                         isDefaultBillingAddress isDefaultShippingAddress country { code country } }
        lines { id totalPrice { gross { amount currency } } }
        subtotalPrice { net { amount } tax { amount } }
        shippingPrice { gross { amount } } totalPrice { gross { amount currency } }
        metadata { key } } }""",
        {"token": checkout_token},
    )["data"]["checkout"]
    assert found["token"] == checkout_token
    assert found["discount"] == {"currency": "VND", "amount": 0.0}
    assert found["shippingMethod"] is None and found["lines"] == []
    assert found["totalPrice"]["gross"] == {"amount": 0.0, "currency": "VND"}


PAYMENT_STEP = """query($id: ID!) { checkout(id: $id) {
  id email note chargeStatus authorizeStatus translatedDiscountName
  totalBalance { amount currency }
  transactions { id }
  giftCards { id displayCode last4CodeChars currentBalance { amount currency } }
  user { id email }
  problems {
    __typename
    ... on CheckoutLineProblemInsufficientStock {
      availableQuantity line { id quantity } variant { id } }
    ... on CheckoutLineProblemVariantNotAvailable { line { id } }
  }
  lines { id quantity problems { __typename } }
} }"""


def test_the_payment_step_reads_status_balance_and_line_problems(graphql, demo):
    # Given a checkout of 2 units of a demo variant that has stock
    variant = ProductVariant.objects.filter(product__slug="cha-ruoi-tu-ky").first()
    created = graphql(
        """mutation($variant: ID!) { checkoutCreate(input: {channel: "default-channel",
          email: "lan@example.vn", lines: [{variantId: $variant, quantity: 2}]}) {
          checkout { id } errors { field code message } } }""",
        {"variant": to_global_id("ProductVariant", variant.pk)},
    )["data"]["checkoutCreate"]
    checkout_id = created["checkout"]["id"]

    # When the storefront reads its payment step
    ready = graphql(PAYMENT_STEP, {"id": checkout_id})["data"]["checkout"]

    # Then nothing stands in the way and nothing is charged yet
    assert (ready["chargeStatus"], ready["authorizeStatus"]) == ("NONE", "NONE")
    assert ready["problems"] == [] and ready["lines"][0]["problems"] == []
    assert ready["giftCards"] == [] and ready["transactions"] == []
    assert ready["totalBalance"]["amount"] < 0 and ready["totalBalance"]["currency"] == "VND"
    assert ready["user"] is None and ready["note"] == ""

    # When the stock falls to 1, then to nothing listed
    Stock.objects.filter(variant=variant).update(quantity=F("quantity_allocated") + 1)
    short = graphql(PAYMENT_STEP, {"id": checkout_id})["data"]["checkout"]
    ProductChannelListing.objects.filter(product=variant.product).update(is_published=False)
    gone = graphql(PAYMENT_STEP, {"id": checkout_id})["data"]["checkout"]

    [problem] = short["problems"]
    assert problem["__typename"] == "CheckoutLineProblemInsufficientStock"
    assert (problem["availableQuantity"], problem["line"]["quantity"]) == (1, 2)
    assert short["lines"][0]["problems"] == [{"__typename": "CheckoutLineProblemInsufficientStock"}]
    assert [p["__typename"] for p in gone["problems"]] == ["CheckoutLineProblemVariantNotAvailable"]
