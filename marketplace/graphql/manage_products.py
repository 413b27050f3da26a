"""Producer operations on their own products, variants, prices, stock and media."""

import graphene
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from graphene_file_upload.scalars import Upload

from catalog.errors import CatalogError
from catalog.models import Product as ProductModel
from catalog.models import ProductGroup, ProductVariant
from catalog.services.images import add_product_image
from catalog.services.products import add_variant
from catalog.validators import validate_gtin
from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.errors import CommerceError
from marketplace.graphql.catalog_types import Product, ProductMedia
from marketplace.graphql.catalog_types import ProductVariant as VariantType
from marketplace.graphql.core import error_type, errors_from, from_global_id
from marketplace.graphql.permissions import Permission, ScopedMutation, own_products
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import set_stock

ProductErrorCode = graphene.Enum(
    "ProductErrorCode",
    [
        (name, name)
        for name in (
            "GRAPHQL_ERROR",
            "INVALID",
            "NOT_FOUND",
            "REQUIRED",
            "UNIQUE",
            "INSUFFICIENT_STOCK",
            "NOT_PRODUCTS_IMAGE",
            "INVALID_PRICE",
        )
    ],
)
ProductError = error_type("ProductError", ProductErrorCode)
CODES = {
    "invalid_gtin": "INVALID",
    "duplicate_gtin": "UNIQUE",
    "duplicate_sku": "UNIQUE",
    "required": "REQUIRED",
    "invalid_image": "NOT_PRODUCTS_IMAGE",
    "insufficient_stock": "INSUFFICIENT_STOCK",
    "quantity_not_positive": "INVALID",
    "invalid": "INVALID",
}


def _errors(error):
    return errors_from(error, CODES, "INVALID")


def _not_found(field: str, what: str):
    return [
        {
            "field": field,
            "code": "NOT_FOUND",
            "message": f"Không tìm thấy {what} của bạn / {what} not found among yours.",
        }
    ]


def _own_product(user, product_id):
    return own_products(user).filter(pk=from_global_id(product_id, "Product")).first()


def _own_variant(user, variant_id):
    pk = from_global_id(variant_id, "ProductVariant")
    return ProductVariant.objects.filter(pk=pk, product__producer_id=user.producer_id).first()


class ProductInput(graphene.InputObjectType):
    name = graphene.String()
    name_en = graphene.String()
    slug = graphene.String()
    description = graphene.String()
    category = graphene.ID(description="An OCOP sub-group (Category with level 1).")
    shelf_life_days = graphene.Int()
    ingredients = graphene.String()
    storage_instructions = graphene.String()


FIELDS = (
    "name",
    "name_en",
    "slug",
    "description",
    "shelf_life_days",
    "ingredients",
    "storage_instructions",
)


def _apply(product, data):
    for field in FIELDS:
        if data.get(field) is not None:
            setattr(product, field, data[field])
    if data.get("category"):
        group = ProductGroup.objects.filter(
            pk=from_global_id(data["category"], "Category"), parent__isnull=False
        ).first()
        if group is None:
            return [
                {
                    "field": "category",
                    "code": "INVALID",
                    "message": "Chọn một phân nhóm OCOP / Choose an OCOP sub-group.",
                }
            ]
        product.group = group
    try:
        product.full_clean(exclude=["producer"])
    except ValidationError as error:
        return [
            {"field": field, "code": "INVALID", "message": " ".join(messages)}
            for field, messages in error.message_dict.items()
        ]
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        return [{"field": "slug", "code": "UNIQUE", "message": "Slug đã tồn tại / Slug taken."}]
    return []


class ProductCreate(ScopedMutation):
    permissions = (Permission.PRODUCER,)

    class Arguments:
        input = ProductInput(required=True)

    product = graphene.Field(Product)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, input):
        product = ProductModel(producer_id=user.producer_id)
        errors = _apply(product, input)
        return cls(product=None if errors else product, errors=errors)


class ProductUpdate(ScopedMutation):
    permissions = (Permission.PRODUCER,)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductInput(required=True)

    product = graphene.Field(Product)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, id, input):
        product = _own_product(user, id)
        if product is None:
            return cls(product=None, errors=_not_found("id", "product"))
        errors = _apply(product, input)
        if errors:
            product.refresh_from_db()
        return cls(product=product, errors=errors)


class ProductDelete(ScopedMutation):
    """Archives the product: orders and certificates keep pointing at it."""

    permissions = (Permission.PRODUCER,)

    class Arguments:
        id = graphene.ID(required=True)

    product = graphene.Field(Product)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, id):
        product = _own_product(user, id)
        if product is None:
            return cls(product=None, errors=_not_found("id", "product"))
        product.is_archived = True
        product.save(update_fields=["is_archived"])
        return cls(product=product, errors=[])


class ProductVariantInput(graphene.InputObjectType):
    product = graphene.ID()
    name = graphene.String()
    sku = graphene.String()
    gtin = graphene.String()
    net_quantity = graphene.Float()
    unit = graphene.String()


class ProductVariantCreate(ScopedMutation):
    permissions = (Permission.PRODUCER,)

    class Arguments:
        input = ProductVariantInput(required=True)

    product_variant = graphene.Field(VariantType)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, input):
        product = _own_product(user, input.get("product") or "")
        if product is None:
            return cls(errors=_not_found("product", "product"))
        try:
            with transaction.atomic():
                variant = add_variant(
                    product,
                    sku=input.get("sku") or "",
                    name=input.get("name") or "",
                    gtin=input.get("gtin") or "",
                    net_quantity=input.get("net_quantity"),
                    unit=input.get("unit") or "g",
                )
        except CatalogError as error:
            return cls(errors=_errors(error))
        return cls(product_variant=variant, errors=[])


class ProductVariantUpdate(ScopedMutation):
    permissions = (Permission.PRODUCER,)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductVariantInput(required=True)

    product_variant = graphene.Field(VariantType)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, id, input):
        variant = _own_variant(user, id)
        if variant is None:
            return cls(errors=_not_found("id", "variant"))
        for field in ("name", "sku", "gtin", "net_quantity", "unit"):
            if input.get(field) is not None:
                setattr(variant, field, input[field])
        try:
            if variant.gtin:
                validate_gtin(variant.gtin)
            with transaction.atomic():
                variant.save()
        except ValidationError as error:
            variant.refresh_from_db()
            return cls(
                product_variant=variant,
                errors=[{"field": "gtin", "code": "INVALID", "message": " ".join(error.messages)}],
            )
        except IntegrityError:
            variant.refresh_from_db()
            return cls(
                product_variant=variant,
                errors=[
                    {
                        "field": "sku",
                        "code": "UNIQUE",
                        "message": "SKU hoặc GTIN đã được dùng / SKU or GTIN already used.",
                    }
                ],
            )
        return cls(product_variant=variant, errors=[])


class ChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    is_published = graphene.Boolean()
    visible_in_listings = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(graphene.NonNull(ChannelListingAddInput))


def _channel(channel_id):
    return Channel.objects.filter(pk=from_global_id(channel_id, "Channel")).first()


class ProductChannelListingUpdate(ScopedMutation):
    permissions = (Permission.PRODUCER,)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductChannelListingUpdateInput(required=True)

    product = graphene.Field(Product)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, id, input):
        product = _own_product(user, id)
        if product is None:
            return cls(errors=_not_found("id", "product"))
        with transaction.atomic():
            for entry in input.get("update_channels") or []:
                channel = _channel(entry["channel_id"])
                if channel is None:
                    transaction.set_rollback(True)
                    return cls(product=product, errors=_not_found("channelId", "channel"))
                publish_product(
                    product,
                    channel,
                    is_published=bool(entry.get("is_published")),
                    visible=entry.get("visible_in_listings", True) is not False,
                    available_from=entry.get("available_for_purchase_at"),
                )
        return cls(product=product, errors=[])


class VariantPriceInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    price = graphene.Float(required=True)
    cost_price = graphene.Float()


class ProductVariantChannelListingUpdate(ScopedMutation):
    permissions = (Permission.PRODUCER,)

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.List(graphene.NonNull(VariantPriceInput), required=True)

    variant = graphene.Field(VariantType)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, id, input):
        variant = _own_variant(user, id)
        if variant is None:
            return cls(errors=_not_found("id", "variant"))
        try:
            with transaction.atomic():
                for entry in input:
                    channel = _channel(entry["channel_id"])
                    if channel is None:
                        raise LookupError("channel")
                    set_variant_price(
                        variant,
                        channel,
                        str(entry["price"]),
                        None if entry.get("cost_price") is None else str(entry["cost_price"]),
                    )
        except CommerceError as error:
            return cls(
                variant=variant,
                errors=[{"field": "price", "code": "INVALID_PRICE", "message": str(error)}],
            )
        except LookupError:
            return cls(variant=variant, errors=_not_found("channelId", "channel"))
        return cls(variant=variant, errors=[])


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class ProductVariantStocksUpdate(ScopedMutation):
    permissions = (Permission.PRODUCER,)

    class Arguments:
        variant_id = graphene.ID(required=True)
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)

    product_variant = graphene.Field(VariantType)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, variant_id, stocks):
        variant = _own_variant(user, variant_id)
        if variant is None:
            return cls(errors=_not_found("variantId", "variant"))
        try:
            with transaction.atomic():
                for entry in stocks:
                    warehouse = Warehouse.objects.filter(
                        pk=from_global_id(entry["warehouse"], "Warehouse"),
                        producer_id=user.producer_id,
                    ).first()
                    if warehouse is None:
                        raise LookupError("warehouse")
                    set_stock(
                        warehouse,
                        variant,
                        entry["quantity"],
                        reason="Cập nhật qua API / updated through the API",
                        user=user,
                    )
        except LookupError:
            return cls(product_variant=variant, errors=_not_found("warehouse", "warehouse"))
        except CommerceError as error:
            return cls(product_variant=variant, errors=_errors(error))
        return cls(product_variant=variant, errors=[])


class ProductMediaCreateInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    image = Upload()
    alt = graphene.String()


class ProductMediaCreate(ScopedMutation):
    """Multipart upload (GraphQL multipart request spec), checked like portal uploads."""

    permissions = (Permission.PRODUCER,)

    class Arguments:
        input = ProductMediaCreateInput(required=True)

    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    @classmethod
    def perform(cls, info, user, input):
        product = _own_product(user, input["product"])
        if product is None:
            return cls(errors=_not_found("product", "product"))
        upload = input.get("image")
        if upload is None:
            return cls(
                product=product,
                errors=[
                    {"field": "image", "code": "REQUIRED", "message": "Chọn ảnh / Choose an image."}
                ],
            )
        try:
            media = add_product_image(product, upload.read(), alt=input.get("alt") or "")
        except CatalogError as error:
            return cls(product=product, errors=_errors(error))
        return cls(product=product, media=media, errors=[])


class ProducerProductMutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
