import graphene

from marketplace.graphql.product.mutations.common import ProducerMutation, not_found, own_product
from marketplace.graphql.product.types import Product


class ProductDelete(ProducerMutation):
    """Archives the product: orders and certificates keep pointing at it."""

    class Arguments:
        id = graphene.ID(required=True)

    product = graphene.Field(Product)

    @classmethod
    def perform(cls, info, user, id):
        product = own_product(user, id)
        if product is None:
            return cls(product=None, errors=not_found("id", "product"))
        product.is_archived = True
        product.save(update_fields=["is_archived"])
        return cls(product=product, errors=[])
