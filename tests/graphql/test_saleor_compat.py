"""Fields Saleor's storefronts ask for: their queries validate and answer sensibly."""

import uuid


def test_product_details_with_translation_type_and_metadata(graphql, demo):
    data = graphql(
        """query($locale: LanguageCodeEnum!) {
      product(slug: "demo-00", channel: "default-channel") {
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
    assert data["productType"]["name"] == "Thực phẩm chế biến"
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
