"""Saleor's `productVariant` and `productVariants` queries, and the `where`/`sortBy`
arguments of `categories` and `collections`."""

import graphene
from django.db.models import Count, Q
from graphql import GraphQLError

from catalog.models import Product
from catalog.models import ProductVariant as VariantModel
from catalog.search import get_backend
from marketplace.graphql.core import (
    OrderDirection,
    connection_args,
    decode_global_id,
    from_global_id,
    paginate,
)
from marketplace.graphql.core.compat import MetadataFilter
from marketplace.graphql.product.filters import DateTimeRangeInput
from marketplace.graphql.product.resolvers import _channel, star_counts, visible_products
from marketplace.graphql.product.types import ProductVariant, ProductVariantCountableConnection

_CHANNEL_IN_SORT = (
    "This field will be removed in Saleor 4.0. Use root-level channel argument instead."
)


def ids_where_input(name: str):
    """Saleor's `{metadata ids AND OR}` where-input, named `name`."""
    where = type(
        name,
        (graphene.InputObjectType,),
        {
            "metadata": graphene.List(graphene.NonNull(MetadataFilter)),
            "ids": graphene.List(graphene.NonNull(graphene.ID)),
            "AND": graphene.List(graphene.NonNull(lambda: where)),
            "OR": graphene.List(graphene.NonNull(lambda: where)),
        },
    )
    return where


class ProductVariantFilterInput(graphene.InputObjectType):
    search = graphene.String()
    sku = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    is_preorder = graphene.Boolean()
    updated_at = graphene.Field(DateTimeRangeInput)


ProductVariantWhereInput = ids_where_input("ProductVariantWhereInput")


class ProductVariantSortField(graphene.Enum):
    LAST_MODIFIED_AT = "LAST_MODIFIED_AT"


class ProductVariantSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(ProductVariantSortField, required=True)


def _where_ids(where, type_name) -> Q:
    """A Q for Saleor's `{ids AND OR metadata}` where-inputs (no metadata is stored)."""
    if not where:
        return Q()
    if where.get("metadata"):
        return Q(pk__in=[])
    condition = Q()
    if where.get("ids"):
        condition &= Q(pk__in=[from_global_id(value, type_name) for value in where["ids"]])
    for part in where.get("AND") or []:
        condition &= _where_ids(part, type_name)
    if where.get("OR"):
        either = Q(pk__in=[])
        for part in where["OR"]:
            either |= _where_ids(part, type_name)
        condition &= either
    return condition


def _value(choice):
    return getattr(choice, "value", choice)


def _variants(info, channel):
    channel_object = _channel(channel or getattr(info.context, "graphql_channel", None))
    info.context.graphql_channel = channel_object.slug
    products = visible_products(channel_object)
    return VariantModel.objects.filter(product__in=products).select_related("product")


def _filter_variants(variants, filter):
    filter = filter or {}
    if filter.get("metadata") or filter.get("is_preorder"):
        return variants.none()  # no metadata, no pre-orders
    if filter.get("sku"):
        variants = variants.filter(sku__in=filter["sku"])
    if filter.get("search"):
        found = get_backend().search(Product.objects.all(), filter["search"])
        variants = variants.filter(
            Q(product__in=found.values("pk")) | Q(sku__icontains=filter["search"])
        )
    bounds = filter.get("updated_at") or {}
    if bounds.get("gte") is not None:
        variants = variants.filter(product__updated_at__gte=bounds["gte"])
    if bounds.get("lte") is not None:
        variants = variants.filter(product__updated_at__lte=bounds["lte"])
    return variants


class VariantQueries(graphene.ObjectType):
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.ID(),
        sku=graphene.String(),
        external_reference=graphene.String(),
        channel=graphene.String(),
    )
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        ids=graphene.List(graphene.NonNull(graphene.ID)),
        channel=graphene.String(),
        filter=ProductVariantFilterInput(),
        where=ProductVariantWhereInput(),
        sort_by=ProductVariantSortingInput(),
        **connection_args(),
    )

    @staticmethod
    def resolve_product_variant(
        root, info, id=None, sku=None, external_reference=None, channel=None
    ):
        given = [value for value in (id, sku, external_reference) if value is not None]
        if len(given) != 1:
            raise GraphQLError("Provide exactly one of `id`, `sku` or `externalReference`.")
        variants = _variants(info, channel)
        if external_reference is not None:
            return None  # variants have no external references here
        if sku is not None:
            return variants.filter(sku=sku).first()
        decoded = decode_global_id(id)
        if decoded is None or decoded[0] != "ProductVariant" or not decoded[1].isdigit():
            raise GraphQLError(f"Couldn't resolve id: {id} (expected a ProductVariant ID).")
        return variants.filter(pk=decoded[1]).first()

    @staticmethod
    def resolve_product_variants(
        root, info, ids=None, channel=None, filter=None, where=None, sort_by=None, **page
    ):
        variants = _variants(info, channel)
        if ids:
            variants = variants.filter(pk__in=[from_global_id(v, "ProductVariant") for v in ids])
        variants = _filter_variants(variants, filter).filter(_where_ids(where, "ProductVariant"))
        key = "product__updated_at" if sort_by else "product__sort_name"
        if sort_by and _value(sort_by["direction"]) == "DESC":
            return paginate(variants.order_by(f"-{key}", "-pk"), **page)
        return paginate(variants.order_by(key, "pk"), **page)


CategoryWhereInput = ids_where_input("CategoryWhereInput")


class CategorySortField(graphene.Enum):
    NAME = "NAME"
    PRODUCT_COUNT = "PRODUCT_COUNT"
    SUBCATEGORY_COUNT = "SUBCATEGORY_COUNT"


class CategorySortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    channel = graphene.String(deprecation_reason=_CHANNEL_IN_SORT)
    field = graphene.Field(CategorySortField, required=True)


def categories_where_sorted(groups, where=None, sort_by=None):
    groups = groups.filter(_where_ids(where, "Category"))
    if not sort_by:
        return groups
    field = _value(sort_by["field"])
    if field == "PRODUCT_COUNT":
        groups = groups.annotate(sort_key=Count("products", distinct=True))
    elif field == "SUBCATEGORY_COUNT":
        groups = groups.annotate(sort_key=Count("subgroups", distinct=True))
    key = "name" if field == "NAME" else "sort_key"
    descending = _value(sort_by["direction"]) == "DESC"
    return groups.order_by(f"-{key}" if descending else key, "code")


CollectionWhereInput = ids_where_input("CollectionWhereInput")


CollectionSortField = graphene.Enum(
    "CollectionSortField",
    [
        (name, name)
        for name in (
            "NAME",
            "AVAILABILITY",
            "PRODUCT_COUNT",
            "PUBLICATION_DATE",
            "PUBLISHED_AT",
        )
    ],
)


class CollectionSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    channel = graphene.String(deprecation_reason=_CHANNEL_IN_SORT)
    field = graphene.Field(CollectionSortField, required=True)


def collections_where_sorted(stars: list[int], where=None, sort_by=None) -> list[int]:
    """Star collections (5, 4, 3) narrowed by `where` and ordered by `sortBy`: by name the
    stars read upwards, by product count the most populated first when descending."""
    wanted = {level for level in stars if _star_matches(level, where)}
    stars = [level for level in stars if level in wanted]
    if not sort_by:
        return stars
    descending = _value(sort_by["direction"]) == "DESC"
    if _value(sort_by["field"]) == "PRODUCT_COUNT":
        counts = star_counts()
        return sorted(stars, key=lambda level: counts.get(level, 0), reverse=descending)
    return sorted(stars, reverse=descending)


def _star_matches(level: int, where) -> bool:
    if not where:
        return True
    if where.get("metadata"):
        return False
    if where.get("ids") and level not in [from_global_id(v, "Collection") for v in where["ids"]]:
        return False
    if not all(_star_matches(level, part) for part in where.get("AND") or []):
        return False
    return not where.get("OR") or any(_star_matches(level, part) for part in where["OR"])
