"""The root GraphQL schema: each package's queries and mutations composed in one place."""

import graphene

from marketplace.graphql.account.recovery import AccountRecoveryMutations
from marketplace.graphql.account.schema import AccountMutations, AccountQueries
from marketplace.graphql.account.settings import AccountSettingsMutations
from marketplace.graphql.checkout.mutations import CheckoutMutations, CheckoutQueries
from marketplace.graphql.order.mutations import ManageOrderMutations, ManageOrderQueries
from marketplace.graphql.order.types import OrderQueries
from marketplace.graphql.payment.mutations import TransactionMutations
from marketplace.graphql.product.mutations import ProducerProductMutations
from marketplace.graphql.product.schema import CatalogQueries
from marketplace.graphql.product.variants import VariantQueries
from marketplace.graphql.shop.content import ContentQueries
from marketplace.graphql.shop.schema import ShopQueries
from marketplace.graphql.staff.schema import StaffMutations
from program.graphql.queries import ProgramQueries


class Query(
    CatalogQueries,
    VariantQueries,
    ContentQueries,
    ShopQueries,
    CheckoutQueries,
    OrderQueries,
    ManageOrderQueries,
    AccountQueries,
    ProgramQueries,
    graphene.ObjectType,
):
    pass


class Mutation(
    CheckoutMutations,
    TransactionMutations,
    AccountMutations,
    AccountRecoveryMutations,
    AccountSettingsMutations,
    ProducerProductMutations,
    ManageOrderMutations,
    StaffMutations,
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation, auto_camelcase=True)
