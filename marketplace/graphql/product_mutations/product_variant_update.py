import graphene
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.validators import validate_gtin
from marketplace.graphql.catalog_types import ProductVariant
from marketplace.graphql.product_mutations.common import (
    ProducerMutation,
    error,
    not_found,
    own_variant,
)
from marketplace.graphql.product_mutations.product_variant_create import ProductVariantInput


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
        for field in ("name", "sku", "gtin", "net_quantity", "unit"):
            if input.get(field) is not None:
                setattr(variant, field, input[field])
        try:
            if variant.gtin:
                validate_gtin(variant.gtin)
            with transaction.atomic():
                variant.save()
        except ValidationError as invalid:
            variant.refresh_from_db()
            errors = error("gtin", "INVALID", " ".join(invalid.messages))
            return cls(product_variant=variant, errors=errors)
        except IntegrityError:
            variant.refresh_from_db()
            message = "SKU hoặc GTIN đã được dùng / SKU or GTIN already used."
            return cls(product_variant=variant, errors=error("sku", "UNIQUE", message))
        return cls(product_variant=variant, errors=[])
