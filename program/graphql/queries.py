"""Programme queries on the main API, for provincial and national systems."""

from decimal import Decimal

import graphene
from graphql import GraphQLError

from marketplace.graphql.core import Money
from marketplace.graphql.core.permissions import Permission, require
from program.errors import ProgramError
from program.graphql.types import OcopPlan, OcopSalesAggregates, OcopSalesGroupBy
from program.services import feed
from program.services.progress import progress, visible_plans
from program.services.scope import reader_scope


def _plan(plan):
    return {
        "id": plan.pk,
        "year": plan.year,
        "title": plan.title,
        "decision_number": plan.decision_number,
        "decision_date": plan.decision_date,
        "administrative_unit": feed.unit_dict(plan.administrative_unit),
        "targets": [
            {
                "metric": item.target.metric,
                "label": str(item.target.get_metric_display()),
                "channel_kind": item.target.channel_kind or None,
                "minimum": float(item.target.minimum),
                "maximum": None if item.target.maximum is None else float(item.target.maximum),
                "value": float(item.value.value),
                "status": item.status,
                "items": item.value.items,
            }
            for item in progress(plan)
        ],
    }


def _money(amount: str) -> dict:
    return Money.of(Decimal(amount), "VND")


class ProgramQueries(graphene.ObjectType):
    ocop_plans = graphene.List(
        graphene.NonNull(OcopPlan),
        required=True,
        year=graphene.Int(),
        description="Annual plans of the caller's area with progress computed from the data.",
    )
    ocop_sales_aggregates = graphene.Field(
        OcopSalesAggregates,
        required=True,
        start=graphene.Date(required=True),
        end=graphene.Date(required=True),
        area_code=graphene.String(description="Administrative unit code; default: all allowed."),
        group_by=graphene.Argument(OcopSalesGroupBy, default_value="month"),
        description="Sales from the programme's ledger (refunds netted), grouped one way.",
    )

    @staticmethod
    def resolve_ocop_plans(root, info, year=None):
        user = require(info, Permission.READ_PROGRAMME)
        plans = visible_plans(user).prefetch_related("targets")
        if year is not None:
            plans = plans.filter(year=year)
        return [_plan(plan) for plan in plans]

    @staticmethod
    def resolve_ocop_sales_aggregates(root, info, start, end, area_code=None, group_by="month"):
        user = require(info, Permission.READ_PROGRAMME)
        try:
            scope = reader_scope(user, start, end, area_code or "")
            data = feed.sales(scope, getattr(group_by, "value", group_by))
        except ProgramError as error:
            code = str(error.code).upper()
            raise GraphQLError(str(error), extensions={"code": code}) from error
        return {
            "start": scope.start,
            "end": scope.end,
            "area": data["area"],
            "group_by": data["groupBy"],
            "total": _money(data["total"]["gross"]),
            "quantity": data["total"]["quantity"],
            "rows": [{**row, "gross": _money(row["gross"])} for row in data["rows"]],
        }
