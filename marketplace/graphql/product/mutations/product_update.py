import graphene

from marketplace.graphql.product.mutations.common import ProducerMutation, not_found, own_product
from marketplace.graphql.product.mutations.product_input import ProductInput, apply_product_input
from marketplace.graphql.product.types import Product


class ProductUpdate(ProducerMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = ProductInput(required=True)

    product = graphene.Field(Product)

    @classmethod
    def perform(cls, info, user, id, input):
        product = own_product(user, id)
        if product is None:
            return cls(product=None, errors=not_found("id", "product"))
        errors = apply_product_input(product, input)
        if errors:
            product.refresh_from_db()
        return cls(product=product, errors=errors)
