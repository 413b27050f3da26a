"""The root GraphQL schema: each package's queries and mutations composed in one place."""

import graphene

from marketplace.graphql.account import AccountMutations, AccountQueries
from marketplace.graphql.checkout import CheckoutMutations, CheckoutQueries
from marketplace.graphql.orders import OrderQueries
from marketplace.graphql.products import CatalogQueries


class Query(CatalogQueries, CheckoutQueries, OrderQueries, AccountQueries, graphene.ObjectType):
    pass


class Mutation(CheckoutMutations, AccountMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation, auto_camelcase=True)
