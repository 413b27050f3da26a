"""Producer operations on their own products, variants, prices, stock and media: one
mutation per module, sharing `common.py`."""

import graphene

from marketplace.graphql.product.mutations.product_channel_listing_update import (
    ProductChannelListingUpdate,
)
from marketplace.graphql.product.mutations.product_create import ProductCreate
from marketplace.graphql.product.mutations.product_delete import ProductDelete
from marketplace.graphql.product.mutations.product_media_create import ProductMediaCreate
from marketplace.graphql.product.mutations.product_update import ProductUpdate
from marketplace.graphql.product.mutations.product_variant_channel_listing_update import (
    ProductVariantChannelListingUpdate,
)
from marketplace.graphql.product.mutations.product_variant_create import ProductVariantCreate
from marketplace.graphql.product.mutations.product_variant_stocks_update import (
    ProductVariantStocksUpdate,
)
from marketplace.graphql.product.mutations.product_variant_update import ProductVariantUpdate


class ProducerProductMutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
