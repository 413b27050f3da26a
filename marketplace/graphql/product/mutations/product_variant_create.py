import graphene
from django.db import transaction

from catalog.errors import CatalogError
from catalog.services.products import add_variant
from marketplace.graphql.product.mutations.common import (
    ProducerMutation,
    domain_errors,
    not_found,
    own_product,
)
from marketplace.graphql.product.types import ProductVariant


class ProductVariantInput(graphene.InputObjectType):
    product = graphene.ID()
    name = graphene.String()
    sku = graphene.String()
    gtin = graphene.String()
    net_quantity = graphene.Float()
    unit = graphene.String()


class ProductVariantCreate(ProducerMutation):
    class Arguments:
        input = ProductVariantInput(required=True)

    product_variant = graphene.Field(ProductVariant)

    @classmethod
    def perform(cls, info, user, input):
        product = own_product(user, input.get("product") or "")
        if product is None:
            return cls(errors=not_found("product", "product"))
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
        except CatalogError as invalid:
            return cls(errors=domain_errors(invalid))
        return cls(product_variant=variant, errors=[])
