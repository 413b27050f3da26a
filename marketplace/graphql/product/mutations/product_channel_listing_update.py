import graphene
from django.db import transaction

from marketplace.channels.services import publish_product
from marketplace.graphql.product.mutations.common import (
    ProducerMutation,
    find_channel,
    not_found,
    own_product,
)
from marketplace.graphql.product.types import Product


class ChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    is_published = graphene.Boolean()
    visible_in_listings = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(graphene.NonNull(ChannelListingAddInput))


class ProductChannelListingUpdate(ProducerMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = ProductChannelListingUpdateInput(required=True)

    product = graphene.Field(Product)

    @classmethod
    def perform(cls, info, user, id, input):
        product = own_product(user, id)
        if product is None:
            return cls(errors=not_found("id", "product"))
        with transaction.atomic():
            for entry in input.get("update_channels") or []:
                channel = find_channel(entry["channel_id"])
                if channel is None:
                    transaction.set_rollback(True)
                    return cls(product=product, errors=not_found("channelId", "channel"))
                publish_product(
                    product,
                    channel,
                    is_published=bool(entry.get("is_published")),
                    visible=entry.get("visible_in_listings", True) is not False,
                    available_from=entry.get("available_for_purchase_at"),
                )
        return cls(product=product, errors=[])
