"""Saleor's product `filter` and `where` inputs, over our catalogue. Listed products are
always published and visible, filed under an OCOP group, never gift cards or pre-orders,
and carry no metadata: asking for the opposite matches nothing, as it would in Saleor."""

import graphene
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import ProductVariant, filed_under
from catalog.services.ratings import current_stars_subquery
from catalog.text import unaccent
from marketplace.channels.models import ProductChannelListing, VariantChannelListing
from marketplace.graphql.core import from_global_id
from marketplace.graphql.core.compat import MetadataFilter
from marketplace.warehouses.models import Stock

StockAvailability = graphene.Enum(
    "StockAvailability", [("IN_STOCK", "IN_STOCK"), ("OUT_OF_STOCK", "OUT_OF_STOCK")]
)


def _range(scalar):
    return type(
        f"{scalar.__name__}RangeInput" if scalar is not graphene.Float else "PriceRangeInput",
        (graphene.InputObjectType,),
        {"gte": scalar(), "lte": scalar()},
    )


PriceRangeInput = _range(graphene.Float)
IntRangeInput = _range(graphene.Int)
DateTimeRangeInput = _range(graphene.DateTime)
DateRangeInput = _range(graphene.Date)
DecimalRangeInput = _range(graphene.Decimal)


class DecimalFilterInput(graphene.InputObjectType):
    eq = graphene.Decimal()
    one_of = graphene.List(graphene.NonNull(graphene.Decimal))
    range = graphene.Field(DecimalRangeInput)


class DateTimeFilterInput(graphene.InputObjectType):
    eq = graphene.DateTime()
    one_of = graphene.List(graphene.NonNull(graphene.DateTime))
    range = graphene.Field(DateTimeRangeInput)


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID()
    one_of = graphene.List(graphene.NonNull(graphene.ID))


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String(required=True)
    values = graphene.List(graphene.NonNull(graphene.String))
    values_range = graphene.Field(IntRangeInput)
    date_time = graphene.Field(DateTimeRangeInput)
    date = graphene.Field(DateRangeInput)
    boolean = graphene.Boolean()


class ProductStockFilterInput(graphene.InputObjectType):
    warehouse_ids = graphene.List(graphene.NonNull(graphene.ID))
    quantity = graphene.Field(IntRangeInput)


class _ProductConditions:
    """The conditions `filter` and `where` share (a graphene mixin)."""

    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    is_available = graphene.Boolean()
    is_published = graphene.Boolean()
    is_visible_in_listing = graphene.Boolean()
    published_from = graphene.DateTime()
    available_from = graphene.DateTime()
    has_category = graphene.Boolean()
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    stock_availability = graphene.Field(StockAvailability)
    stocks = graphene.Field(ProductStockFilterInput)
    gift_card = graphene.Boolean()
    has_preordered_variants = graphene.Boolean()
    ids = graphene.List(graphene.NonNull(graphene.ID))


class ProductFilterInput(_ProductConditions, graphene.InputObjectType):
    search = graphene.String()
    categories = graphene.List(graphene.NonNull(graphene.ID))
    collections = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    price = graphene.Field(PriceRangeInput)
    minimal_price = graphene.Field(PriceRangeInput)
    updated_at = graphene.Field(DateTimeRangeInput)
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    channel = graphene.String(
        deprecation_reason="This field will be removed in Saleor 4.0. Use root-level channel "
        "argument instead."
    )
    ocop_min_stars = graphene.Int(description="OCOP: at least this many stars.")
    ocop_groups = graphene.List(graphene.NonNull(graphene.ID), description="OCOP: Category IDs.")
    administrative_units = graphene.List(
        graphene.NonNull(graphene.ID), description="OCOP: producers' communes (AdministrativeUnit)."
    )
    producers = graphene.List(graphene.NonNull(graphene.ID), description="OCOP: Producer IDs.")


class ProductWhereInput(_ProductConditions, graphene.InputObjectType):
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    product_type = graphene.Field(GlobalIDFilterInput)
    category = graphene.Field(GlobalIDFilterInput)
    collection = graphene.Field(GlobalIDFilterInput)
    price = graphene.Field(DecimalFilterInput)
    minimal_price = graphene.Field(DecimalFilterInput)
    updated_at = graphene.Field(DateTimeFilterInput)
    AND = graphene.List(graphene.NonNull(lambda: ProductWhereInput))
    OR = graphene.List(graphene.NonNull(lambda: ProductWhereInput))


def _value(choice):
    return getattr(choice, "value", choice)


def _ids(values, type_name):
    return [from_global_id(value, type_name) for value in values or []]


def _stars():
    return current_stars_subquery(timezone.localdate())


def _listing(channel):
    return ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel)


def _prices(channel):
    return VariantChannelListing.objects.filter(variant__product=OuterRef("pk"), channel=channel)


def _price_bounds(products, channel, gte=None, lte=None, values=None):
    prices = _prices(channel)
    if gte is not None:
        prices = prices.filter(price_amount__gte=gte)
    if lte is not None:
        prices = prices.filter(price_amount__lte=lte)
    if values is not None:
        prices = prices.filter(price_amount__in=values)
    return products.filter(Exists(prices))


def _decimal(products, channel, condition):
    if not condition:
        return products
    if condition.get("eq") is not None:
        products = _price_bounds(products, channel, values=[condition["eq"]])
    if condition.get("one_of"):
        products = _price_bounds(products, channel, values=condition["one_of"])
    bounds = condition.get("range") or {}
    return _price_bounds(products, channel, bounds.get("gte"), bounds.get("lte"))


def _datetimes(products, field, condition):
    if not condition:
        return products
    if condition.get("eq") is not None:
        products = products.filter(**{field: condition["eq"]})
    if condition.get("one_of"):
        products = products.filter(**{f"{field}__in": condition["one_of"]})
    return _between(products, field, condition.get("range"))


def _between(products, field, bounds):
    if bounds and bounds.get("gte") is not None:
        products = products.filter(**{f"{field}__gte": bounds["gte"]})
    if bounds and bounds.get("lte") is not None:
        products = products.filter(**{f"{field}__lte": bounds["lte"]})
    return products


def _attribute(products, attribute):
    """Our attributes match on their value slugs (`AttributeValue.slug`)."""
    wanted = set(attribute.get("values") or [])
    slug = attribute["slug"]
    if slug == "ocop-stars":
        stars = [level for level in (3, 4, 5) if slugify(f"{level} sao") in wanted]
        return products.annotate(ocop_stars=_stars()).filter(ocop_stars__in=stars)
    if slug == "ocop-group":
        from catalog.models import ProductGroup

        groups = [
            group.pk
            for group in ProductGroup.objects.all()
            if slugify(unaccent(group.name)) in wanted
        ]
        return products.filter(group_id__in=groups)
    if slug == "net-quantity":
        variants = [
            pk
            for pk, amount, unit in ProductVariant.objects.exclude(net_quantity=None).values_list(
                "pk", "net_quantity", "unit"
            )
            if slugify(unaccent(f"{amount.normalize():f} {unit}")) in wanted
        ]
        return products.filter(variants__in=variants).distinct()
    return products.none()


def _stocks(products, channel, data):
    stock = Stock.objects.filter(variant__product=OuterRef("pk"), warehouse__channels=channel)
    if data.get("warehouse_ids"):
        stock = stock.filter(warehouse_id__in=_ids(data["warehouse_ids"], "Warehouse"))
    bounds = data.get("quantity") or {}
    stock = stock.annotate(free=F("quantity") - F("quantity_allocated"))
    stock = _between(stock, "free", bounds)
    return products.filter(Exists(stock))


def _availability(products, channel, wanted):
    in_stock = Stock.objects.filter(
        variant__product=OuterRef("pk"), warehouse__channels=channel
    ).filter(quantity__gt=F("quantity_allocated"))
    exists = Exists(in_stock)
    return products.filter(exists if _value(wanted) == "IN_STOCK" else ~exists)


def _common(products, channel, data):
    """The conditions `filter` and `where` share."""
    now = timezone.now()
    always_true = ("is_published", "is_visible_in_listing", "has_category")
    always_false = ("gift_card", "has_preordered_variants")
    if any(data.get(key) is False for key in always_true) or any(
        data.get(key) for key in always_false
    ):
        return products.none()
    if data.get("metadata"):
        return products.none()
    if data.get("ids"):
        products = products.filter(pk__in=_ids(data["ids"], "Product"))
    if data.get("is_available") is not None:
        available = Q(available_for_purchase_at__isnull=True)
        available |= Q(available_for_purchase_at__lte=now)
        exists = Exists(_listing(channel).filter(available))
        products = products.filter(exists if data["is_available"] else ~exists)
    if data.get("available_from") is not None:
        listing = _listing(channel).filter(
            Q(available_for_purchase_at__isnull=True)
            | Q(available_for_purchase_at__lte=data["available_from"])
        )
        products = products.filter(Exists(listing))
    if data.get("published_from") is not None:
        products = products.filter(created_at__lte=data["published_from"])
    for attribute in data.get("attributes") or []:
        products = _attribute(products, attribute)
    if data.get("stock_availability"):
        products = _availability(products, channel, data["stock_availability"])
    if data.get("stocks"):
        products = _stocks(products, channel, data["stocks"])
    return products


def apply_filter(products, channel, data):
    if not data:
        return products
    products = _common(products, channel, data)
    groups = _ids(data.get("categories"), "Category") + _ids(data.get("ocop_groups"), "Category")
    groups += _ids(data.get("product_types"), "ProductType")
    if groups:
        products = products.filter(filed_under("id__in", groups))
    if data.get("collections"):
        stars = _ids(data["collections"], "Collection")
        products = products.annotate(ocop_stars=_stars()).filter(ocop_stars__in=stars)
    if data.get("slugs"):
        products = products.filter(slug__in=data["slugs"])
    for key in ("price", "minimal_price"):
        if data.get(key):
            products = _price_bounds(products, channel, data[key].get("gte"), data[key].get("lte"))
    products = _between(products, "updated_at", data.get("updated_at"))
    if data.get("ocop_min_stars") is not None:
        products = products.annotate(ocop_stars=_stars()).filter(
            ocop_stars__gte=data["ocop_min_stars"]
        )
    if data.get("administrative_units"):
        units = _ids(data["administrative_units"], "AdministrativeUnit")
        products = products.filter(producer__commune_id__in=units)
    if data.get("producers"):
        products = products.filter(producer_id__in=_ids(data["producers"], "Producer"))
    return products


def _global_ids(products, lookup, condition, type_name):
    if not condition:
        return products
    if condition.get("eq"):
        products = products.filter(filed_under(lookup, from_global_id(condition["eq"], type_name)))
    if condition.get("one_of"):
        ids = _ids(condition["one_of"], type_name)
        products = products.filter(filed_under(f"{lookup}__in", ids))
    return products


def apply_where(products, channel, where):
    if not where:
        return products
    base = products
    products = _common(products, channel, where)
    for field in ("name", "slug"):
        condition = where.get(field) or {}
        if condition.get("eq") is not None:
            products = products.filter(**{field: condition["eq"]})
        if condition.get("one_of"):
            products = products.filter(**{f"{field}__in": condition["one_of"]})
    products = _global_ids(products, "id", where.get("category"), "Category")
    products = _global_ids(products, "id", where.get("product_type"), "ProductType")
    collection = where.get("collection") or {}
    chosen = [collection["eq"]] if collection.get("eq") else collection.get("one_of")
    stars = _ids(chosen, "Collection")
    if stars:
        products = products.annotate(ocop_stars=_stars()).filter(ocop_stars__in=stars)
    for key in ("price", "minimal_price"):
        products = _decimal(products, channel, where.get(key))
    products = _datetimes(products, "updated_at", where.get("updated_at"))
    for part in where.get("AND") or []:
        products = products.filter(pk__in=apply_where(base, channel, part).values("pk"))
    if where.get("OR"):
        either = Q()
        for part in where["OR"]:
            either |= Q(pk__in=apply_where(base, channel, part).values("pk"))
        products = products.filter(either)
    return products
