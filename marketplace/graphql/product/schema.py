"""Storefront catalogue queries in Saleor's shape, with OCOP filters."""

import graphene
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Subquery
from django.utils import timezone
from graphql import GraphQLError

from catalog.graphql.types import Producer as ProducerType
from catalog.models import Producer, Product, ProductGroup, filed_under
from catalog.search import get_backend
from catalog.services.ratings import current_stars_subquery
from marketplace.channels.models import Channel as ChannelModel
from marketplace.channels.models import ProductChannelListing, VariantChannelListing
from marketplace.graphql.core import (
    OrderDirection,
    connection_args,
    countable_connection,
    decode_global_id,
    from_global_id,
    paginate,
)
from marketplace.graphql.core.loaders import (
    CategoryByIdLoader,
    CurrentCertificateLoader,
    ImagesByProductIdLoader,
    ProducerByIdLoader,
    ProductListingLoader,
    ProductPricesLoader,
    RatingHistoryLoader,
    VariantsByProductIdLoader,
    loader,
)
from marketplace.graphql.product.attributes import STAR_LEVELS
from marketplace.graphql.product.collections import (
    CategoryFilterInput,
    CollectionFilterInput,
    ListSlice,
    collection_matches,
    filter_categories,
)
from marketplace.graphql.product.filters import (
    ProductFilterInput,
    ProductWhereInput,
    apply_filter,
    apply_where,
)
from marketplace.graphql.product.types import (
    Category,
    CategoryCountableConnection,
    Channel,
    Collection,
    CollectionCountableConnection,
    ProductCountableConnection,
    category_slug,
)
from marketplace.graphql.product.types import (
    Product as ProductType,
)

# Saleor's sort fields onto ours: publication is the listing's creation here, a product's
# type its OCOP group, and the collections are the star levels.
SORT_KEYS = {
    "NAME": "name",
    "RANK": "rank",
    "PRICE": "price",
    "MINIMAL_PRICE": "minimal_price",
    "LAST_MODIFIED": "updated_at",
    "DATE": "updated_at",
    "TYPE": "type",
    "PUBLISHED": "created_at",
    "PUBLICATION_DATE": "created_at",
    "PUBLISHED_AT": "created_at",
    "LAST_MODIFIED_AT": "updated_at",
    "RATING": "rating",
    "CREATED_AT": "created_at",
    "COLLECTION": "rating",
}
ProductOrderField = graphene.Enum("ProductOrderField", [(name, name) for name in SORT_KEYS])


class ProductOrder(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    channel = graphene.String(
        deprecation_reason="This field will be removed in Saleor 4.0. Use root-level channel "
        "argument instead."
    )
    attribute_id = graphene.ID(description="Sorts by that attribute's value name.")
    field = graphene.Field(ProductOrderField)


def _channel(slug: str | None) -> ChannelModel:
    if not slug:
        raise GraphQLError('A channel is required: pass `channel: "default-channel"`.')
    channel = ChannelModel.objects.filter(slug=slug, is_active=True).first()
    if channel is None:
        raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
    return channel


def visible_products(channel: ChannelModel):
    """Products published and visible in the channel with at least one priced variant."""
    published = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), channel=channel, is_published=True, visible_in_listings=True
    )
    priced = VariantChannelListing.objects.filter(variant__product=OuterRef("pk"), channel=channel)
    return Product.objects.filter(Exists(published), Exists(priced), is_archived=False)


def _value(choice):
    """graphene hands enum input values to resolvers as enum members."""
    return getattr(choice, "value", choice)


def _ids(values, type_name):
    return [from_global_id(value, type_name) for value in values or []]


def star_counts() -> dict[int, int]:
    """How many products hold each star level today."""
    rows = (
        Product.objects.filter(is_archived=False)
        .annotate(stars=_stars_subquery())
        .values("stars")
        .annotate(count=Count("pk"))
    )
    return {row["stars"]: row["count"] for row in rows if row["stars"]}


def _stars_subquery():
    return current_stars_subquery(timezone.localdate())


def _search(products, text: str):
    """The shop's own search (best match first): Vietnamese with or without diacritics,
    'gao nep' finds 'Gạo nếp'."""
    return get_backend().search(products, text)


def _sort(products, channel, sort_by, searched=False):
    field = SORT_KEYS.get(_value((sort_by or {}).get("field")), "rank" if searched else "name")
    descending = _value((sort_by or {}).get("direction")) == "DESC"
    if field == "rank":
        if not searched:
            raise GraphQLError("Sorting by RANK is available only when using a search filter.")
        # The search backend's order, best match first; ASC turns it round.
        if sort_by and not descending:
            return products.reverse()
        return products
    attribute = decode_global_id((sort_by or {}).get("attribute_id") or "")
    if attribute and attribute[0] == "Attribute":
        field = {"ocop-stars": "rating", "ocop-group": "type"}.get(attribute[1], "net_quantity")
    if field == "net_quantity":
        products = products.annotate(sort_key=Min("variants__net_quantity"))
    elif field in ("price", "minimal_price"):
        prices = VariantChannelListing.objects.filter(
            variant__product=OuterRef("pk"), channel=channel
        )
        aggregate = Min if field == "minimal_price" or not descending else Max
        cheapest = prices.values("variant__product").annotate(value=aggregate("price_amount"))
        products = products.annotate(sort_key=Subquery(cheapest.values("value")))
    elif field == "rating":
        products = products.annotate(sort_key=_stars_subquery())
    else:
        key = {
            "name": "sort_name",
            "created_at": "created_at",
            "updated_at": "updated_at",
            "type": "group__name",
        }[field]
        products = products.annotate(sort_key=F(key))
    # Products without a certificate (or a price) come last in either direction.
    key = F("sort_key").desc(nulls_last=True) if descending else F("sort_key").asc(nulls_last=True)
    return products.order_by(key, "sort_name", "pk")


def product_list(
    info,
    *,
    channel=None,
    filter=None,
    where=None,
    search=None,
    sort_by=None,
    category_ids=None,
    exact_stars=None,
    **page,
):
    channel_object = _channel(channel or getattr(info.context, "graphql_channel", None))
    info.context.graphql_channel = channel_object.slug
    products = visible_products(channel_object)
    if category_ids:
        products = products.filter(filed_under("id__in", category_ids))
    if exact_stars is not None:
        products = products.annotate(ocop_stars=_stars_subquery()).filter(ocop_stars=exact_stars)
    products = apply_filter(products, channel_object, filter)
    products = apply_where(products, channel_object, where)
    search = search or (filter or {}).get("search")
    if search:
        products = _search(products, search)
    result = paginate(_sort(products, channel_object, sort_by, bool(search)), **page)
    _expect_children(info, [edge["node"] for edge in result["edges"]], channel_object.slug)
    return result


def _expect_children(info, products, channel_slug) -> None:
    """Announce the page's keys to the loaders its fields will use (one query each)."""
    ids = [product.pk for product in products]
    for cls in (ImagesByProductIdLoader, CurrentCertificateLoader, RatingHistoryLoader):
        loader(info, cls).expect(ids)
    for cls in (ProductPricesLoader, ProductListingLoader, VariantsByProductIdLoader):
        loader(info, cls, channel_slug).expect(ids)
    loader(info, CategoryByIdLoader).expect({product.group_id for product in products})
    loader(info, ProducerByIdLoader).expect({product.producer_id for product in products})


ProducerCountableConnection = countable_connection(ProducerType, "Producer")


class CatalogQueries(graphene.ObjectType):
    products = graphene.Field(
        ProductCountableConnection,
        channel=graphene.String(),
        filter=ProductFilterInput(),
        where=ProductWhereInput(),
        search=graphene.String(),
        sort_by=ProductOrder(),
        **connection_args(),
    )
    product = graphene.Field(
        ProductType,
        id=graphene.ID(),
        slug=graphene.String(),
        external_reference=graphene.String(),
        channel=graphene.String(),
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        level=graphene.Int(),
        filter=CategoryFilterInput(),
        where=graphene.Argument("marketplace.graphql.product.variants.CategoryWhereInput"),
        sort_by=graphene.Argument("marketplace.graphql.product.variants.CategorySortingInput"),
        **connection_args(),
    )
    category = graphene.Field(Category, id=graphene.ID(), slug=graphene.String())
    collections = graphene.Field(
        CollectionCountableConnection,
        channel=graphene.String(),
        filter=CollectionFilterInput(),
        where=graphene.Argument("marketplace.graphql.product.variants.CollectionWhereInput"),
        sort_by=graphene.Argument("marketplace.graphql.product.variants.CollectionSortingInput"),
        **connection_args(),
    )
    collection = graphene.Field(
        Collection, id=graphene.ID(), slug=graphene.String(), channel=graphene.String()
    )
    channel = graphene.Field(Channel, id=graphene.ID(), slug=graphene.String())
    producers = graphene.Field(ProducerCountableConnection, **connection_args())
    producer = graphene.Field(ProducerType, slug=graphene.String(required=True))

    @staticmethod
    def resolve_products(root, info, **kwargs):
        return product_list(info, **kwargs)

    @staticmethod
    def resolve_product(root, info, id=None, slug=None, channel=None, external_reference=None):
        if len([value for value in (id, slug, external_reference) if value is not None]) != 1:
            raise GraphQLError("Provide exactly one of `id`, `slug` or `externalReference`.")
        if external_reference is not None:
            return None  # products have no external references here
        channel_object = _channel(channel)
        info.context.graphql_channel = channel_object.slug
        products = visible_products(channel_object)
        if id is not None:
            return products.filter(pk=from_global_id(id, "Product")).first()
        return products.filter(slug=slug).first()

    @staticmethod
    def resolve_categories(root, info, level=None, filter=None, where=None, sort_by=None, **kwargs):
        from marketplace.graphql.product.variants import categories_where_sorted

        groups = ProductGroup.objects.order_by("code")
        if level is not None:
            groups = groups.filter(parent__isnull=level == 0)
        groups = categories_where_sorted(groups, where, sort_by)
        return paginate(filter_categories(groups, filter or {}), **kwargs)

    @staticmethod
    def resolve_category(root, info, id=None, slug=None):
        if id is not None:
            return ProductGroup.objects.filter(pk=from_global_id(id, "Category")).first()
        if slug:
            # Slugs are derived from code and name; there are only a few dozen groups.
            return next((g for g in ProductGroup.objects.all() if category_slug(g) == slug), None)
        raise GraphQLError("Provide `id` or `slug`.")

    @staticmethod
    def resolve_collections(
        root, info, channel=None, filter=None, where=None, sort_by=None, **kwargs
    ):
        from marketplace.graphql.product.variants import collections_where_sorted

        if channel:
            info.context.graphql_channel = _channel(channel).slug
        stars = [level for level in STAR_LEVELS if collection_matches(level, filter or {})]
        return paginate(ListSlice(collections_where_sorted(stars, where, sort_by)), **kwargs)

    @staticmethod
    def resolve_collection(root, info, id=None, slug=None, channel=None):
        if channel:
            info.context.graphql_channel = _channel(channel).slug
        stars = from_global_id(id, "Collection") if id else None
        if slug and slug.startswith("ocop-") and slug.endswith("-sao"):
            middle = slug[len("ocop-") : -len("-sao")]
            stars = int(middle) if middle.isdigit() else None
        return stars if stars in STAR_LEVELS else None

    @staticmethod
    def resolve_channel(root, info, id=None, slug=None):
        if id is not None:
            return ChannelModel.objects.filter(pk=from_global_id(id, "Channel")).first()
        return ChannelModel.objects.filter(slug=slug).first()

    @staticmethod
    def resolve_producers(root, info, **kwargs):
        return paginate(Producer.objects.filter(status="approved").order_by("sort_name"), **kwargs)

    @staticmethod
    def resolve_producer(root, info, slug):
        return Producer.objects.filter(slug=slug, status="approved").first()
