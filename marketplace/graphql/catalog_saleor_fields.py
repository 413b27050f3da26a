"""The rest of Saleor's storefront fields on the catalogue types, answered from our data:
weights from the net quantity, the default variant, translations of groups and attributes,
media by id, legacy `images`/`descriptionJson`. Mixed into the types in catalog_types."""

from decimal import Decimal

import graphene
from django.utils import timezone

from marketplace.graphql.addresses import AddressInput
from marketplace.graphql.compat import (
    AttributeTranslation,
    AttributeValueTranslation,
    CategoryTranslation,
    is_english,
    translation,
    translation_field,
)
from marketplace.graphql.core import decode_global_id, to_global_id
from marketplace.graphql.loaders import (
    ImagesByProductIdLoader,
    ProductListingLoader,
    VariantsByProductIdLoader,
    loader,
)
from marketplace.graphql.saleor_enums import Weight

_LEGACY = "This field will be removed in Saleor 4.0."
_TYPES = "marketplace.graphql.catalog_types"
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
        "marketplace.graphql.catalog_saleor_fields.TaxType",
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
        from marketplace.graphql.catalog_types import editorjs

        return editorjs(product.description) or {}

    @staticmethod
    def resolve_tax_type(product, info):
        return {"description": "VAT", "tax_code": "VAT"}

    @staticmethod
    def resolve_attribute(product, info, slug):
        from marketplace.graphql.catalog_types import Product

        found = Product.resolve_attributes(product, info)
        return next((item for item in found if item["attribute"]["slug"] == slug), None)

    @staticmethod
    def resolve_variant(product, info, id=None):
        decoded = decode_global_id(id or "")
        variants = loader(info, VariantsByProductIdLoader, _channel(info)).load(product.pk)
        return next((v for v in variants if decoded and decoded[1] == str(v.pk)), None)

    @staticmethod
    def resolve_collections(product, info):
        from marketplace.graphql.catalog_types import Product

        stars = Product.resolve_rating(product, info)
        return [int(stars)] if stars else []

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
    images = graphene.List(
        f"{_TYPES}.ProductImage",
        deprecation_reason=f"{_LEGACY} Use the `media` field instead.",
        resolver=lambda variant, info: list(
            loader(info, ImagesByProductIdLoader).load(variant.product_id)
        ),
    )
    preorder = graphene.Field(
        "marketplace.graphql.catalog_saleor_fields.PreorderData",
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
    updated_at = graphene.DateTime(required=True, resolver=lambda group, info: timezone.now())
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
        from marketplace.graphql.catalog_types import Category

        return Category.resolve_description(group, info) or {}

    @staticmethod
    def resolve_ancestors(group, info, **page):
        from marketplace.graphql.core import paginate

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


class AttributeSaleorFields:
    translation = translation_field(AttributeTranslation)

    @staticmethod
    def resolve_translation(attribute, info, language_code):
        # Our attribute names read "Vietnamese / English".
        vietnamese, _, english = attribute["name"].partition(" / ")
        name = (english or vietnamese) if is_english(language_code) else vietnamese
        return translation("AttributeTranslation", attribute["slug"], language_code, name=name)


class AttributeValueSaleorFields:
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


def media_id(image) -> str:
    return to_global_id("ProductMedia", image.pk)


ADDRESS_ARGUMENT = {"address": graphene.Argument(AddressInput)}
