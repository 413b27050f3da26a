from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.graphql.core import to_global_id

PRODUCT_LIST = """
query Products($first: Int!, $after: String) {
  products(first: $first, after: $after, channel: "default-channel") {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      id name slug rating
      category { id name slug }
      thumbnail(size: 256) { url alt }
      pricing {
        onSale
        priceRange { start { gross { amount currency } net { amount currency } }
                     stop { gross { amount currency } } }
        priceRangeUndiscounted { start { gross { amount currency } } }
        discount { gross { amount currency } }
      }
      variants { id name sku quantityAvailable pricing { price { gross { amount } } } }
      ocop { stars score certificate { number issuedBy level validFrom validUntil status }
             group { name } history { number status } }
      producer { id name slug legalForm administrativeUnit { name } }
      attributes { attribute { slug } values { name } }
    } }
  }
}
"""


def test_products_in_saleors_shape_with_ocop_data(graphql, demo):
    data = graphql(PRODUCT_LIST, {"first": 50})["data"]["products"]

    assert data["totalCount"] == 44
    assert data["pageInfo"]["hasNextPage"] is False
    node = next(edge["node"] for edge in data["edges"] if edge["node"]["slug"] == "cha-ruoi-tu-ky")
    assert node["name"] == "Chả rươi Tứ Kỳ"
    assert node["pricing"]["priceRange"]["start"]["gross"]["currency"] == "VND"
    assert node["ocop"]["stars"] == 4
    assert node["ocop"]["certificate"]["status"] == "certified"
    # Newest first: the 4★ upgrade of the 3★ certificate (and, when the demo is loaded
    # after March 2028, the renewal that followed the upgrade's end).
    history = [entry["status"] for entry in node["ocop"]["history"]]
    assert history[0] == "certified" and history[-1] == "superseded"
    assert node["producer"]["administrativeUnit"]["name"] == "Tứ Kỳ"
    # The smallest rendition at least 256 pixels wide, as Saleor answers thumbnail(size:).
    assert node["thumbnail"]["url"].endswith("-480.jpeg")


def test_the_product_list_costs_the_same_queries_at_20_and_100(graphql, demo):
    with CaptureQueriesContext(connection) as small:
        twenty = graphql(PRODUCT_LIST, {"first": 20})
    with CaptureQueriesContext(connection) as large:
        hundred = graphql(PRODUCT_LIST, {"first": 100})

    assert "errors" not in twenty and "errors" not in hundred
    assert len(hundred["data"]["products"]["edges"]) == 44
    assert len(small.captured_queries) == len(large.captured_queries) == 11


def test_pages_follow_cursors_without_overlap(graphql, demo):
    first = graphql(PRODUCT_LIST, {"first": 20})["data"]["products"]
    second = graphql(PRODUCT_LIST, {"first": 20, "after": first["pageInfo"]["endCursor"]})
    second = second["data"]["products"]
    slugs = [edge["node"]["slug"] for edge in first["edges"] + second["edges"]]
    assert len(slugs) == len(set(slugs)) == 40
    assert second["pageInfo"]["hasPreviousPage"] is True


def test_a_page_larger_than_100_is_refused(graphql, demo):
    response = graphql(PRODUCT_LIST, {"first": 101})
    assert response["data"]["products"] is None
    assert "between 0 and 100" in response["errors"][0]["message"]


def test_search_without_diacritics_and_ocop_filters(graphql, demo):
    query = """query($search: String, $filter: ProductFilterInput) {
      products(first: 50, channel: "default-channel", search: $search, filter: $filter,
               sortBy: {field: RATING, direction: DESC}) {
        totalCount edges { node { name rating } } } }"""
    plain = graphql(query, {"search": "gao nep"})["data"]["products"]
    accented = graphql(query, {"search": "GẠO NẾP"})["data"]["products"]
    starred = graphql(query, {"filter": {"ocopMinStars": 4}})["data"]["products"]

    plain_names = {edge["node"]["name"] for edge in plain["edges"]}
    assert plain_names == {edge["node"]["name"] for edge in accented["edges"]}
    assert "Gạo nếp cái hoa vàng" in plain_names
    assert starred["totalCount"] >= 1
    assert all(edge["node"]["rating"] >= 4 for edge in starred["edges"])


def test_product_by_slug_and_by_id(graphql, demo):
    by_slug = graphql(
        '{ product(slug: "gao-nep-cai-hoa-vang", channel: "default-channel") { id name } }'
    )
    product_id = by_slug["data"]["product"]["id"]
    by_id = graphql(
        'query($id: ID) { product(id: $id, channel: "default-channel") { slug } }',
        {"id": product_id},
    )
    assert by_id["data"]["product"]["slug"] == "gao-nep-cai-hoa-vang"
    assert product_id == to_global_id("Product", by_slug_pk(product_id))


def by_slug_pk(global_id):
    import base64

    return int(base64.b64decode(global_id).decode().split(":")[1])


def test_categories_collections_and_channel(graphql, demo):
    response = graphql("""{
      categories(first: 10, level: 0) { totalCount edges { node { name slug level
        children(first: 10) { totalCount } } } }
      collections(first: 5, channel: "default-channel") { edges { node { slug
        products(first: 50) { totalCount } } } }
      channel(slug: "default-channel") { slug currencyCode defaultCountry { code } }
    }""")["data"]
    assert response["categories"]["totalCount"] == 6
    assert response["channel"] == {
        "slug": "default-channel",
        "currencyCode": "VND",
        "defaultCountry": {"code": "VN"},
    }
    slugs = [edge["node"]["slug"] for edge in response["collections"]["edges"]]
    assert slugs == ["ocop-5-sao", "ocop-4-sao", "ocop-3-sao"]


def test_an_unknown_channel_is_a_clear_error(graphql, demo):
    response = graphql('{ products(first: 1, channel: "nope") { totalCount } }')
    assert "Channel with 'nope' slug does not exist." in response["errors"][0]["message"]
