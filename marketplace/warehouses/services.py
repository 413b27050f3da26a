"""Stock levels, availability, and the allocation of order lines to stock."""

from django.db import transaction
from django.db.models import F, Sum

from catalog.models import ProductVariant
from catalog.search import products_changed, variants_changed
from catalog.services.slugs import free_slug
from marketplace.channels.models import Channel
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.warehouses.models import (
    Allocation,
    MovementKind,
    Stock,
    StockAdjustment,
    Warehouse,
)

MAX_STOCK = 100_000_000


def set_stock(
    warehouse: Warehouse, variant: ProductVariant, quantity: int, *, reason: str, user=None
) -> Stock:
    """Set the counted quantity of a variant in a warehouse and record who, when and why."""
    if quantity < 0:
        raise CommerceError(CommerceErrorCode.QUANTITY_NOT_POSITIVE, "quantity", quantity=quantity)
    if quantity > MAX_STOCK:  # the column holds 2,147,483,647; no stall holds a billion
        raise CommerceError(CommerceErrorCode.INVALID, "quantity", detail=f"at most {MAX_STOCK:,}")
    if not reason.strip():
        raise CommerceError(CommerceErrorCode.REQUIRED, "reason")
    with transaction.atomic():
        stock, _ = Stock.objects.get_or_create(warehouse=warehouse, variant=variant)
        stock = Stock.objects.select_for_update().get(pk=stock.pk)
        if quantity < stock.quantity_allocated:
            raise CommerceError(
                CommerceErrorCode.INSUFFICIENT_STOCK,
                "quantity",
                available=stock.quantity_allocated,
                variant=variant,
                requested=quantity,
            )
        change = quantity - stock.quantity
        stock.quantity = quantity
        stock.save(update_fields=["quantity"])
        StockAdjustment.objects.create(
            stock=stock, change=change, quantity_after=quantity, reason=reason.strip(), user=user
        )
    products_changed([variant.product_id])
    return stock


def open_warehouse(producer, *, channel: Channel | None) -> Warehouse:
    """A producer's warehouse at its own address, serving `channel` (when there is one)."""
    with transaction.atomic():
        warehouse = Warehouse.objects.create(
            name=f"Kho {producer.name}"[:200],
            slug=free_slug(Warehouse, f"kho {producer.slug}", "kho"),
            producer=producer,
            street_address=producer.street_address,
            commune=producer.commune,
        )
        if channel is not None:
            warehouse.channels.add(channel)
    return warehouse


def delivery_warehouses(producer_id: int, channel: Channel):
    """The producer's own warehouses that ship orders of this channel."""
    return Warehouse.objects.filter(producer_id=producer_id, channels=channel)


def pickup_warehouses(channel: Channel):
    return Warehouse.objects.filter(is_pickup_point=True, channels=channel)


def _record(stock, kind, order_line, change, allocated_change, quantity_after) -> None:
    StockAdjustment.objects.create(
        stock=stock,
        kind=kind,
        order_line=order_line,
        change=change,
        allocated_change=allocated_change,
        quantity_after=max(quantity_after, 0),
        reason=f"{order_line.order.code}",
    )


def units_available():
    """The one definition of available stock, as an aggregate over stock rows: units
    counted and not held for an order. The shop, the API, the kiosk and the portal use it."""
    return Sum(F("quantity") - F("quantity_allocated"))


def available_by_variant(variant_ids, warehouses) -> dict[int, int]:
    """Available units per variant, summed over `warehouses`."""
    rows = (
        Stock.objects.filter(variant_id__in=variant_ids, warehouse__in=warehouses)
        .values("variant_id")
        .annotate(available=units_available())
    )
    return {row["variant_id"]: max(row["available"] or 0, 0) for row in rows}


def available_quantity(variant: ProductVariant, warehouses) -> int:
    """Available units of one variant, summed over `warehouses`."""
    return available_by_variant([variant.pk], warehouses).get(variant.pk, 0)


def allocate(order_line, warehouses) -> None:
    """Reserve the line's quantity in `warehouses`, locking stock rows in primary-key order.

    Rows are always locked in the same order, so two buyers never deadlock; a buyer who
    finds too little stock gets INSUFFICIENT_STOCK and the transaction writes nothing."""
    stocks = list(
        Stock.objects.select_for_update()
        .filter(variant_id=order_line.variant_id, warehouse__in=warehouses)
        .order_by("pk")
    )
    needed = order_line.quantity
    available = sum(stock.quantity_available for stock in stocks)
    if available < needed:
        raise CommerceError(
            CommerceErrorCode.INSUFFICIENT_STOCK,
            "quantity",
            available=available,
            variant=f"{order_line.product_name} – {order_line.variant_name}",
            requested=needed,
        )
    for stock in stocks:
        take = min(needed, stock.quantity_available)
        if take <= 0:
            continue
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") + take)
        Allocation.objects.create(order_line=order_line, stock=stock, quantity=take)
        _record(stock, MovementKind.ALLOCATED, order_line, 0, take, stock.quantity)
        needed -= take
        if needed == 0:
            break
    variants_changed([order_line.variant_id])


def lock_stocks_for(lines) -> None:
    """Lock every stock row the lines may use, in primary-key order, before allocating."""
    variant_ids = sorted({line.variant_id for line in lines})
    list(Stock.objects.select_for_update().filter(variant_id__in=variant_ids).order_by("pk"))


def release(order_line) -> None:
    """Give back the units reserved for a line (cancellation)."""
    for allocation in (
        order_line.allocations.select_for_update().select_related("stock").order_by("stock_id")
    ):
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity_allocated=F("quantity_allocated") - allocation.quantity
        )
        stock = allocation.stock
        _record(stock, MovementKind.RELEASED, order_line, 0, -allocation.quantity, stock.quantity)
        allocation.delete()
    variants_changed([order_line.variant_id])


def ship(order_line) -> None:
    """The reserved units leave the warehouse: both quantity and allocation go down."""
    for allocation in (
        order_line.allocations.select_for_update().select_related("stock").order_by("stock_id")
    ):
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity=F("quantity") - allocation.quantity,
            quantity_allocated=F("quantity_allocated") - allocation.quantity,
        )
        taken, stock = allocation.quantity, allocation.stock
        _record(stock, MovementKind.SHIPPED, order_line, -taken, -taken, stock.quantity - taken)
        allocation.delete()
