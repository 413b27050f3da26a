"""The listing: filters in the URL, sorting, pagination, empty states, few queries."""

import re

import pytest
from django.utils import timezone

from catalog.models import Product
from storefront.queries import listed_products

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return re.findall(r'href="/san-pham/([\w-]+)/" class="cardlink"', response.content.decode())


def listed():
    return listed_products(timezone.localdate())


def test_minimum_stars_keeps_only_rated_products_at_or_above(client, demo):
    response = client.get("/san-pham/", {"stars": "4"})
    expected = set(listed().filter(stars__gte=4).values_list("slug", flat=True))
    assert expected and set(slugs(response)) == expected


def test_group_filter_takes_a_group_or_a_sub_group(client, demo):
    whole = set(slugs(client.get("/san-pham/", {"group": "1"})))
    sub = set(slugs(client.get("/san-pham/", {"group": "1.2"})))
    assert sub and sub < whole
    assert all(
        code.startswith("1.")
        for code in Product.objects.filter(slug__in=whole).values_list("group__code", flat=True)
    )


def test_area_and_producer_filters(client, demo):
    rice = Product.objects.get(slug="gao-nep-cai-hoa-vang")
    by_producer = slugs(client.get("/san-pham/", {"producer": rice.producer.slug}))
    assert set(by_producer) == set(rice.producer.products.values_list("slug", flat=True))
    district = rice.producer.commune.parent
    by_area = slugs(client.get("/san-pham/", {"area": district.code}))
    assert "gao-nep-cai-hoa-vang" in by_area


def test_price_range_and_stock_filters(client, add_listed_product):
    add_listed_product("Bánh chưng hết hàng", "banh-chung-het-hang", stock=0)
    response = client.get("/san-pham/", {"price_min": "60000", "price_max": "100000"})
    prices = dict(listed().values_list("slug", "price"))
    assert slugs(response)
    assert all(60000 <= prices[slug] <= 100000 for slug in slugs(response))
    in_stock = client.get("/san-pham/", {"in_stock": "on"}).context["page"].paginator
    everything = client.get("/san-pham/").context["page"].paginator
    assert set(in_stock.object_list) == set(listed().filter(in_stock=True))
    assert "banh-chung-het-hang" in {product.slug for product in everything.object_list}
    assert "banh-chung-het-hang" not in {product.slug for product in in_stock.object_list}


def test_a_reversed_price_range_is_explained_and_the_upper_bound_ignored(client, demo):
    response = client.get("/san-pham/", {"price_min": "100000", "price_max": "1000"})
    assert "Giá đến không được nhỏ hơn giá từ." in response.content.decode()
    assert slugs(response)


def test_sorting_by_price_and_by_vietnamese_name(client, demo):
    by_price = slugs(client.get("/san-pham/", {"sort": "price"}))
    prices = dict(listed().values_list("slug", "price"))
    assert [prices[slug] for slug in by_price] == sorted(prices[slug] for slug in by_price)
    names = dict(Product.objects.values_list("slug", "name"))
    by_name = [names[slug] for slug in slugs(client.get("/san-pham/", {"sort": "name"}))]
    # "Bánh" before "Bột" before "Cá": letters first, tone marks second.
    assert by_name.index("Bánh đa gấc") < by_name.index("Bột nếp cái hoa vàng")
    assert by_name.index("Bột nếp cái hoa vàng") < by_name.index("Cà rốt Tiên Động")


def test_pages_of_24_keep_the_filters_in_their_links(client, demo):
    first = client.get("/san-pham/", {"sort": "name"})
    assert len(slugs(first)) == 24
    assert 'href="?sort=name&amp;page=2"' in first.content.decode()
    second = client.get("/san-pham/", {"sort": "name", "page": "2"})
    assert set(slugs(second)).isdisjoint(slugs(first))
    assert len(slugs(first)) + len(slugs(second)) == listed().count()


def test_no_match_shows_a_helpful_empty_state(client, demo):
    response = client.get("/san-pham/", {"q": "xyzxyzxyz"})
    body = response.content.decode()
    assert "Không có sản phẩm nào khớp bộ lọc." in body
    assert "“gao nep” ra “gạo nếp”" in body


def test_htmx_requests_get_only_the_results(client, demo):
    response = client.get("/san-pham/", {"stars": "3"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and 'class="grid"' in body
    assert response["Vary"].count("HX-Request") == 1


def test_the_listing_page_takes_at_most_8_queries(client, demo, django_assert_max_num_queries):
    client.get("/san-pham/")  # facets cached, as in steady use
    with django_assert_max_num_queries(8):
        response = client.get("/san-pham/", {"stars": "3", "sort": "price"})
    assert response.status_code == 200


def test_listing_html_is_reused_for_the_same_query_within_the_cache_time(
    client, add_listed_product, settings
):
    from django.core.cache import cache

    settings.STOREFRONT_CACHE_SECONDS = 60
    cache.clear()
    client.get("/san-pham/", {"sort": "name"})
    add_listed_product("Ấm chén gốm", "am-chen-gom")
    assert "am-chen-gom" not in slugs(client.get("/san-pham/", {"sort": "name"}))
    assert "am-chen-gom" in slugs(client.get("/san-pham/", {"sort": "name", "q": "am chen"}))
    cache.clear()
    assert "am-chen-gom" in slugs(client.get("/san-pham/", {"sort": "name"}))
