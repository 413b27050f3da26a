import graphene
from django.db import transaction

from catalog.errors import CatalogError
from catalog.services.products import update_variant
from marketplace.graphql.product.mutations.common import (
    ProducerMutation,
    domain_errors,
    not_found,
    own_variant,
)
from marketplace.graphql.product.mutations.product_variant_create import ProductVariantInput
from marketplace.graphql.product.types import ProductVariant

UNITS = ("g", "kg", "ml", "l")


class ProductVariantUpdate(ProducerMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = ProductVariantInput(required=True)

    product_variant = graphene.Field(ProductVariant)

    @classmethod
    def perform(cls, info, user, id, input):
        variant = own_variant(user, id)
        if variant is None:
            return cls(errors=not_found("id", "variant"))
        changes = {
            field: input[field]
            for field in ("name", "sku", "net_quantity", "unit")
            if input.get(field) is not None
        }
        try:
            with transaction.atomic():
                update_variant(variant, gtin=input.get("gtin") or "", **changes)
        except CatalogError as invalid:
            variant.refresh_from_db()
            return cls(product_variant=variant, errors=domain_errors(invalid))
        return cls(product_variant=variant, errors=[])
