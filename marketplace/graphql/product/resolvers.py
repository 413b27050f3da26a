"""What the catalogue's GraphQL types and queries resolve to, apart from the types
themselves (so types, queries and mixins import this module and never each other): the
channel's visible products, the product list with its filters, search and sort, and the
text and attribute helpers Saleor's fields share."""

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from graphql import GraphQLError

from catalog.models import Product, filed_under
from catalog.search import get_backend
from catalog.services.ratings import current_stars_subquery
from catalog.text import unaccent
from marketplace.channels.models import Channel as ChannelModel
from marketplace.channels.models import ProductChannelListing, VariantChannelListing
from marketplace.graphql.core import decode_global_id, from_global_id, paginate
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
from marketplace.graphql.product.attributes import selected_attribute
from marketplace.graphql.product.filters import apply_filter, apply_where


def editorjs(text: str) -> dict | None:
    """Saleor returns rich text as EditorJS JSON (serialised by the JSONString scalar)."""
    if not text:
        return None
    blocks = [{"type": "paragraph", "data": {"text": part}} for part in text.split("\n\n") if part]
    return {"time": 0, "blocks": blocks, "version": "2.24.3"}


def category_slug(group) -> str:
    return f"{group.code.replace('.', '-')}-{slugify(unaccent(group.name_en or group.name))}"


def category_description(group) -> dict | None:
    return editorjs(f"{group.name_en}. {group.examples}".strip(". "))


def channel_of(info) -> str | None:
    return getattr(info.context, "graphql_channel", None)


def product_attributes(product, info) -> list[dict]:
    """A product's OCOP group and, when certified, its stars, as selected attributes."""
    certificate = loader(info, CurrentCertificateLoader).load(product.pk)
    group = loader(info, CategoryByIdLoader).load(product.group_id)
    found = [selected_attribute("ocop-group", group.name)]
    if certificate:
        found.append(selected_attribute("ocop-stars", f"{certificate.stars} sao"))
    return found


def product_stars(product, info) -> int | None:
    certificate = loader(info, CurrentCertificateLoader).load(product.pk)
    return certificate.stars if certificate else None


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
