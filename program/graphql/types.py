"""GraphQL types of the programme feed: plans with computed progress, sales aggregates."""

import graphene

from marketplace.graphql.core import Money
from program.models import Metric


class OcopAdministrativeUnit(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    level = graphene.String(required=True)


OcopMetric = graphene.Enum("OcopMetric", [(value.upper(), value) for value in Metric.values])
OcopSalesGroupBy = graphene.Enum(
    "OcopSalesGroupBy",
    [
        (name.upper(), name)
        for name in ("month", "day", "administrative_unit", "producer", "product", "channel_kind")
    ],
)


class OcopTarget(graphene.ObjectType):
    metric = graphene.Field(OcopMetric, required=True)
    label = graphene.String(required=True)
    channel_kind = graphene.String()
    minimum = graphene.Float(required=True)
    maximum = graphene.Float()
    value = graphene.Float(required=True, description="Computed from the data, never typed in.")
    status = graphene.String(required=True, description="met, above (the maximum) or short")
    items = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="What the value counts."
    )


class OcopPlan(graphene.ObjectType):
    id = graphene.ID(required=True)
    year = graphene.Int(required=True)
    title = graphene.String(required=True)
    decision_number = graphene.String(required=True)
    decision_date = graphene.Date()
    administrative_unit = graphene.Field(OcopAdministrativeUnit, required=True)
    targets = graphene.List(graphene.NonNull(OcopTarget), required=True)


class OcopSalesRow(graphene.ObjectType):
    key = graphene.String(required=True)
    label = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)
    quantity = graphene.Int(required=True)


class OcopSalesAggregates(graphene.ObjectType):
    start = graphene.Date(required=True)
    end = graphene.Date(required=True)
    area = graphene.Field(OcopAdministrativeUnit)
    group_by = graphene.Field(OcopSalesGroupBy, required=True)
    total = graphene.Field(Money, required=True)
    quantity = graphene.Int(required=True)
    rows = graphene.List(graphene.NonNull(OcopSalesRow), required=True)
