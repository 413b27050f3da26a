"""The rest of Saleor's storefront fields on the catalogue types, answered from our data:
weights from the net quantity, the default variant, translations of groups and attributes,
media by id, legacy `images`/`descriptionJson`. Mixed into the types in catalog_types."""

from decimal import Decimal

import graphene
from django.utils import timezone

from catalog.models import ProductGroup
from marketplace.graphql.account.addresses import AddressInput
from marketplace.graphql.core import (
    connection_args,
    countable_connection,
    decode_global_id,
    paginate,
    to_global_id,
)
from marketplace.graphql.core.compat import (
    AttributeTranslation,
    AttributeValueTranslation,
    CategoryTranslation,
    ObjectWithMetadata,
    in_language,
    is_english,
    translation,
    translation_field,
)
from marketplace.graphql.core.enums import Weight
from marketplace.graphql.core.loaders import (
    ImagesByProductIdLoader,
    ProductListingLoader,
    VariantsByProductIdLoader,
    loader,
)
from marketplace.graphql.product.attributes import attribute_of
from marketplace.graphql.product.resolvers import (
    category_description,
    category_slug,
    editorjs,
    product_attributes,
    product_list,
    product_stars,
)

_LEGACY = "This field will be removed in Saleor 4.0."
_TYPES = "marketplace.graphql.product.types"
_GRAMS = {"g": Decimal(1), "kg": Decimal(1000)}


def variant_weight(variant) -> dict | None:
    """Grams of a variant sold by mass; none for litres or pieces (we do not guess)."""
    factor = _GRAMS.get(variant.unit)
    if factor is None or variant.net_quantity is None:
        return None
    return Weight.grams(variant.net_quantity * factor)


def _default_variant(product, info):
    variants = loader(info, VariantsByProductIdLoader, _channel(info)).load(product.pk)
    return variants[0] if variants else None


def _channel(info):
    return getattr(info.context, "graphql_channel", None)


def _image_by_id(product, info, id):
    decoded = decode_global_id(id or "")
    for image in loader(info, ImagesByProductIdLoader).load(product.pk):
        if decoded and decoded[0] == "ProductMedia" and decoded[1] == str(image.pk):
            return image
    return None


class ProductSaleorFields:
    charge_taxes = graphene.Boolean(
        required=True,
        deprecation_reason=f"{_LEGACY} Use `Channel.taxConfiguration` instead.",
        resolver=lambda product, info: True,  # prices include VAT
    )
    weight = graphene.Field(Weight, description="The default variant's, when sold by mass.")
    default_variant = graphene.Field(f"{_TYPES}.ProductVariant", resolver=_default_variant)
    description_json = graphene.JSONString(
        deprecation_reason=f"{_LEGACY} Use the `description` field instead."
    )
    tax_type = graphene.Field(
        "marketplace.graphql.product.fields.TaxType",
        deprecation_reason=f"{_LEGACY} Use `taxClass` field instead.",
    )
    attribute = graphene.Field(f"{_TYPES}.SelectedAttribute", slug=graphene.String(required=True))
    media_by_id = graphene.Field(f"{_TYPES}.ProductMedia", id=graphene.ID(), resolver=_image_by_id)
    image_by_id = graphene.Field(
        f"{_TYPES}.ProductImage",
        id=graphene.ID(),
        deprecation_reason=f"{_LEGACY} Use the `mediaById` field instead.",
        resolver=_image_by_id,
    )
    variant = graphene.Field(
        f"{_TYPES}.ProductVariant",
        id=graphene.ID(),
        sku=graphene.String(),
        deprecation_reason=f"{_LEGACY} Use the top-level `variant` query.",
    )
    images = graphene.List(
        graphene.NonNull(f"{_TYPES}.ProductImage"),
        deprecation_reason=f"{_LEGACY} Use the `media` field instead.",
        resolver=lambda product, info: list(loader(info, ImagesByProductIdLoader).load(product.pk)),
    )
    collections = graphene.List(graphene.NonNull(f"{_TYPES}.Collection"))
    available_for_purchase = graphene.Date(
        deprecation_reason=f"{_LEGACY} Use the `availableForPurchaseAt` field instead."
    )
    external_reference = graphene.String(resolver=lambda product, info: None)

    @staticmethod
    def resolve_weight(product, info):
        variant = _default_variant(product, info)
        return variant_weight(variant) if variant else None

    @staticmethod
    def resolve_description_json(product, info):
        return editorjs(product.description) or {}

    @staticmethod
    def resolve_tax_type(product, info):
        return {"description": "VAT", "tax_code": "VAT"}

    @staticmethod
    def resolve_attribute(product, info, slug):
        found = product_attributes(product, info)
        return next((item for item in found if item["attribute"]["slug"] == slug), None)

    @staticmethod
    def resolve_variant(product, info, id=None, sku=None):
        decoded = decode_global_id(id or "")
        variants = loader(info, VariantsByProductIdLoader, _channel(info)).load(product.pk)
        if sku is not None:
            return next((v for v in variants if v.sku == sku), None)
        return next((v for v in variants if decoded and decoded[1] == str(v.pk)), None)

    @staticmethod
    def resolve_collections(product, info):
        stars = product_stars(product, info)
        return [stars] if stars else []

    @staticmethod
    def resolve_available_for_purchase(product, info):
        listing = loader(info, ProductListingLoader, _channel(info)).load(product.pk)
        start = listing.available_for_purchase_at if listing else None
        return timezone.localdate(start) if start else None


class TaxType(graphene.ObjectType):
    description = graphene.String()
    tax_code = graphene.String()


class VariantSaleorFields:
    track_inventory = graphene.Boolean(required=True, resolver=lambda variant, info: True)
    weight = graphene.Field(Weight, resolver=lambda variant, info: variant_weight(variant))
    margin = graphene.Int(
        description="Null: the producer's cost price is not published.",
        resolver=lambda variant, info: None,
    )
    images = graphene.List(
        graphene.NonNull(f"{_TYPES}.ProductImage"),
        deprecation_reason=f"{_LEGACY} Use the `media` field instead.",
        resolver=lambda variant, info: list(
            loader(info, ImagesByProductIdLoader).load(variant.product_id)
        ),
    )
    preorder = graphene.Field(
        "marketplace.graphql.product.fields.PreorderData",
        resolver=lambda variant, info: None,  # nothing is sold ahead of stock here
    )
    created = graphene.DateTime(required=True, resolver=lambda v, info: v.product.created_at)
    updated_at = graphene.DateTime(required=True, resolver=lambda v, info: v.product.updated_at)
    external_reference = graphene.String(resolver=lambda variant, info: None)


class PreorderData(graphene.ObjectType):
    global_threshold = graphene.Int()
    global_sold_units = graphene.Int(required=True)
    end_date = graphene.DateTime()


class CategorySaleorFields:
    description_json = graphene.JSONString(
        deprecation_reason=f"{_LEGACY} Use the `description` field instead."
    )
    updated_at = graphene.DateTime(required=True, resolver=lambda group, info: group.updated_at)
    ancestors = graphene.Field(
        f"{_TYPES}.CategoryCountableConnection",
        first=graphene.Int(),
        last=graphene.Int(),
        after=graphene.String(),
        before=graphene.String(),
    )
    translation = translation_field(CategoryTranslation)

    @staticmethod
    def resolve_description_json(group, info):
        return category_description(group) or {}

    @staticmethod
    def resolve_ancestors(group, info, **page):
        chain, current = [], group.parent
        while current is not None:
            chain.append(current)
            current = current.parent
        return paginate(chain, **page)

    @staticmethod
    def resolve_translation(group, info, language_code):
        english = is_english(language_code)
        name = (group.name_en or group.name) if english else group.name
        return translation(
            "CategoryTranslation",
            group.pk,
            language_code,
            name=name,
            description=None,
            seo_title=name,
            seo_description=None,
        )


def media_id(image) -> str:
    return to_global_id("ProductMedia", image.pk)


ADDRESS_ARGUMENT = {"address": graphene.Argument(AddressInput)}


class AttributeInputTypeEnum(graphene.Enum):
    DROPDOWN = "DROPDOWN"
    MULTISELECT = "MULTISELECT"
    FILE = "FILE"
    REFERENCE = "REFERENCE"
    NUMERIC = "NUMERIC"
    RICH_TEXT = "RICH_TEXT"
    PLAIN_TEXT = "PLAIN_TEXT"
    SWATCH = "SWATCH"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"
    DATE_TIME = "DATE_TIME"


class AttributeEntityTypeEnum(graphene.Enum):
    PAGE = "PAGE"
    PRODUCT = "PRODUCT"
    PRODUCT_VARIANT = "PRODUCT_VARIANT"


class AttributeTypeEnum(graphene.Enum):
    PRODUCT_TYPE = "PRODUCT_TYPE"
    PAGE_TYPE = "PAGE_TYPE"


MeasurementUnitsEnum = graphene.Enum(
    "MeasurementUnitsEnum",
    [
        (name, name)
        for name in [
            "MM",
            "CM",
            "DM",
            "M",
            "KM",
            "FT",
            "YD",
            "INCH",
            "SQ_MM",
            "SQ_CM",
            "SQ_DM",
            "SQ_M",
            "SQ_KM",
            "SQ_FT",
            "SQ_YD",
            "SQ_INCH",
            "CUBIC_MILLIMETER",
            "CUBIC_CENTIMETER",
            "CUBIC_DECIMETER",
            "CUBIC_METER",
            "LITER",
            "CUBIC_FOOT",
            "CUBIC_INCH",
            "CUBIC_YARD",
            "QT",
            "PINT",
            "FL_OZ",
            "ACRE_IN",
            "ACRE_FT",
            "G",
            "LB",
            "OZ",
            "KG",
            "TONNE",
        ]
    ],
)


class ProductTypeKindEnum(graphene.Enum):
    NORMAL = "NORMAL"
    GIFT_CARD = "GIFT_CARD"


class File(graphene.ObjectType):
    url = graphene.String(required=True)
    content_type = graphene.String()


# Our three attributes are dropdowns of text values; net quantity chooses the variant.
PRODUCT_ATTRIBUTES = ("ocop-group", "ocop-stars")
VARIANT_ATTRIBUTES = ("net-quantity",)


def _product_types_using(slug, **page):
    leaves = ProductGroup.objects.filter(subgroups__isnull=True).order_by("code")
    return paginate([ProductType.of(group) for group in leaves], **page)


class AttributeDetails:
    input_type = graphene.Field(AttributeInputTypeEnum, resolver=lambda a, info: "DROPDOWN")
    entity_type = graphene.Field(AttributeEntityTypeEnum, resolver=lambda a, info: None)
    type = graphene.Field(AttributeTypeEnum, resolver=lambda a, info: "PRODUCT_TYPE")
    unit = graphene.Field(MeasurementUnitsEnum, resolver=lambda a, info: None)
    value_required = graphene.Boolean(required=True, resolver=lambda a, info: True)
    visible_in_storefront = graphene.Boolean(required=True, resolver=lambda a, info: True)
    filterable_in_storefront = graphene.Boolean(
        required=True, deprecation_reason=_LEGACY, resolver=lambda a, info: True
    )
    filterable_in_dashboard = graphene.Boolean(required=True, resolver=lambda a, info: True)
    available_in_grid = graphene.Boolean(
        required=True, deprecation_reason=_LEGACY, resolver=lambda a, info: True
    )
    storefront_search_position = graphene.Int(
        required=True, deprecation_reason=_LEGACY, resolver=lambda a, info: 0
    )
    with_choices = graphene.Boolean(required=True, resolver=lambda a, info: True)
    product_types = graphene.Field(
        graphene.NonNull("marketplace.graphql.product.fields.ProductTypeCountableConnection"),
        **connection_args(),
    )
    product_variant_types = graphene.Field(
        graphene.NonNull("marketplace.graphql.product.fields.ProductTypeCountableConnection"),
        **connection_args(),
    )
    external_reference = graphene.String(resolver=lambda a, info: None)

    @staticmethod
    def resolve_product_types(attribute, info, **page):
        if attribute["slug"] not in PRODUCT_ATTRIBUTES:
            return paginate([], **page)
        return _product_types_using(attribute["slug"], **page)

    @staticmethod
    def resolve_product_variant_types(attribute, info, **page):
        if attribute["slug"] not in VARIANT_ATTRIBUTES:
            return paginate([], **page)
        return _product_types_using(attribute["slug"], **page)


class AttributeValueDetails:
    input_type = graphene.Field(AttributeInputTypeEnum, resolver=lambda v, info: "DROPDOWN")
    reference = graphene.ID(resolver=lambda v, info: None)
    file = graphene.Field(File, resolver=lambda v, info: None)
    rich_text = graphene.JSONString(resolver=lambda v, info: None)
    plain_text = graphene.String(resolver=lambda v, info: None)
    boolean = graphene.Boolean(resolver=lambda v, info: None)
    date = graphene.Date(resolver=lambda v, info: None)
    date_time = graphene.DateTime(resolver=lambda v, info: None)
    external_reference = graphene.String(resolver=lambda v, info: None)


class AssignedVariantAttribute(graphene.ObjectType):
    attribute = graphene.Field(f"{_TYPES}.Attribute", required=True)
    variant_selection = graphene.Boolean(required=True)


def _attributes(slugs):
    return [attribute_of(slug) for slug in slugs]


def _variant_scope(variant_selection):
    scope = getattr(variant_selection, "value", variant_selection)
    return [] if scope == "NOT_VARIANT_SELECTION" else _attributes(VARIANT_ATTRIBUTES)


class ProductTypeDetails:
    """On ProductType (an OCOP sub-group): physical goods with net-quantity variants."""

    is_digital = graphene.Boolean(required=True, resolver=lambda t, info: False)
    weight = graphene.Field(Weight, resolver=lambda t, info: None)
    kind = graphene.Field(ProductTypeKindEnum, required=True, resolver=lambda t, info: "NORMAL")
    products = graphene.Field(
        f"{_TYPES}.ProductCountableConnection",
        channel=graphene.String(),
        deprecation_reason=f"{_LEGACY} Use the top-level `products` query.",
        **connection_args(),
    )
    tax_type = graphene.Field(
        TaxType,
        deprecation_reason=f"{_LEGACY} Use `taxClass` field instead.",
        resolver=lambda t, info: {"description": "VAT", "tax_code": "VAT"},
    )
    variant_attributes = graphene.List(
        graphene.NonNull(f"{_TYPES}.Attribute"),
        variant_selection=graphene.Argument(f"{_TYPES}.VariantAttributeScope"),
        deprecation_reason=f"{_LEGACY} Use `assignedVariantAttributes` instead.",
        resolver=lambda t, info, variant_selection=None: _variant_scope(variant_selection),
    )
    assigned_variant_attributes = graphene.List(
        graphene.NonNull(AssignedVariantAttribute),
        variant_selection=graphene.Argument(f"{_TYPES}.VariantAttributeScope"),
        resolver=lambda t, info, variant_selection=None: [
            {"attribute": attribute, "variant_selection": True}
            for attribute in _variant_scope(variant_selection)
        ],
    )
    product_attributes = graphene.List(
        graphene.NonNull(f"{_TYPES}.Attribute"),
        resolver=lambda t, info: _attributes(PRODUCT_ATTRIBUTES),
    )

    @staticmethod
    def resolve_products(product_type, info, channel=None, **page):
        return product_list(info, channel=channel, category_ids=[product_type["pk"]], **page)


class AttributeSaleorFields(AttributeDetails):
    translation = translation_field(AttributeTranslation)

    @staticmethod
    def resolve_translation(attribute, info, language_code):
        name = in_language(attribute["name"], language_code)
        return translation("AttributeTranslation", attribute["slug"], language_code, name=name)


class AttributeValueSaleorFields(AttributeValueDetails):
    translation = translation_field(AttributeValueTranslation)

    @staticmethod
    def resolve_translation(value, info, language_code):
        return translation(
            "AttributeValueTranslation",
            value.get("slug"),
            language_code,
            name=value.get("name"),
            rich_text=None,
            plain_text=value.get("name"),
        )


class ProductType(ProductTypeDetails, ObjectWithMetadata, graphene.ObjectType):
    """Our product types are the OCOP sub-groups."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)

    @staticmethod
    def of(group) -> dict:
        return {
            "pk": group.pk,
            "id": to_global_id("ProductType", group.pk),
            "name": group.name,
            "slug": category_slug(group),
            "has_variants": True,
            "is_shipping_required": True,
        }


ProductTypeCountableConnection = countable_connection(ProductType, "ProductType")
