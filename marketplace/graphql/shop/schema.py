"""Saleor's `shop` (the site's name and description) and `attributes` (what a listing
can be filtered by: OCOP group, OCOP stars, net quantity, with their values)."""

import graphene

from marketplace.graphql.core import connection_args, countable_connection, paginate
from marketplace.graphql.core.compat import ObjectWithMetadata
from marketplace.graphql.product.attributes import AttributeFilterInput, all_attributes
from marketplace.graphql.product.types import Attribute
from marketplace.graphql.shop.fields import ShopSaleorFields

SHOP = {
    "id": "U2hvcDpvY29w",
    "name": "OCOP Market",
    "description": (
        "Sản phẩm OCOP 3–5 sao mua trực tiếp từ chủ thể, có tem truy xuất nguồn gốc. / "
        "OCOP-rated products bought from their producers, with traceability stamps."
    ),
    "header_text": None,
    "metadata": [],
}


class Shop(ShopSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    description = graphene.String()
    header_text = graphene.String()


AttributeCountableConnection = countable_connection(Attribute, "Attribute")


class ShopQueries(graphene.ObjectType):
    shop = graphene.Field(Shop, required=True)
    attributes = graphene.Field(
        AttributeCountableConnection, filter=AttributeFilterInput(), **connection_args()
    )

    @staticmethod
    def resolve_shop(root, info):
        return SHOP

    @staticmethod
    def resolve_attributes(root, info, filter=None, **page):
        return paginate(all_attributes(filter), **page)
