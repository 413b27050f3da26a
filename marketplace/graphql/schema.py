"""The root GraphQL schema: each package's queries and mutations composed in one place."""

import graphene

from marketplace.graphql.account import AccountMutations, AccountQueries
from marketplace.graphql.account_recovery import AccountRecoveryMutations
from marketplace.graphql.account_settings import AccountSettingsMutations
from marketplace.graphql.checkout import CheckoutMutations, CheckoutQueries
from marketplace.graphql.content import ContentQueries
from marketplace.graphql.manage_orders import ManageOrderMutations, ManageOrderQueries
from marketplace.graphql.orders import OrderQueries
from marketplace.graphql.product_mutations import ProducerProductMutations
from marketplace.graphql.products import CatalogQueries
from marketplace.graphql.shop import ShopQueries
from marketplace.graphql.staff import StaffMutations
from marketplace.graphql.transactions import TransactionMutations
from marketplace.graphql.variant_queries import VariantQueries
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
