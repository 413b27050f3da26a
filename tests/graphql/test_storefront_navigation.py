"""Navigation, content and account fields that Saleor's Next.js storefront reads: menus
built from the OCOP groups, content pages, channels, collection and category filters,
paginated variants, image formats, fulfillments and account settings."""

import json

import pytest

from catalog.models import ProductGroup, ProductImage
from marketplace.accounts.models import User
from marketplace.graphql.account.tokens import access_token
from marketplace.graphql.core import to_global_id
from marketplace.graphql.product.resolvers import category_slug
from marketplace.orders import services as orders
from marketplace.orders.models import Order
from tests.graphql.test_storefront_flow import buyer_token  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_navbar_menu_lists_ocop_groups_with_their_sub_groups(graphql, demo):
    menu = graphql(
        """{ menu(slug: "navbar", channel: "default-channel") { slug items {
            name level category { slug } children { name level category { slug name } } } } }"""
    )["data"]["menu"]

    assert menu["slug"] == "navbar"
    first = menu["items"][0]
    assert first["level"] == 0 and first["category"]["slug"].startswith("1-")
    assert first["children"] and {child["level"] for child in first["children"]} == {1}
    assert all(child["category"]["slug"].startswith("1-") for child in first["children"])


def test_the_footer_links_star_collections_and_content_pages(graphql, demo):
    menu = graphql(
        """{ menu(slug: "footer") { items { name collection { slug } page { slug title } } } }"""
    )["data"]["menu"]
    page = graphql(
        """{ page(slug: "gioi-thieu-ocop") { slug title seoDescription content
              pageType { slug } media { id }
              translation(languageCode: EN) { title } } }"""
    )["data"]["page"]

    slugs = [item["collection"]["slug"] for item in menu["items"] if item["collection"]]
    assert slugs == ["ocop-5-sao", "ocop-4-sao", "ocop-3-sao"]
    assert {item["page"]["slug"] for item in menu["items"] if item["page"]} == {
        "gioi-thieu-ocop",
        "giao-hang-doi-tra",
    }
    assert page["title"] == "Chương trình OCOP là gì?"
    assert page["translation"]["title"] == "What is the OCOP programme?"
    assert json.loads(page["content"])["blocks"][0]["data"]["text"].startswith("Mỗi xã")
    assert page["media"] == []
    assert graphql('{ page(slug: "khong-co") { id } }')["data"]["page"] is None
    assert graphql('{ menu(slug: "khong-co") { id } }')["data"]["menu"] is None


def test_channels_collections_and_categories_filter_as_saleor_does(graphql, demo):
    fish_sauce = category_slug(ProductGroup.objects.get(code="1.4"))
    data = graphql(
        """{ channels { slug isActive currencyCode }
            hidden: collections(first: 5, channel: "default-channel",
                                filter: {published: HIDDEN}) { totalCount }
            four: collections(first: 5, filter: {slugs: ["ocop-4-sao"]}) {
              edges { node { slug translation(languageCode: EN) { name } } } }
            groups: categories(first: 5, filter: {slugs: [$slug]}) {
              edges { node { slug } } } }""".replace("$slug", f'"{fish_sauce}"')
    )["data"]

    assert {"slug": "default-channel", "isActive": True, "currencyCode": "VND"} in data["channels"]
    assert data["hidden"]["totalCount"] == 0
    [four] = data["four"]["edges"]
    assert four["node"] == {
        "slug": "ocop-4-sao",
        "translation": {"name": "OCOP 4-star products"},
    }
    assert [edge["node"]["slug"] for edge in data["groups"]["edges"]] == [fish_sauce]


def test_variants_page_and_thumbnails_come_in_the_asked_format(graphql, demo):
    product = graphql(
        """{ product(slug: "cha-ruoi-tu-ky", channel: "default-channel") {
            productVariants(first: 1) { totalCount edges { node { sku
              attributes(variantSelection: VARIANT_SELECTION) { values { name value } } } } }
            small: thumbnail(size: 200, format: WEBP) { url }
            original: thumbnail { url }
            media { url(size: 480, format: WEBP) } } }"""
    )["data"]["product"]

    assert product["productVariants"]["totalCount"] >= 1
    node = product["productVariants"]["edges"][0]["node"]
    assert node["attributes"][0]["values"][0]["value"] is None
    image = ProductImage.objects.filter(product__slug="cha-ruoi-tu-ky").order_by(
        "sort_order", "pk"
    )[0]
    webp_240 = next(r for r in image.renditions if r["format"] == "webp" and r["width"] == 240)
    assert product["small"]["url"].endswith(webp_240["name"])
    assert product["original"]["url"].endswith(image.image.name)
    assert product["media"][0]["url"].endswith(".webp")


def test_an_order_lists_each_producers_shipment_as_a_fulfillment(graphql, demo):
    order = Order.objects.filter(
        status="unfulfilled", producer_orders__status="unfulfilled"
    ).first()
    part = order.producer_orders.filter(status="unfulfilled").first()
    orders.fulfil(part, tracking_code="VNPOST-1")
    staff = access_token(User.objects.get(email="canbo@ocop.demo"))
    query = """query($id: ID!) { order(id: $id) { statusDisplay
        fulfillments { status trackingNumber lines { quantity orderLine { id } } } } }"""

    found = graphql(query, {"id": to_global_id("Order", order.pk)}, token=staff)["data"]["order"]

    assert found["statusDisplay"]
    shipped = [f for f in found["fulfillments"] if f["trackingNumber"] == "VNPOST-1"]
    assert shipped and shipped[0]["status"] == "FULFILLED"
    assert sum(line["quantity"] for line in shipped[0]["lines"]) == sum(
        part.lines.values_list("quantity", flat=True)
    )


def test_account_settings_name_password_and_default_address(graphql, buyer_token):  # noqa: F811
    user = User.objects.get(email="lan@example.vn")
    renamed = graphql(
        'mutation { accountUpdate(input: {firstName: "Trần", lastName: "Thị Lan"}) '
        "{ user { firstName isConfirmed avatar { url } dateJoined } errors { field code } } }",
        token=buyer_token,
    )["data"]["accountUpdate"]
    wrong = graphql(
        'mutation { passwordChange(oldPassword: "sai", newPassword: "mot-mat-khau-moi-2026") '
        "{ errors { field code } } }",
        token=buyer_token,
    )["data"]["passwordChange"]
    address = graphql(
        """mutation { accountAddressCreate(input: {firstName: "Lan", phone: "0987654321",
            countryArea: "31", city: "11074", streetAddress1: "5 Trần Phú"}) {
            address { id } errors { field code message } } }""",
        token=buyer_token,
    )["data"]["accountAddressCreate"]["address"]
    made_default = graphql(
        "mutation($id: ID!) { accountSetDefaultAddress(id: $id, type: SHIPPING) "
        "{ user { defaultShippingAddress { id isDefaultShippingAddress } "
        "defaultBillingAddress { id } } errors { code } } }",
        {"id": address["id"]},
        token=buyer_token,
    )["data"]["accountSetDefaultAddress"]

    assert renamed["errors"] == [] and renamed["user"]["firstName"] == "Trần Thị Lan"
    assert renamed["user"]["isConfirmed"] is True and renamed["user"]["avatar"] is None
    assert wrong["errors"] == [{"field": "oldPassword", "code": "INVALID_PASSWORD"}]
    user.refresh_from_db()
    assert not user.check_password("mot-mat-khau-moi-2026")
    assert made_default["user"]["defaultShippingAddress"] == {
        "id": address["id"],
        "isDefaultShippingAddress": True,
    }
    assert made_default["user"]["defaultBillingAddress"] is None
    confirm = graphql(
        'mutation { confirmAccount(email: "lan@example.vn", token: "x") { errors { code } } }'
    )["data"]["confirmAccount"]
    assert confirm["errors"] == [{"code": "INVALID"}]


def test_shop_and_filterable_attributes_with_their_choices(graphql, demo):
    data = graphql(
        """{ shop { name description metafields(keys: ["social_facebook"]) }
            attributes(first: 10, filter: {slugs: ["ocop-stars", "ocop-group"]}) {
              totalCount edges { node { slug
                choices(first: 2, sortBy: {direction: DESC, field: NAME}) {
                  totalCount edges { node { name slug value } } } } } } }"""
    )["data"]

    assert data["shop"]["name"] == "OCOP Market"
    assert data["shop"]["metafields"] == {}
    nodes = {edge["node"]["slug"]: edge["node"] for edge in data["attributes"]["edges"]}
    assert data["attributes"]["totalCount"] == 2
    stars = nodes["ocop-stars"]["choices"]
    assert stars["totalCount"] == 3
    assert [edge["node"]["name"] for edge in stars["edges"]] == ["5 sao", "4 sao"]
    assert nodes["ocop-group"]["choices"]["totalCount"] >= 6


def test_an_account_is_closed_only_through_the_emailed_link(graphql, buyer_token, mailoutbox):  # noqa: F811
    asked = graphql(
        'mutation { accountRequestDeletion(redirectUrl: "https://shop.example.vn/xoa") '
        "{ errors { code } } }",
        token=buyer_token,
    )["data"]["accountRequestDeletion"]
    [message] = mailoutbox
    token = message.body.split("token=")[1].split()[0]
    forged = graphql(
        'mutation { accountDelete(token: "sai") { errors { code } } }', token=buyer_token
    )["data"]["accountDelete"]

    assert asked["errors"] == [] and forged["errors"] == [{"code": "INVALID"}]
    assert User.objects.get(email="lan@example.vn").is_active
    closed = graphql(
        "mutation($t: String!) { accountDelete(token: $t) { errors { code } } }",
        {"t": token},
        token=buyer_token,
    )["data"]["accountDelete"]
    user = User.objects.get(email="lan@example.vn")
    assert closed["errors"] == [] and not user.is_active and not user.has_usable_password()
    # The token of a closed account no longer signs anybody in.
    answer = graphql("{ me { dateJoined } }", token=buyer_token)
    assert not (answer.get("data") or {}).get("me") and answer.get("errors")
