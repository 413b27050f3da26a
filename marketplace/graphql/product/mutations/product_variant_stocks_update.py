import graphene
from django.db import transaction

from marketplace.errors import CommerceError
from marketplace.graphql.product.mutations.common import (
    ProducerMutation,
    domain_errors,
    not_found,
    own_variant,
    own_warehouse,
)
from marketplace.graphql.product.types import ProductVariant
from marketplace.warehouses.services import set_stock


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class ProductVariantStocksUpdate(ProducerMutation):
    class Arguments:
        variant_id = graphene.ID(required=True)
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)

    product_variant = graphene.Field(ProductVariant)

    @classmethod
    def perform(cls, info, user, variant_id, stocks):
        variant = own_variant(user, variant_id)
        if variant is None:
            return cls(errors=not_found("variantId", "variant"))
        try:
            with transaction.atomic():
                for entry in stocks:
                    warehouse = own_warehouse(user, entry["warehouse"])
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
            return cls(product_variant=variant, errors=not_found("warehouse", "warehouse"))
        except CommerceError as invalid:
            return cls(product_variant=variant, errors=domain_errors(invalid))
        return cls(product_variant=variant, errors=[])
