"""Storefront catalogue queries in Saleor's shape, with OCOP filters."""

import graphene
from graphql import GraphQLError

from catalog.graphql.types import Producer as ProducerType
from catalog.models import Producer, ProductGroup
from marketplace.channels.models import Channel as ChannelModel
from marketplace.graphql.core import (
    OrderDirection,
    connection_args,
    countable_connection,
    from_global_id,
    paginate,
)
from marketplace.graphql.product.attributes import STAR_LEVELS
from marketplace.graphql.product.collections import (
    CategoryFilterInput,
    CollectionFilterInput,
    collection_matches,
    filter_categories,
)
from marketplace.graphql.product.filters import (
    ProductFilterInput,
    ProductWhereInput,
)
from marketplace.graphql.product.resolvers import (
    SORT_KEYS,
    _channel,
    product_list,
    visible_products,
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
from marketplace.graphql.product.variants import (
    categories_where_sorted,
    collections_where_sorted,
)

ProducerCountableConnection = countable_connection(ProducerType, "Producer")
ProductOrderField = graphene.Enum("ProductOrderField", [(name, name) for name in SORT_KEYS])


class ProductOrder(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    channel = graphene.String(
        deprecation_reason="This field will be removed in Saleor 4.0. Use root-level channel "
        "argument instead."
    )
    attribute_id = graphene.ID(description="Sorts by that attribute's value name.")
    field = graphene.Field(ProductOrderField)


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
        if channel:
            info.context.graphql_channel = _channel(channel).slug
        stars = [level for level in STAR_LEVELS if collection_matches(level, filter or {})]
        return paginate(collections_where_sorted(stars, where, sort_by), **kwargs)

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
