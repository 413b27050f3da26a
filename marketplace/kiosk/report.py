"""A kiosk's end-of-day report: totals by payment method and the split by producer."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from marketplace.kiosk.models import KioskDevice, KioskSale
from marketplace.orders.models import OrderLine


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def end_of_day(device: KioskDevice, day: date) -> dict:
    """Sales the device made on `day` (its own clock), as synced."""
    start, end = day_bounds(day)
    sales = KioskSale.objects.filter(device=device, sold_at__gte=start, sold_at__lt=end)
    by_method = {
        row["payment_method"]: {"count": row["count"], "total": row["total"] or Decimal(0)}
        for row in sales.values("payment_method").annotate(
            count=Count("pk"), total=Sum("order__total")
        )
    }
    lines = (
        OrderLine.objects.filter(order__kiosk_sale__in=sales)
        .values("producer_order__producer__name", "order__kiosk_sale__payment_method")
        .annotate(gross=Sum("total"), commission=Sum("commission_amount"), quantity=Sum("quantity"))
    )
    producers: dict[str, dict] = defaultdict(
        lambda: {"gross": Decimal(0), "commission": Decimal(0), "quantity": 0, "by_method": {}}
    )
    for row in lines:
        entry = producers[row["producer_order__producer__name"]]
        entry["gross"] += row["gross"]
        entry["commission"] += row["commission"]
        entry["quantity"] += row["quantity"]
        method = row["order__kiosk_sale__payment_method"]
        entry["by_method"][method] = entry["by_method"].get(method, Decimal(0)) + row["gross"]
    for entry in producers.values():
        entry["net"] = entry["gross"] - entry["commission"]
    return {
        "device": device,
        "day": day,
        "by_method": by_method,
        "total": sum((item["total"] for item in by_method.values()), Decimal(0)),
        "producers": dict(sorted(producers.items())),
        "flagged": sales.filter(status="flagged", is_resolved=False).count(),
    }
