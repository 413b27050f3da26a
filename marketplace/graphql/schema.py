"""The root GraphQL schema: each package's queries and mutations composed in one place."""

import graphene

from marketplace.graphql.products import CatalogQueries


class Query(CatalogQueries, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, auto_camelcase=True)
