"""Elasticsearch search (`SEARCH_BACKEND=elasticsearch`, `ELASTICSEARCH_URL`).

One index per build, reached through the alias `ELASTICSEARCH_INDEX`: a reindex fills a
new index and swaps the alias in one step, so searches never see a half-built index.
Text is folded the way the PostgreSQL backend folds it (lower case, diacritics dropped,
đ → d); edge n-grams of each word make every word of a query match the start of a word
(as you type), and a fuzzy match catches a small typo. Stars, group, area, producer, price
and stock are indexed as filters; the caller's queryset keeps its own filters too, so a
stale index entry can hide a product for a moment but never show a wrong one.
"""

from collections.abc import Callable, Iterable
from datetime import date

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from elasticsearch_dsl import (
    Boolean,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    connections,
    token_filter,
)
from elasticsearch_dsl.query import Query

from catalog.search.base import MAX_QUERY_LENGTH, SearchBackend, SearchFilters, query_words
from catalog.search.facts import listing_facts

# Lucene's asciifolding already maps đ to d; the explicit mapping keeps it so if the
# filter chain is ever changed, and documents the intent.
VIETNAMESE_D = char_filter("vietnamese_d", type="mapping", mappings=["đ => d", "Đ => D"])
PREFIXES = token_filter("word_prefixes", type="edge_ngram", min_gram=1, max_gram=20)
FOLDED = analyzer(
    "vietnamese_folded",
    tokenizer="standard",
    char_filter=[VIETNAMESE_D],
    filter=["lowercase", "asciifolding"],
)
FOLDED_PREFIXES = analyzer(
    "vietnamese_folded_prefixes",
    tokenizer="standard",
    char_filter=[VIETNAMESE_D],
    filter=["lowercase", "asciifolding", PREFIXES],
)
# Search results beyond this many are not ranked (the listing pages 24 at a time).
MAX_RESULTS = 1000


def _folded_text(**extra) -> Text:
    return Text(
        analyzer=FOLDED,
        fields={"prefix": Text(analyzer=FOLDED_PREFIXES, search_analyzer=FOLDED)},
        **extra,
    )


class ProductDocument(Document):
    name = _folded_text()
    name_en = _folded_text()
    producer_name = _folded_text()
    group_name = _folded_text()
    stars = Integer()
    group_codes = Keyword()
    area_codes = Keyword()
    producer_slug = Keyword()
    price = Long()
    in_stock = Boolean()
    listed = Boolean()
    sort_name = Keyword()

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


TEXT_FIELDS = ["name", "name_en", "producer_name", "group_name"]


def alias() -> str:
    return settings.ELASTICSEARCH_INDEX


def new_index(name: str) -> Index:
    """An index definition with the analyzers and mapping of `ProductDocument`."""
    index = Index(name)
    index.settings(**ProductDocument.Index.settings)
    index.document(ProductDocument)
    return index


def text_query(text: str) -> Query | None:
    """Every query word must start a word of the product, or the whole query must be
    within a small edit distance of its words; None for a query without words."""
    words = query_words(text)
    if not words:
        return None
    folded = " ".join(words)
    prefix = Q(
        "multi_match",
        query=folded,
        type="cross_fields",
        operator="and",
        fields=[f"{field}.prefix" for field in TEXT_FIELDS],
    )
    exact = Q("multi_match", query=folded, operator="and", fields=TEXT_FIELDS, boost=2)
    typo = Q(
        "multi_match",
        query=folded,
        operator="and",
        fuzziness="AUTO",
        prefix_length=1,
        fields=TEXT_FIELDS,
        boost=0.5,
    )
    return Q("bool", should=[exact, prefix, typo], minimum_should_match=1)


def filter_queries(filters: SearchFilters) -> list[Query]:
    """The filter clauses for the listing's filters (only the ones that are set)."""
    clauses = [Q("term", listed=True)]
    if filters.min_stars:
        clauses.append(Q("range", stars={"gte": filters.min_stars}))
    if filters.group:
        clauses.append(Q("term", group_codes=filters.group))
    if filters.area:
        clauses.append(Q("term", area_codes=filters.area))
    if filters.producer:
        clauses.append(Q("term", producer_slug=filters.producer))
    price = {}
    if filters.price_min is not None:
        price["gte"] = int(filters.price_min)
    if filters.price_max is not None:
        price["lte"] = int(filters.price_max)
    if price:
        clauses.append(Q("range", price=price))
    if filters.in_stock:
        clauses.append(Q("term", in_stock=True))
    return clauses


def search_request(text: str, filters: SearchFilters, size: int = MAX_RESULTS) -> Search | None:
    matching = text_query(text[:MAX_QUERY_LENGTH])
    if matching is None:
        return None
    query = Q("bool", must=[matching], filter=filter_queries(filters))
    return (
        Search(index=alias())
        .query(query)
        .sort("_score", "sort_name")
        .source(False)
        .extra(size=size, track_total_hits=False)
    )


def document(product, facts: dict, stars: int | None) -> ProductDocument:
    """The indexed form of a product (`facts`: price, stock and listing from commerce)."""
    commune = product.producer.commune
    areas = [commune.code]
    if commune.parent_id:
        areas.append(commune.parent.code)
        if commune.parent.parent_id:
            areas.append(commune.parent.parent.code)
    groups, group = [], product.group
    while group is not None:  # the leaf and every group above it (1.3d, 1.3, 1)
        groups.append(group.code)
        group = group.parent
    return ProductDocument(
        meta={"id": product.pk},
        name=product.name,
        name_en=product.name_en,
        producer_name=product.producer.name,
        group_name=product.group.name,
        stars=stars,
        group_codes=groups,
        area_codes=areas,
        producer_slug=product.producer.slug,
        price=None if facts.get("price") is None else int(facts["price"]),
        in_stock=bool(facts.get("in_stock")),
        listed=bool(facts.get("listed")) and not product.is_archived,
        sort_name=product.sort_name,
    )


def documents(product_ids: Iterable[int] | None, today: date):
    """Documents for these products (all when None), built in chunks of 500."""
    from catalog.models import Product
    from catalog.services.ratings import current_stars_subquery

    products = (
        Product.objects.annotate(current_stars=current_stars_subquery(today))
        .select_related("producer__commune__parent__parent", "group__parent__parent")
        .order_by("pk")
    )
    if product_ids is not None:
        products = products.filter(pk__in=list(product_ids))
    chunk: list = []
    for product in products.iterator(chunk_size=500):
        chunk.append(product)
        if len(chunk) == 500:
            yield from _documents_for(chunk)
            chunk = []
    yield from _documents_for(chunk)


def _documents_for(products: list):
    facts = listing_facts([product.pk for product in products])
    for product in products:
        yield document(product, facts.get(product.pk, {}), product.current_stars)


class ElasticsearchBackend(SearchBackend):
    updates_index = True

    @property
    def alias_name(self) -> str:
        return alias()

    def __init__(self, client=None):
        self.client = client or connections.create_connection(
            alias="ocop", hosts=[settings.ELASTICSEARCH_URL], request_timeout=5
        )

    def ranked_ids(self, text: str, filters: SearchFilters, size: int = MAX_RESULTS) -> list[int]:
        request = search_request(text, filters, size)
        if request is None:
            return []
        response = request.using(self.client).execute()
        return [int(hit.meta.id) for hit in response]

    def search(self, products: QuerySet, text: str, filters: SearchFilters | None = None):
        ids = self.ranked_ids(text, filters or SearchFilters())
        if not ids:
            return products.none()
        rank = Case(
            *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)),
            output_field=IntegerField(),
        )
        return products.filter(pk__in=ids).annotate(relevance=rank).order_by("relevance")

    def suggest(self, products: QuerySet, text: str, limit: int = 8) -> list:
        if len(text.strip()) < 2:
            return []
        return list(self.search(products, text, SearchFilters())[:limit])

    def index_products(self, product_ids: Iterable[int]) -> int:
        """Write the current documents of these products (deleted ones are removed)."""
        from elasticsearch.helpers import bulk

        if not self.client.indices.exists_alias(name=alias()):
            # Nothing to update before the first `ocop search reindex` builds the index.
            return 0
        wanted = set(product_ids)
        actions = []
        for doc in documents(wanted, timezone.localdate()):
            wanted.discard(doc.meta.id)
            actions.append(doc.to_dict(include_meta=True) | {"_index": alias()})
        actions += [{"_op_type": "delete", "_index": alias(), "_id": pk} for pk in wanted]
        done, _ = bulk(self.client, actions, raise_on_error=False)
        return done

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> str:
        """Build a new index from every product, then point the alias at it and drop the
        indices it pointed at before. Returns the new index's name."""
        from elasticsearch.helpers import streaming_bulk

        from catalog.models import Product

        name = f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
        new_index(name).create(using=self.client)
        total, done = Product.objects.count(), 0
        actions = (
            doc.to_dict(include_meta=True) | {"_index": name}
            for doc in documents(None, timezone.localdate())
        )
        for ok, _ in streaming_bulk(self.client, actions, chunk_size=500):
            done += ok
            if progress:
                progress(done, total)
        self.client.indices.refresh(index=name)
        swap_alias(self.client, alias(), name)
        return name


def swap_alias(client, alias_name: str, index_name: str) -> None:
    """Point `alias_name` at `index_name` alone, atomically, and delete the old indices."""
    old = (
        list(client.indices.get_alias(name=alias_name))
        if client.indices.exists_alias(name=alias_name)
        else []
    )
    actions = [{"remove": {"index": name, "alias": alias_name}} for name in old]
    actions.append({"add": {"index": index_name, "alias": alias_name}})
    client.indices.update_aliases(actions=actions)
    for name in old:
        if name != index_name:
            client.indices.delete(index=name)
