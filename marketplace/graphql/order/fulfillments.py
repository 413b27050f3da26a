"""Saleor's `Order.fulfillments`: each producer's shipment of its part of the order."""

import graphene

from marketplace.graphql.core import to_global_id
from marketplace.graphql.core.compat import ObjectWithMetadata
from marketplace.graphql.order.fields import FulfillmentSaleorFields


class FulfillmentStatus(graphene.Enum):
    FULFILLED = "fulfilled"
    REFUNDED = "refunded"
    RETURNED = "returned"
    REPLACED = "replaced"
    REFUNDED_AND_RETURNED = "refunded_and_returned"
    CANCELED = "canceled"
    WAITING_FOR_APPROVAL = "waiting_for_approval"


class FulfillmentLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    order_line = graphene.Field("marketplace.graphql.order.types.OrderLine")


class Fulfillment(FulfillmentSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    fulfillment_order = graphene.Int(required=True)
    status = graphene.Field(FulfillmentStatus, required=True)
    tracking_number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))

    @staticmethod
    def of(order, producer_id: int | None = None) -> list[dict]:
        """One fulfillment per shipped producer part, numbered in shipping order; only
        the given producer's when the caller sees only its part."""
        shipments = []
        parts = order.producer_orders.prefetch_related("fulfillments", "lines").order_by("pk")
        if producer_id:
            parts = parts.filter(producer_id=producer_id)
        for part in parts:
            for fulfillment in part.fulfillments.all():
                shipments.append((fulfillment.created_at, fulfillment, part))
        shipments.sort(key=lambda shipment: (shipment[0], shipment[1].pk))
        return [
            {
                "id": to_global_id("Fulfillment", fulfillment.pk),
                "fulfillment_order": number,
                "status": FulfillmentStatus.FULFILLED.value,
                "tracking_number": fulfillment.tracking_code,
                "created": created,
                "lines": [
                    {
                        "id": to_global_id("FulfillmentLine", f"{fulfillment.pk}{line.pk:08d}"),
                        "quantity": line.quantity_fulfilled,
                        "order_line": line,
                    }
                    for line in part.lines.all()
                    if line.quantity_fulfilled
                ],
            }
            for number, (created, fulfillment, part) in enumerate(shipments, start=1)
        ]
