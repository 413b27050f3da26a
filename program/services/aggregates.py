"""Sales figures for the dashboard, the reports and the feed: one source for all three."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncDay, TruncMonth

from marketplace.channels.models import ChannelKind
from program.models import EntryKind, SalesLedgerEntry
from program.services.scope import Scope

TOP = 10


@dataclass(frozen=True)
class Totals:
    gross: Decimal
    refunds: Decimal
    commission: Decimal
    quantity: int
    rows: int

    @property
    def net_of_commission(self) -> Decimal:
        return self.gross - self.commission


def ledger_rows(scope: Scope, **filters):
    """The ledger rows of a scope, narrowed by producer, product, channel kind or unit."""
    rows = SalesLedgerEntry.objects.filter(
        entry_date__range=(scope.start, scope.end), **scope.within("administrative_unit_id")
    )
    wanted = {key: value for key, value in filters.items() if value not in (None, "")}
    return rows.filter(**wanted)


def totals(scope: Scope) -> Totals:
    figures = ledger_rows(scope).aggregate(
        gross=Sum("gross"), commission=Sum("commission"), quantity=Sum("quantity"), rows=Count("pk")
    )
    refunds = ledger_rows(scope, kind=EntryKind.REFUND).aggregate(total=Sum("gross"))["total"]
    return Totals(
        gross=figures["gross"] or Decimal(0),
        refunds=-(refunds or Decimal(0)),
        commission=figures["commission"] or Decimal(0),
        quantity=figures["quantity"] or 0,
        rows=figures["rows"],
    )


def time_unit(scope: Scope) -> str:
    """Days for periods up to two months, else months."""
    return "day" if (scope.end - scope.start).days <= 62 else "month"


def over_time(scope: Scope, unit: str | None = None) -> list[tuple]:
    """(period start, gross, quantity) by "day" or "month" (default: `time_unit`)."""
    unit = unit or time_unit(scope)
    trunc = TruncDay if unit == "day" else TruncMonth
    rows = (
        ledger_rows(scope)
        .annotate(period=trunc("entry_date"))
        .values("period")
        .annotate(gross=Sum("gross"), quantity=Sum("quantity"))
        .order_by("period")
    )
    return [(row["period"], row["gross"], row["quantity"]) for row in rows]


def every_period(scope: Scope, points: list[tuple], unit: str | None = None) -> list[tuple]:
    """`points` (from `over_time`) with a zero row for each day or month of the scope that
    had no sale, so a chart's axis runs without gaps."""
    unit = unit or time_unit(scope)
    found = {_as_date(point[0]): point for point in points}
    periods, current = [], scope.start if unit == "day" else scope.start.replace(day=1)
    while current <= scope.end:
        periods.append(found.get(current, (current, Decimal(0), 0)))
        current = current + timedelta(days=1) if unit == "day" else _next_month(current)
    return periods


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _grouped(scope: Scope, key: str, label: str, limit: int | None = TOP) -> list[dict]:
    rows = (
        ledger_rows(scope)
        .values(key)
        .annotate(gross=Sum("gross"), quantity=Sum("quantity"))
        .order_by("-gross", key)
    )
    rows = list(rows[:limit] if limit else rows)
    names = _labels(key, label, [row[key] for row in rows])
    return [
        {"id": row[key], "label": names.get(row[key], row[key]), **_figures(row)} for row in rows
    ]


def _figures(row) -> dict:
    return {"gross": row["gross"] or Decimal(0), "quantity": row["quantity"] or 0}


def _labels(key: str, label: str, ids: list) -> dict:
    if key == "channel_kind":
        return {value: str(name) for value, name in ChannelKind.choices}
    model = SalesLedgerEntry._meta.get_field(key.removesuffix("_id")).related_model
    return dict(model.objects.filter(pk__in=ids).values_list("pk", label))


def by_channel_kind(scope: Scope) -> list[dict]:
    return _grouped(scope, "channel_kind", "", limit=None)


def by_unit(scope: Scope, limit: int | None = TOP) -> list[dict]:
    return _grouped(scope, "administrative_unit_id", "name", limit)


def by_producer(scope: Scope, limit: int | None = TOP) -> list[dict]:
    return _grouped(scope, "producer_id", "name", limit)


def by_product(scope: Scope, limit: int | None = TOP) -> list[dict]:
    return _grouped(scope, "product_id", "name", limit)
