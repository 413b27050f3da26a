import graphene
from django.db import transaction

from marketplace.channels.services import set_variant_price
from marketplace.errors import CommerceError
from marketplace.graphql.product.mutations.common import (
    ProducerMutation,
    error,
    find_channel,
    not_found,
    own_variant,
)
from marketplace.graphql.product.types import ProductVariant


class VariantPriceInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    price = graphene.Float(required=True)
    cost_price = graphene.Float()


class ProductVariantChannelListingUpdate(ProducerMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.List(graphene.NonNull(VariantPriceInput), required=True)

    variant = graphene.Field(ProductVariant)

    @classmethod
    def perform(cls, info, user, id, input):
        variant = own_variant(user, id)
        if variant is None:
            return cls(errors=not_found("id", "variant"))
        try:
            with transaction.atomic():
                for entry in input:
                    channel = find_channel(entry["channel_id"])
                    if channel is None:
                        raise LookupError("channel")
                    cost = entry.get("cost_price")
                    set_variant_price(
                        variant, channel, str(entry["price"]), None if cost is None else str(cost)
                    )
        except CommerceError as invalid:
            return cls(variant=variant, errors=error("price", "INVALID_PRICE", str(invalid)))
        except LookupError:
            return cls(variant=variant, errors=not_found("channelId", "channel"))
        return cls(variant=variant, errors=[])
