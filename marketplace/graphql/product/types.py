"""Saleor's storefront catalogue types over our models: Category (OCOP product groups),
Collection (OCOP star levels), Channel, Product, ProductVariant, pricing and media."""

import graphene
from django.utils import timezone

from catalog.graphql.types import OcopCertificate, OcopInfo
from catalog.graphql.types import Producer as ProducerType
from marketplace.graphql.account.addresses import CountryDisplay
from marketplace.graphql.core import (
    TaxedMoney,
    TaxedMoneyRange,
    connection_args,
    countable_connection,
    paginate,
    to_global_id,
)
from marketplace.graphql.core.compat import (
    LanguageCodeEnum,
    ObjectWithMetadata,
    ProductTranslation,
    ProductVariantTranslation,
    is_english,
    language_display,
    translation,
)
from marketplace.graphql.core.enums import CountryCode
from marketplace.graphql.core.loaders import (
    CategoryByIdLoader,
    CurrentCertificateLoader,
    ImagesByProductIdLoader,
    ProducerByIdLoader,
    ProductListingLoader,
    ProductPricesLoader,
    RatingHistoryLoader,
    VariantAvailableLoader,
    VariantPriceLoader,
    VariantsByProductIdLoader,
    loader,
)
from marketplace.graphql.core.media import ThumbnailFormatEnum, image_url
from marketplace.graphql.product.attributes import (
    choices_field,
    resolve_choices,
    selected_attribute,
)
from marketplace.graphql.product.fields import (
    ADDRESS_ARGUMENT,
    AttributeSaleorFields,
    AttributeValueSaleorFields,
    CategorySaleorFields,
    ProductSaleorFields,
    ProductType,
    VariantSaleorFields,
)
from marketplace.graphql.product.resolvers import (
    category_description,
    category_slug,
    channel_of,
    editorjs,
    product_attributes,
    product_list,
    product_stars,
)
from marketplace.graphql.shop.fields import ChannelSaleorFields


class VariantAttributeScope(graphene.Enum):
    ALL = "ALL"
    VARIANT_SELECTION = "VARIANT_SELECTION"
    NOT_VARIANT_SELECTION = "NOT_VARIANT_SELECTION"


class MediaChoicesSortField(graphene.Enum):
    ID = "ID"


class MediaSortingInput(graphene.InputObjectType):
    direction = graphene.Field("marketplace.graphql.core.OrderDirection", required=True)
    field = graphene.Field(MediaChoicesSortField, required=True)


class Image(graphene.ObjectType):
    url = graphene.String(required=True)
    alt = graphene.String()


class ProductMediaType(graphene.Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"


class ProductImage(graphene.ObjectType):
    """Saleor's legacy image type (`Product.images`): our product photos."""

    id = graphene.ID(required=True)
    alt = graphene.String()
    sort_order = graphene.Int()
    url = graphene.String(required=True, size=graphene.Int(), format=ThumbnailFormatEnum())

    @staticmethod
    def resolve_id(image, info):
        return to_global_id("ProductMedia", image.pk)

    @staticmethod
    def resolve_url(image, info, size=None, format=None):
        return image_url(info, image, size, format)


class ProductMedia(ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = graphene.Field(ProductMediaType, required=True, resolver=lambda image, info: "IMAGE")
    oembed_data = graphene.JSONString(required=True, resolver=lambda image, info: {})
    url = graphene.String(required=True, size=graphene.Int(), format=ThumbnailFormatEnum())
    product_id = graphene.ID(
        required=True, resolver=lambda image, info: to_global_id("Product", image.product_id)
    )

    resolve_id = ProductImage.resolve_id
    resolve_url = ProductImage.resolve_url

    @staticmethod
    def resolve_alt(image, info):
        return image.alt


class AttributeValue(AttributeValueSaleorFields, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String()
    slug = graphene.String()
    # Saleor's swatch value (a colour); OCOP attributes are plain text, so it is null.
    value = graphene.String()


class Attribute(AttributeSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String()
    slug = graphene.String()
    choices = choices_field()

    resolve_choices = staticmethod(resolve_choices)


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True)
    values = graphene.List(graphene.NonNull(AttributeValue), required=True)


class VariantPricingInfo(graphene.ObjectType):
    """Prices are in đồng, the shop's and the shopper's local currency alike."""

    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    discount_local_currency = graphene.Field(TaxedMoney, resolver=lambda p, info: p["discount"])
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)
    price_local_currency = graphene.Field(TaxedMoney, resolver=lambda p, info: p["price"])


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    discount_local_currency = graphene.Field(TaxedMoney, resolver=lambda p, info: p["discount"])
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)
    price_range_local_currency = graphene.Field(
        TaxedMoneyRange, resolver=lambda p, info: p["price_range"]
    )


class ProductVariant(VariantSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    sku = graphene.String()
    gtin = graphene.String(description="OCOP: the variant's GTIN-13/14.")
    product = graphene.Field(lambda: Product, required=True)
    quantity_available = graphene.Int(
        country_code=graphene.Argument(CountryCode), **ADDRESS_ARGUMENT
    )
    pricing = graphene.Field(VariantPricingInfo, **ADDRESS_ARGUMENT)
    attributes = graphene.List(
        graphene.NonNull(SelectedAttribute),
        required=True,
        variant_selection=graphene.Argument(VariantAttributeScope),
    )
    media = graphene.List(graphene.NonNull(ProductMedia))
    channel = graphene.String()
    quantity_limit_per_customer = graphene.Int()
    translation = graphene.Field(
        ProductVariantTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )

    @staticmethod
    def resolve_id(variant, info):
        return to_global_id("ProductVariant", variant.pk)

    @staticmethod
    def resolve_translation(variant, info, language_code):
        return translation(
            "ProductVariantTranslation", variant.pk, language_code, name=variant.name
        )

    @staticmethod
    def resolve_gtin(variant, info):
        return variant.gtin_display or None

    @staticmethod
    def resolve_product(variant, info):
        return variant.product

    @staticmethod
    def resolve_channel(variant, info):
        return channel_of(info)

    @staticmethod
    def resolve_quantity_available(variant, info, **kwargs):
        if channel_of(info) is None:
            return None
        return loader(info, VariantAvailableLoader, channel_of(info)).load(variant.pk)

    @staticmethod
    def resolve_pricing(variant, info, **kwargs):
        price = loader(info, VariantPriceLoader, channel_of(info)).load(variant.pk)
        if price is None:
            return None
        amount, currency, rate = price
        taxed = TaxedMoney.of(amount, currency, rate=rate)
        return {"on_sale": False, "discount": None, "price": taxed, "price_undiscounted": taxed}

    @staticmethod
    def resolve_attributes(variant, info, variant_selection=None):
        # The net quantity is what tells variants apart: a variant-selection attribute.
        scope = getattr(variant_selection, "value", variant_selection)
        if variant.net_quantity is None or scope == "NOT_VARIANT_SELECTION":
            return []
        amount = f"{variant.net_quantity.normalize():f} {variant.unit}"
        return [selected_attribute("net-quantity", amount)]

    @staticmethod
    def resolve_media(variant, info):
        return list(loader(info, ImagesByProductIdLoader).load(variant.product_id))


class Category(CategorySaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.JSONString()
    seo_title = graphene.String()
    seo_description = graphene.String()
    level = graphene.Int(required=True)
    parent = graphene.Field(lambda: Category)
    background_image = graphene.Field(Image, size=graphene.Int(), format=ThumbnailFormatEnum())
    children = graphene.Field(lambda: CategoryCountableConnection, **connection_args())
    products = graphene.Field(
        lambda: ProductCountableConnection,
        channel=graphene.String(),
        filter=graphene.Argument("marketplace.graphql.product.schema.ProductFilterInput"),
        where=graphene.Argument("marketplace.graphql.product.schema.ProductWhereInput"),
        sort_by=graphene.Argument("marketplace.graphql.product.schema.ProductOrder"),
        **connection_args(),
    )

    @staticmethod
    def resolve_id(group, info):
        return to_global_id("Category", group.pk)

    @staticmethod
    def resolve_slug(group, info):
        return category_slug(group)

    @staticmethod
    def resolve_description(group, info):
        return category_description(group)

    @staticmethod
    def resolve_seo_title(group, info):
        return group.name

    @staticmethod
    def resolve_level(group, info):
        # sector 0 (1), group 1 (1.3), sub-group 2 (1.3d): the code tells the depth
        return group.code.count(".") + (1 if group.code[-1].isalpha() else 0)

    @staticmethod
    def resolve_parent(group, info):
        return loader(info, CategoryByIdLoader).load(group.parent_id) if group.parent_id else None

    @staticmethod
    def resolve_children(group, info, **kwargs):
        return paginate(group.subgroups.order_by("code"), **kwargs)

    @staticmethod
    def resolve_products(group, info, channel=None, **kwargs):
        return product_list(info, channel=channel, category_ids=[group.pk], **kwargs)


CategoryCountableConnection = countable_connection(Category, "Category")


class Collection(ObjectWithMetadata, graphene.ObjectType):
    """Collections are the OCOP star levels: 'ocop-5-sao', 'ocop-4-sao', 'ocop-3-sao'."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.JSONString()
    seo_title = graphene.String()
    seo_description = graphene.String()
    channel = graphene.String()
    background_image = graphene.Field(Image, size=graphene.Int(), format=ThumbnailFormatEnum())
    description_json = graphene.JSONString(
        deprecation_reason="This field will be removed in Saleor 4.0. Use `description` instead.",
        resolver=lambda stars, info: Collection.resolve_description(stars, info) or {},
    )
    products = graphene.Field(
        lambda: ProductCountableConnection,
        filter=graphene.Argument("marketplace.graphql.product.schema.ProductFilterInput"),
        where=graphene.Argument("marketplace.graphql.product.schema.ProductWhereInput"),
        sort_by=graphene.Argument("marketplace.graphql.product.schema.ProductOrder"),
        search=graphene.String(),
        **connection_args(),
    )
    translation = graphene.Field(
        "marketplace.graphql.core.compat.CollectionTranslation",
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
    )

    @staticmethod
    def resolve_id(stars, info):
        return to_global_id("Collection", stars)

    @staticmethod
    def resolve_translation(stars, info, language_code):
        english = is_english(language_code)
        name = f"OCOP {stars}-star products" if english else f"Sản phẩm OCOP {stars} sao"
        return {
            "id": to_global_id("CollectionTranslation", stars),
            "language": language_display(language_code),
            "name": name,
            "description": editorjs(f"OCOP products certified {stars} stars."),
            "seo_title": name,
            "seo_description": None,
        }

    @staticmethod
    def resolve_name(stars, info):
        return f"Sản phẩm OCOP {stars} sao"

    @staticmethod
    def resolve_slug(stars, info):
        return f"ocop-{stars}-sao"

    @staticmethod
    def resolve_description(stars, info):
        return editorjs(f"OCOP products certified {stars} stars.")

    @staticmethod
    def resolve_channel(stars, info):
        return channel_of(info)

    @staticmethod
    def resolve_products(stars, info, **kwargs):
        return product_list(info, channel=channel_of(info), exact_stars=stars, **kwargs)


class Product(ProductSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.JSONString()
    seo_title = graphene.String()
    seo_description = graphene.String()
    channel = graphene.String()
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    category = graphene.Field(Category)
    thumbnail = graphene.Field(Image, size=graphene.Int(), format=ThumbnailFormatEnum())
    media = graphene.List(
        graphene.NonNull(ProductMedia), sort_by=graphene.Argument(MediaSortingInput)
    )
    pricing = graphene.Field(ProductPricingInfo, **ADDRESS_ARGUMENT)
    variants = graphene.List(graphene.NonNull(ProductVariant))
    product_variants = graphene.Field(
        lambda: ProductVariantCountableConnection, **connection_args()
    )
    is_available = graphene.Boolean(**ADDRESS_ARGUMENT)
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)
    rating = graphene.Float(description="The OCOP stars of the current certificate.")
    ocop = graphene.Field(OcopInfo, required=True, description="OCOP extension.")
    producer = graphene.Field(ProducerType, required=True, description="OCOP extension.")
    product_type = graphene.Field(ProductType, required=True)
    translation = graphene.Field(
        ProductTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )

    @staticmethod
    def resolve_id(product, info):
        return to_global_id("Product", product.pk)

    @staticmethod
    def resolve_product_type(product, info):
        return ProductType.of(loader(info, CategoryByIdLoader).load(product.group_id))

    @staticmethod
    def resolve_translation(product, info, language_code):
        english = is_english(language_code)
        name = (product.name_en or product.name) if english else product.name
        text = (product.description_en or product.description) if english else product.description
        return {
            "id": to_global_id("ProductTranslation", product.pk),
            "language": language_display(language_code),
            "name": name,
            "description": editorjs(text),
            "seo_title": name,
            "seo_description": (text or "")[:300] or None,
        }

    @staticmethod
    def resolve_description(product, info):
        return editorjs(product.description)

    @staticmethod
    def resolve_seo_title(product, info):
        return product.name

    @staticmethod
    def resolve_seo_description(product, info):
        return (product.description or "")[:300] or None

    @staticmethod
    def resolve_channel(product, info):
        return channel_of(info)

    @staticmethod
    def resolve_created(product, info):
        return product.created_at

    @staticmethod
    def resolve_category(product, info):
        return loader(info, CategoryByIdLoader).load(product.group_id)

    @staticmethod
    def resolve_thumbnail(product, info, size=None, format=None):
        images = loader(info, ImagesByProductIdLoader).load(product.pk)
        if not images:
            return None
        return {
            "url": image_url(info, images[0], size, format),
            "alt": images[0].alt or product.name,
        }

    @staticmethod
    def resolve_media(product, info, sort_by=None):
        media = list(loader(info, ImagesByProductIdLoader).load(product.pk))
        if sort_by:
            descending = getattr(sort_by["direction"], "value", sort_by["direction"]) == "DESC"
            media.sort(key=lambda image: image.pk, reverse=descending)
        return media

    @staticmethod
    def resolve_variants(product, info):
        return list(loader(info, VariantsByProductIdLoader, channel_of(info)).load(product.pk))

    @staticmethod
    def resolve_product_variants(product, info, **kwargs):
        return paginate(product.variants.order_by("sku", "pk"), **kwargs)

    @staticmethod
    def resolve_pricing(product, info, **kwargs):
        prices = loader(info, ProductPricesLoader, channel_of(info)).load(product.pk)
        if not prices:
            return None
        _, currency, rate = prices[0]
        low = TaxedMoney.of(min(amount for amount, *_ in prices), currency, rate=rate)
        high = TaxedMoney.of(max(amount for amount, *_ in prices), currency, rate=rate)
        price_range = {"start": low, "stop": high}
        return {
            "on_sale": False,
            "discount": None,
            "display_gross_prices": True,
            "price_range": price_range,
            "price_range_undiscounted": price_range,
        }

    @staticmethod
    def resolve_is_available(product, info, **kwargs):
        listing = loader(info, ProductListingLoader, channel_of(info)).load(product.pk)
        if listing is None or not listing.is_published:
            return False
        return Product.resolve_is_available_for_purchase(product, info)

    @staticmethod
    def resolve_is_available_for_purchase(product, info):
        listing = loader(info, ProductListingLoader, channel_of(info)).load(product.pk)
        if listing is None:
            return None
        start = listing.available_for_purchase_at
        return start is None or start <= timezone.now()

    @staticmethod
    def resolve_available_for_purchase_at(product, info):
        listing = loader(info, ProductListingLoader, channel_of(info)).load(product.pk)
        return listing.available_for_purchase_at if listing else None

    @staticmethod
    def resolve_attributes(product, info):
        return product_attributes(product, info)

    @staticmethod
    def resolve_rating(product, info):
        stars = product_stars(product, info)
        return float(stars) if stars else None

    @staticmethod
    def resolve_producer(product, info):
        return loader(info, ProducerByIdLoader).load(product.producer_id)

    @staticmethod
    def resolve_ocop(product, info):
        certificate = loader(info, CurrentCertificateLoader).load(product.pk)
        group = loader(info, CategoryByIdLoader).load(product.group_id)
        history = loader(info, RatingHistoryLoader).load(product.pk)
        return {
            "stars": certificate.stars if certificate else None,
            "score": float(certificate.mean_score) if certificate else None,
            "rule_set": (
                {
                    "code": certificate.rule_set.code,
                    "decision_number": certificate.rule_set.decision_number,
                }
                if certificate
                else None
            ),
            "group": {"code": group.code, "name": group.name, "name_en": group.name_en},
            "certificate": OcopCertificate.of(certificate) if certificate else None,
            "history": [OcopCertificate.of(rating) for rating in history],
        }


ProductCountableConnection = countable_connection(Product, "Product")
ProductVariantCountableConnection = countable_connection(ProductVariant, "ProductVariant")
CollectionCountableConnection = countable_connection(Collection, "Collection")


class Channel(ChannelSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    currency_code = graphene.String(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)

    @staticmethod
    def resolve_id(channel, info):
        return to_global_id("Channel", channel.pk)

    @staticmethod
    def resolve_currency_code(channel, info):
        return channel.currency

    @staticmethod
    def resolve_default_country(channel, info):
        return {"code": channel.default_country, "country": "Việt Nam"}
