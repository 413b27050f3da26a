"""What the order's GraphQL types resolve to, apart from the types: who may read which part
of an order, its amounts in TaxedMoney for that reader, its address snapshots, and finding
an order by the token in its id."""

import uuid
from decimal import Decimal
from types import SimpleNamespace

from marketplace.graphql.core import TaxedMoney, decode_global_id
from marketplace.orders import vat
from marketplace.orders.models import ChargeStatus
from marketplace.orders.models import Order as OrderModel

STATUS = {"cancelled": "CANCELED"}
CHARGE = {
    ChargeStatus.NONE: "NOT_CHARGED",
    ChargeStatus.PARTIAL: "PARTIALLY_CHARGED",
    ChargeStatus.FULL: "FULLY_CHARGED",
    ChargeStatus.REFUNDED: "FULLY_REFUNDED",
    ChargeStatus.OVERCHARGED: "OVERCHARGED",
}


def address_of(snapshot):
    if not snapshot:
        return None
    return SimpleNamespace(
        pk=None,
        full_name=snapshot["full_name"],
        phone=snapshot["phone"],
        street_address=snapshot["street_address"],
        commune=SimpleNamespace(name=snapshot["commune"]),
        province=SimpleNamespace(name=snapshot["province"]),
    )


def order_amount(order, info, order_field: str, part_field: str):
    """An order amount in Saleor's TaxedMoney: the whole order's, or for a producer its own
    part's; the VAT of its lines at their frozen rates and of delivery at the transport rate."""
    producer_id = producer_share(info, order)
    if producer_id:
        parts = order.producer_orders.filter(producer_id=producer_id)
        gross = sum((getattr(part, part_field) for part in parts), Decimal(0))
    else:
        gross = getattr(order, order_field)
    taxes = vat.order_vat(order, producer_id)
    tax = {"subtotal": taxes.goods, "delivery_price": taxes.delivery, "total": taxes.total}
    return TaxedMoney.of(gross, order.currency, tax=tax[part_field].tax)


def _reads_whole(user, order: OrderModel) -> bool:
    return user.is_authenticated and (
        order.user_id == user.pk or (user.is_staff and user.has_perm("orders.view_order"))
    )


def producer_share(info, order: OrderModel) -> int | None:
    """The producer whose part alone the caller may see of this order, or None when the
    caller sees all of it (its buyer, programme staff, or whoever holds its token).
    A producer never sees the other producers' lines, totals, shipments or the token."""
    user = info.context.user
    if not user.is_authenticated or not user.producer_id or _reads_whole(user, order):
        return None
    return user.producer_id


def can_read(user, order: OrderModel) -> bool:
    if _reads_whole(user, order):
        return True
    return user.is_authenticated and (
        bool(user.producer_id)
        and order.producer_orders.filter(producer_id=user.producer_id).exists()
    )


def _order_by_token(global_id: str):
    """The order whose token is in a Saleor-style id (base64 "Order:<uuid>"), if any."""
    decoded = decode_global_id(global_id or "")
    if decoded is None or decoded[0] != "Order":
        return None
    try:
        token = uuid.UUID(decoded[1])
    except ValueError:
        return None
    return OrderModel.objects.filter(token=token).first()
