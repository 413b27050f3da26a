"""What every producer product mutation shares: the error type and codes, and finding the
caller's own product, variant, channel or warehouse (anything else is "not found")."""

import graphene

from catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.graphql.core import error_type, errors_from, from_global_id
from marketplace.graphql.core.permissions import Permission, ScopedMutation, own_products
from marketplace.warehouses.models import Warehouse

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


class ProducerMutation(ScopedMutation):
    """A producer's operation on its own catalogue; errors in Saleor's payload shape."""

    permissions = (Permission.PRODUCER,)

    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    class Meta:
        abstract = True


def domain_errors(error):
    return errors_from(error, CODES, "INVALID")


def error(field: str, code: str, message: str) -> list[dict]:
    return [{"field": field, "code": code, "message": message}]


def not_found(field: str, what: str) -> list[dict]:
    return error(
        field, "NOT_FOUND", f"Không tìm thấy {what} của bạn / {what} not found among yours."
    )


def own_product(user, product_id):
    return own_products(user).filter(pk=from_global_id(product_id, "Product")).first()


def own_variant(user, variant_id):
    pk = from_global_id(variant_id, "ProductVariant")
    return ProductVariant.objects.filter(pk=pk, product__producer_id=user.producer_id).first()


def own_warehouse(user, warehouse_id):
    pk = from_global_id(warehouse_id, "Warehouse")
    return Warehouse.objects.filter(pk=pk, producer_id=user.producer_id).first()


def find_channel(channel_id):
    return Channel.objects.filter(pk=from_global_id(channel_id, "Channel")).first()
