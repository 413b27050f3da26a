import graphene

from catalog.models import Product as ProductModel
from marketplace.graphql.product.mutations.common import ProducerMutation
from marketplace.graphql.product.mutations.product_input import ProductInput, apply_product_input
from marketplace.graphql.product.types import Product


class ProductCreate(ProducerMutation):
    class Arguments:
        input = ProductInput(required=True)

    product = graphene.Field(Product)

    @classmethod
    def perform(cls, info, user, input):
        product = ProductModel(producer_id=user.producer_id)
        errors = apply_product_input(product, input)
        return cls(product=None if errors else product, errors=errors)
