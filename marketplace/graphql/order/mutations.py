"""Producer sub-orders (their own only) and the programme's read of every order."""

import graphene

from marketplace.errors import CommerceError
from marketplace.graphql.core import (
    connection_args,
    countable_connection,
    error_type,
    errors_from,
    from_global_id,
    paginate,
)
from marketplace.graphql.core.enums import AddressTypeEnum
from marketplace.graphql.core.permissions import (
    Permission,
    ScopedMutation,
    own_producer_orders,
    require,
)
from marketplace.graphql.order.types import Order, OrderCountableConnection, ProducerOrder
from marketplace.orders import services
from marketplace.orders.models import Order as OrderModel

OrderErrorCode = graphene.Enum(
    "OrderErrorCode",
    [
        (name, name)
        for name in (
            "BILLING_ADDRESS_NOT_SET",
            "CANNOT_CANCEL_FULFILLMENT",
            "CANNOT_CANCEL_ORDER",
            "CANNOT_DELETE",
            "CANNOT_DISCOUNT",
            "CANNOT_REFUND",
            "CANNOT_FULFILL_UNPAID_ORDER",
            "CAPTURE_INACTIVE_PAYMENT",
            "GIFT_CARD_LINE",
            "NOT_EDITABLE",
            "FULFILL_ORDER_LINE",
            "GRAPHQL_ERROR",
            "INVALID",
            "PRODUCT_NOT_PUBLISHED",
            "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
            "NOT_FOUND",
            "ORDER_NO_SHIPPING_ADDRESS",
            "PAYMENT_ERROR",
            "PAYMENT_MISSING",
            "TRANSACTION_ERROR",
            "REQUIRED",
            "SHIPPING_METHOD_NOT_APPLICABLE",
            "SHIPPING_METHOD_REQUIRED",
            "TAX_ERROR",
            "UNIQUE",
            "VOID_INACTIVE_PAYMENT",
            "ZERO_QUANTITY",
            "INVALID_QUANTITY",
            "INSUFFICIENT_STOCK",
            "DUPLICATED_INPUT_ITEM",
            "NOT_AVAILABLE_IN_CHANNEL",
            "CHANNEL_INACTIVE",
            "INVALID_VOUCHER",
            "INVALID_VOUCHER_CODE",
            "NON_EDITABLE_GIFT_LINE",
            "NON_REMOVABLE_GIFT_LINE",
        )
    ],
)
OrderError = error_type(
    "OrderError",
    OrderErrorCode,
    warehouse=graphene.ID(),
    order_lines=graphene.List(graphene.NonNull(graphene.ID)),
    variants=graphene.List(graphene.NonNull(graphene.ID)),
    address_type=graphene.Field(AddressTypeEnum),
)
CODES = {"invalid_status": "INVALID", "required": "REQUIRED"}
ProducerOrderCountableConnection = countable_connection(ProducerOrder, "ProducerOrder")


def _own(user, producer_order_id):
    pk = from_global_id(producer_order_id, "ProducerOrder")
    return own_producer_orders(user).filter(pk=pk).select_related("order", "producer").first()


def _sub_order_mutation(name, extra_arguments, action):
    def perform(cls, info, user, id, **kwargs):
        sub_order = _own(user, id)
        if sub_order is None:
            return cls(
                producer_order=None,
                errors=[
                    {
                        "field": "id",
                        "code": "NOT_FOUND",
                        "message": "Không tìm thấy đơn của bạn / Not one of your sub-orders.",
                    }
                ],
            )
        try:
            sub_order = action(sub_order, user, **kwargs)
        except CommerceError as error:
            return cls(producer_order=sub_order, errors=errors_from(error, CODES, "INVALID"))
        return cls(producer_order=sub_order, errors=[])

    arguments = type("Arguments", (), {"id": graphene.ID(required=True), **extra_arguments})
    return type(
        name,
        (ScopedMutation,),
        {
            "permissions": (Permission.PRODUCER,),
            "Arguments": arguments,
            "producer_order": graphene.Field(ProducerOrder),
            "errors": graphene.List(graphene.NonNull(OrderError), required=True),
            "perform": classmethod(perform),
        },
    )


ProducerOrderFulfill = _sub_order_mutation(
    "ProducerOrderFulfill",
    {"tracking_code": graphene.String()},
    lambda sub_order, user, tracking_code="": services.fulfil(
        sub_order, tracking_code=tracking_code or "", user=user
    ),
)
ProducerOrderMarkDelivered = _sub_order_mutation(
    "ProducerOrderMarkDelivered",
    {},
    lambda sub_order, user: services.mark_delivered(sub_order, user=user),
)
ProducerOrderCancel = _sub_order_mutation(
    "ProducerOrderCancel",
    {"reason": graphene.String(required=True)},
    lambda sub_order, user, reason: services.cancel_producer_order(
        sub_order, reason=reason, user=user
    ),
)


class ManageOrderQueries(graphene.ObjectType):
    producer_orders = graphene.Field(
        ProducerOrderCountableConnection,
        description="OCOP: the caller's producer's sub-orders.",
        **connection_args(),
    )
    orders = graphene.Field(
        OrderCountableConnection, description="Programme staff: every order.", **connection_args()
    )

    @staticmethod
    def resolve_producer_orders(root, info, **kwargs):
        user = require(info, Permission.PRODUCER)
        parts = own_producer_orders(user).select_related("order", "producer").order_by("-pk")
        return paginate(parts, **kwargs)

    @staticmethod
    def resolve_orders(root, info, **kwargs):
        require(info, Permission.MANAGE_ORDERS)
        return paginate(OrderModel.objects.order_by("-pk"), **kwargs)


class ManageOrderMutations(graphene.ObjectType):
    producer_order_fulfill = ProducerOrderFulfill.Field()
    producer_order_mark_delivered = ProducerOrderMarkDelivered.Field()
    producer_order_cancel = ProducerOrderCancel.Field()


__all__ = ["ManageOrderMutations", "ManageOrderQueries", "Order"]
