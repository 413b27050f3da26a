"""What stands between a checkout and its completion, line by line (Saleor's
`Checkout.problems`): a variant no longer sold in the channel, or too little stock."""

from dataclasses import dataclass

from marketplace.channels.services import purchasable_price
from marketplace.checkout.models import DeliveryMethod
from marketplace.errors import CommerceError
from marketplace.warehouses.services import available_quantity, delivery_warehouses

INSUFFICIENT_STOCK = "insufficient_stock"
NOT_AVAILABLE = "variant_not_available"


@dataclass
class LineProblem:
    line: object
    kind: str
    available_quantity: int | None = None


def line_problems(checkout) -> list[LineProblem]:
    """The problems of the checkout's lines, in line order (empty when it can complete)."""
    pickups = {
        delivery.producer_id: delivery.pickup_warehouse
        for delivery in checkout.deliveries.filter(method=DeliveryMethod.PICKUP)
    }
    problems = []
    for line in checkout.lines.select_related("variant__product").order_by("pk"):
        variant = line.variant
        try:
            purchasable_price(variant, checkout.channel)
        except CommerceError:
            problems.append(LineProblem(line, NOT_AVAILABLE))
            continue
        producer_id = variant.product.producer_id
        warehouses = (
            [pickups[producer_id]]
            if producer_id in pickups
            else delivery_warehouses(producer_id, checkout.channel)
        )
        available = available_quantity(variant, warehouses)
        if available < line.quantity:
            problems.append(LineProblem(line, INSUFFICIENT_STOCK, available))
    return problems
