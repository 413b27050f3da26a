"""Saleor's `collections(filter:)` over the OCOP star collections and
`categories(filter:)` over the OCOP groups."""

import graphene

from marketplace.graphql.core import to_global_id
from marketplace.graphql.core.compat import MetadataFilter
from marketplace.graphql.product.resolvers import category_slug


class CollectionPublished(graphene.Enum):
    PUBLISHED = "PUBLISHED"
    HIDDEN = "HIDDEN"


class CollectionFilterInput(graphene.InputObjectType):
    published = CollectionPublished()
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String(
        deprecation_reason="This field will be removed in Saleor 4.0. Use root-level channel "
        "argument instead."
    )


def collection_matches(stars: int, filter: dict) -> bool:
    """The star collections are always published; they match by slug, id or name."""
    published = getattr(filter.get("published"), "value", filter.get("published"))
    if published == "HIDDEN" or filter.get("metadata"):
        return False
    if filter.get("slugs") and f"ocop-{stars}-sao" not in filter["slugs"]:
        return False
    if filter.get("ids") and to_global_id("Collection", stars) not in filter["ids"]:
        return False
    search = (filter.get("search") or "").strip().casefold()
    return not search or search in f"sản phẩm ocop {stars} sao ocop-{stars}-sao"


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    updated_at = graphene.Field(
        "marketplace.graphql.product.filters.DateTimeRangeInput",
        description="The OCOP classification is fixed by decision: any range matches all.",
    )


def filter_categories(groups, filter: dict) -> list:
    """The groups matching every given criterion (slugs are derived, so this reads the few
    dozen groups and keeps an ordered list)."""
    found = list(groups)
    if filter.get("metadata"):
        return []  # no metadata is stored
    if filter.get("slugs"):
        found = [group for group in found if category_slug(group) in filter["slugs"]]
    if filter.get("ids"):
        found = [group for group in found if to_global_id("Category", group.pk) in filter["ids"]]
    search = (filter.get("search") or "").strip().casefold()
    if search:
        found = [
            group
            for group in found
            if search in f"{group.name} {group.name_en} {group.code}".casefold()
        ]
    return found
