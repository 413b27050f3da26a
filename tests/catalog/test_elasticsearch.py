"""The Elasticsearch backend.

No Elasticsearch server can be installed on this machine, so the index definition, the
documents and the query for every filter are checked as data, and so is when an index
update is enqueued. The tests at the end need a live server: they run when
ELASTICSEARCH_URL is set and are reported as skipped otherwise."""

import os
from decimal import Decimal

import pytest
from django.db import transaction

from catalog.models import Product
from catalog.search import SearchFilters, _backend_for, elastic, products_changed
from marketplace.channels.models import Channel
from marketplace.channels.services import set_variant_price

LIVE_URL = os.environ.get("ELASTICSEARCH_URL", "")
live = pytest.mark.skipif(
    not LIVE_URL, reason="needs a live Elasticsearch server: set ELASTICSEARCH_URL to run"
)


@pytest.fixture
def es_settings(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    # Nothing listens on port 9: a test that reached the server would fail loudly.
    settings.ELASTICSEARCH_URL = LIVE_URL or "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX = "ocop-test-products"
    _backend_for.cache_clear()
    yield settings
    _backend_for.cache_clear()


def test_the_index_folds_vietnamese_and_indexes_word_prefixes():
    definition = elastic.new_index("ocop-products-1").to_dict()
    analysis = definition["settings"]["analysis"]

    folded = analysis["analyzer"]["vietnamese_folded"]
    assert folded["filter"] == ["lowercase", "asciifolding"]
    assert analysis["char_filter"][folded["char_filter"][0]]["mappings"] == ["đ => d", "Đ => D"]
    prefixes = analysis["analyzer"]["vietnamese_folded_prefixes"]
    assert prefixes["filter"][:2] == ["lowercase", "asciifolding"]
    assert analysis["filter"][prefixes["filter"][2]] == {
        "type": "edge_ngram",
        "min_gram": 1,
        "max_gram": 20,
    }
    fields = definition["mappings"]["properties"]
    for name in elastic.TEXT_FIELDS:
        assert fields[name]["analyzer"] == "vietnamese_folded"
        # Documents are cut into prefixes; a query word is not, so "ga" finds "gạo".
        assert fields[name]["fields"]["prefix"] == {
            "type": "text",
            "analyzer": "vietnamese_folded_prefixes",
            "search_analyzer": "vietnamese_folded",
        }
    kinds = {name: fields[name]["type"] for name in fields if name not in elastic.TEXT_FIELDS}
    assert kinds == {
        "stars": "integer",
        "group_codes": "keyword",
        "area_codes": "keyword",
        "producer_slug": "keyword",
        "price": "long",
        "in_stock": "boolean",
        "listed": "boolean",
        "sort_name": "keyword",
    }


def test_queries_are_folded_and_stripped_of_operators_before_they_are_sent():
    expected = elastic.text_query("gao nep").to_dict()

    for variant in ("Gạo nếp", "GẠO NẾP", 'gạo* "nếp" -', "  gạo   (nếp)  "):
        assert elastic.text_query(variant).to_dict() == expected
    # multi_match has no query syntax: "OR" is only a word to match.
    words = elastic.text_query("gạo OR nếp").to_dict()["bool"]["should"][0]["multi_match"]
    assert words["query"] == "gao or nep"
    assert elastic.text_query("!!! ***") is None
    should = expected["bool"]["should"]
    assert {clause["multi_match"]["operator"] for clause in should} == {"and"}
    assert [clause["multi_match"].get("fuzziness") for clause in should] == [None, None, "AUTO"]


def test_every_listing_filter_becomes_a_filter_clause():
    filters = SearchFilters(
        min_stars=4,
        group="1.4",
        area="HD",
        producer="htx-ninh-giang",
        price_min=Decimal("50000"),
        price_max=Decimal("200000"),
        in_stock=True,
    )

    request = elastic.search_request("nuoc mam", filters).to_dict()

    assert request["query"]["bool"]["filter"] == [
        {"term": {"listed": True}},
        {"range": {"stars": {"gte": 4}}},
        {"term": {"group_codes": "1.4"}},
        {"term": {"area_codes": "HD"}},
        {"term": {"producer_slug": "htx-ninh-giang"}},
        {"range": {"price": {"gte": 50000, "lte": 200000}}},
        {"term": {"in_stock": True}},
    ]
    assert request["sort"] == ["_score", "sort_name"]
    assert request["size"] == elastic.MAX_RESULTS
    unfiltered = elastic.search_request("nuoc mam", SearchFilters()).to_dict()
    assert unfiltered["query"]["bool"]["filter"] == [{"term": {"listed": True}}]


def test_a_query_without_words_returns_nothing_without_asking_the_server(es_settings, db):
    backend = _backend_for("elasticsearch")

    assert list(backend.search(Product.objects.all(), "?!*")) == []
    assert backend.suggest(Product.objects.all(), "g") == []


def test_documents_carry_the_product_its_area_group_price_stock_and_stars(demo):
    product = (
        Product.objects.filter(ratings__status="certified", channel_listings__is_published=True)
        .select_related("producer__commune__parent__parent", "group__parent")
        .first()
    )

    [document] = elastic.documents([product.pk], today=_today())

    commune = product.producer.commune
    body = document.to_dict()
    assert document.meta.id == product.pk
    assert body["name"] == product.name
    assert body["area_codes"][0] == commune.code
    assert commune.parent.code in body["area_codes"]
    group = product.group  # the leaf and every group above it, so a sector filter finds it
    assert body["group_codes"] == [group.code, group.parent.code, group.parent.parent.code]
    assert body["producer_slug"] == product.producer.slug
    assert body["stars"] in {3, 4, 5}
    assert body["listed"] is True
    assert isinstance(body["price"], int) and body["price"] > 0
    assert isinstance(body["in_stock"], bool)


def test_changes_enqueue_a_reindex_after_commit_only_with_elasticsearch(
    es_settings, demo, django_capture_on_commit_callbacks
):
    product = Product.objects.filter(variants__channel_listings__isnull=False).first()
    variant = product.variants.first()
    channel = Channel.objects.get(slug="default-channel")

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        set_variant_price(variant, channel, 99000)
        product.name_en = "Renamed"
        product.save()
    assert len(callbacks) == 2  # one per change; each re-reads the product when it runs

    es_settings.SEARCH_BACKEND = "postgres"
    with django_capture_on_commit_callbacks() as callbacks:
        products_changed([product.pk])
    assert callbacks == []


def _today():
    from django.utils import timezone

    return timezone.localdate()


# Live server -------------------------------------------------------------------------


@live
def test_live_reindex_swaps_the_alias_and_search_keeps_the_contract(es_settings, demo):
    backend = _backend_for("elasticsearch")
    first = backend.reindex()
    second = backend.reindex()

    aliases = backend.client.indices.get_alias(name=es_settings.ELASTICSEARCH_INDEX)
    assert list(aliases) == [second]
    assert not backend.client.indices.exists(index=first)

    def slugs(text, **filters):
        found = backend.search(Product.objects.all(), text, SearchFilters(**filters))
        return [product.slug for product in found]

    assert slugs("gao nep") == slugs("Gạo nếp") == slugs("GẠO NẾP") != []
    assert slugs("dau") == slugs("đậu")
    assert slugs("nuoc mam") and slugs("nuoc mma") == slugs("nuoc mam")[: len(slugs("nuoc mma"))]
    for product in Product.objects.filter(slug__in=slugs("gao", min_stars=4)):
        assert product.ratings.filter(status="certified", stars__gte=4).exists()
    backend.client.indices.delete(index=second)


def test_reindexing_against_an_unreachable_server_fails_clearly(es_settings, db):
    from io import StringIO

    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="reindexing failed, the alias was not moved"):
        call_command("search", "reindex", stdout=StringIO(), stderr=StringIO())


def test_reindexing_with_the_postgres_backend_says_there_is_nothing_to_do(db):
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("search", "reindex", stdout=output)
    assert "nothing to rebuild" in output.getvalue()
