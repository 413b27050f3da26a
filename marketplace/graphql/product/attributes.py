"""The OCOP attributes as Saleor attributes: each product's selected values, and every
value a listing can be filtered by (`Attribute.choices`)."""

import graphene
from django.db.models import Q
from django.utils.text import slugify

from catalog.models import ProductGroup, ProductVariant
from catalog.text import unaccent
from marketplace.graphql.core import (
    OrderDirection,
    connection_args,
    countable_connection,
    paginate,
    to_global_id,
)

STAR_LEVELS = (5, 4, 3)
ATTRIBUTE_NAMES = {
    "ocop-group": "Nhóm OCOP / OCOP group",
    "ocop-stars": "Hạng sao OCOP / OCOP stars",
    "net-quantity": "Khối lượng tịnh / Net quantity",
}


def value_of(slug: str, value: str) -> dict:
    return {
        "id": to_global_id("AttributeValue", f"{slug}:{value}"),
        "name": value,
        "slug": slugify(unaccent(value)),
    }


def selected_attribute(slug: str, value: str) -> dict:
    """A product's or variant's value of one attribute (Saleor's SelectedAttribute)."""
    return {"attribute": attribute_of(slug), "values": [value_of(slug, value)]}


def attribute_of(slug: str) -> dict:
    return {"id": to_global_id("Attribute", slug), "name": ATTRIBUTE_NAMES[slug], "slug": slug}


def attribute_values(slug: str) -> list[dict]:
    """Every value the attribute takes in the catalogue."""
    if slug == "ocop-group":
        groups = ProductGroup.objects.filter(parent__isnull=False).order_by("code")
        values = [group.name for group in groups]
    elif slug == "ocop-stars":
        values = [f"{stars} sao" for stars in STAR_LEVELS]
    else:
        quantities = (
            ProductVariant.objects.filter(~Q(net_quantity=None))
            .values_list("net_quantity", "unit")
            .distinct()
            .order_by("unit", "net_quantity")
        )
        values = list(
            dict.fromkeys(f"{amount.normalize():f} {unit}" for amount, unit in quantities)
        )
    return [value_of(slug, value) for value in values]


class AttributeChoicesSortField(graphene.Enum):
    NAME = "NAME"
    SLUG = "SLUG"


class AttributeChoicesSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(AttributeChoicesSortField, required=True)


class AttributeValueFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class AttributeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slugs = graphene.List(graphene.NonNull(graphene.String))


AttributeValueCountableConnection = countable_connection(
    "marketplace.graphql.product.types.AttributeValue", "AttributeValue"
)


def _plain(value):
    return getattr(value, "value", value)


def choices_field():
    return graphene.Field(
        AttributeValueCountableConnection,
        filter=AttributeValueFilterInput(),
        sort_by=AttributeChoicesSortingInput(),
        **connection_args(),
    )


def resolve_choices(attribute, info, filter=None, sort_by=None, **page):
    values = attribute_values(attribute["slug"])
    filter = filter or {}
    search = (filter.get("search") or "").strip().casefold()
    if search:
        values = [value for value in values if search in value["name"].casefold()]
    if filter.get("slugs"):
        values = [value for value in values if value["slug"] in filter["slugs"]]
    if filter.get("ids"):
        values = [value for value in values if value["id"] in filter["ids"]]
    if sort_by:
        key = "slug" if _plain(sort_by["field"]) == "SLUG" else "name"
        values.sort(key=lambda value: value[key], reverse=_plain(sort_by["direction"]) == "DESC")
    return paginate(values, **page)


def all_attributes(filter=None) -> list[dict]:
    found = [attribute_of(slug) for slug in ATTRIBUTE_NAMES]
    filter = filter or {}
    search = (filter.get("search") or "").strip().casefold()
    if search:
        found = [item for item in found if search in item["name"].casefold()]
    if filter.get("slugs"):
        found = [item for item in found if item["slug"] in filter["slugs"]]
    return found
