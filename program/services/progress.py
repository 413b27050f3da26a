"""Where each target of a plan stands, and which plans a user may read."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from program.models import Plan, Target
from program.services.metrics import MetricValue, compute
from program.services.scope import Scope, area_units, assigned_area, scope_for


@dataclass
class TargetProgress:
    target: Target
    value: MetricValue

    @property
    def status(self) -> str:
        """met, above (past the maximum), or short."""
        value = self.value.value
        if value < self.target.minimum:
            return "short"
        if self.target.maximum is not None and value > self.target.maximum:
            return "above"
        return "met"

    @property
    def percent(self) -> int:
        """Share of the minimum reached, capped at 100 for the progress bar."""
        if self.target.minimum <= 0:
            return 100
        return int(min(Decimal(100), self.value.value * 100 / self.target.minimum))


def plan_scope(plan: Plan) -> Scope:
    return scope_for(date(plan.year, 1, 1), date(plan.year, 12, 31), plan.administrative_unit)


def progress(plan: Plan) -> list[TargetProgress]:
    scope = plan_scope(plan)
    return [
        TargetProgress(target, compute(target.metric, scope, target.channel_kind))
        for target in plan.targets.all()
    ]


def visible_plans(user):
    """Plans of the user's area (all plans for the programme office)."""
    plans = Plan.objects.select_related("administrative_unit")
    own = assigned_area(user)
    if own is not None:
        plans = plans.filter(administrative_unit_id__in=area_units(own))
    return plans
