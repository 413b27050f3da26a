"""Saleor's Order type over our orders, with the per-producer parts as an OCOP extension."""

import graphene
from graphql import GraphQLError

from catalog.graphql.types import Producer as ProducerType
from marketplace.graphql.account.addresses import Address
from marketplace.graphql.core import (
    TaxedMoney,
    countable_connection,
    from_global_id,
    to_global_id,
)
from marketplace.graphql.core.compat import ObjectWithMetadata
from marketplace.graphql.order.fields import OrderLineSaleorFields, OrderSaleorFields
from marketplace.graphql.order.fulfillments import Fulfillment
from marketplace.graphql.order.resolvers import (
    CHARGE,
    STATUS,
    _order_by_token,
    address_of,
    can_read,
    order_amount,
    producer_share,
)
from marketplace.orders import vat
from marketplace.orders.models import ChargeStatus
from marketplace.orders.models import Order as OrderModel

OrderStatus = graphene.Enum(
    "OrderStatus",
    [
        (name, name)
        for name in (
            "DRAFT",
            "UNCONFIRMED",
            "UNFULFILLED",
            "PARTIALLY_FULFILLED",
            "PARTIALLY_RETURNED",
            "RETURNED",
            "FULFILLED",
            "CANCELED",
            "EXPIRED",
            "REFUNDED",
        )
    ],
)
PaymentChargeStatusEnum = graphene.Enum(
    "PaymentChargeStatusEnum",
    [
        (name, name)
        for name in (
            "NOT_CHARGED",
            "PENDING",
            "PARTIALLY_CHARGED",
            "FULLY_CHARGED",
            "PARTIALLY_REFUNDED",
            "FULLY_REFUNDED",
            "REFUSED",
            "CANCELLED",
            "OVERCHARGED",
        )
    ],
)


class OrderLine(OrderLineSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    variant = graphene.Field("marketplace.graphql.product.types.ProductVariant")

    @staticmethod
    def resolve_id(line, info):
        return to_global_id("OrderLine", line.pk)

    @staticmethod
    def resolve_product_sku(line, info):
        return line.sku

    @staticmethod
    def resolve_unit_price(line, info):
        return TaxedMoney.taxed(vat.unit_taxed(line))

    @staticmethod
    def resolve_total_price(line, info):
        return TaxedMoney.taxed(vat.line_taxed(line))


class ProducerOrder(graphene.ObjectType):
    """OCOP extension: the part of the order one producer ships."""

    id = graphene.ID(required=True)
    producer = graphene.Field(ProducerType, required=True)
    status = graphene.String(required=True)
    delivery_method = graphene.String(required=True)
    tracking_code = graphene.String()
    total = graphene.Field(TaxedMoney, required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)

    @staticmethod
    def resolve_id(part, info):
        return to_global_id("ProducerOrder", part.pk)

    @staticmethod
    def resolve_total(part, info):
        return TaxedMoney.taxed(vat.order_vat(part.order, part.producer_id).total)

    @staticmethod
    def resolve_lines(part, info):
        return list(part.lines.all())


class Order(OrderSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    number = graphene.String(required=True)
    token = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    status = graphene.Field(OrderStatus, required=True)
    status_display = graphene.String(required=True)
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), required=True)
    payment_status = graphene.Field(PaymentChargeStatusEnum, required=True)
    is_paid = graphene.Boolean(required=True)
    user_email = graphene.String()
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total = graphene.Field(TaxedMoney, required=True)
    shipping_address = graphene.Field(Address)
    billing_address = graphene.Field(Address)
    producer_orders = graphene.List(
        graphene.NonNull(ProducerOrder), required=True, description="OCOP: one part per producer."
    )

    @staticmethod
    def resolve_id(order, info):
        # Saleor's order ids carry the order's token, which opens it to whoever holds it;
        # a producer, who sees only its part, gets the numeric id (checked on every read).
        if producer_share(info, order):
            return to_global_id("Order", order.pk)
        return to_global_id("Order", order.token)

    @staticmethod
    def resolve_number(order, info):
        return order.code

    @staticmethod
    def resolve_token(order, info):
        # The token opens the order to anyone holding it: only its buyer gets it.
        return "" if producer_share(info, order) else str(order.token)

    @staticmethod
    def resolve_created(order, info):
        return order.created_at

    @staticmethod
    def resolve_status(order, info):
        return STATUS.get(order.status, order.status.upper())

    @staticmethod
    def resolve_status_display(order, info):
        return order.get_status_display()

    @staticmethod
    def resolve_fulfillments(order, info):
        return Fulfillment.of(order, producer_share(info, order))

    @staticmethod
    def resolve_payment_status(order, info):
        return CHARGE[order.charge_status]

    @staticmethod
    def resolve_is_paid(order, info):
        return order.charge_status in (ChargeStatus.FULL, ChargeStatus.OVERCHARGED)

    @staticmethod
    def resolve_user_email(order, info):
        return order.email

    @staticmethod
    def resolve_lines(order, info):
        producer_id = producer_share(info, order)
        lines = order.lines.all()
        return list(lines.filter(producer_order__producer_id=producer_id) if producer_id else lines)

    @staticmethod
    def resolve_subtotal(order, info):
        return order_amount(order, info, "subtotal", "subtotal")

    @staticmethod
    def resolve_shipping_price(order, info):
        return order_amount(order, info, "delivery_total", "delivery_price")

    @staticmethod
    def resolve_total(order, info):
        return order_amount(order, info, "total", "total")

    @staticmethod
    def resolve_shipping_address(order, info):
        return address_of(order.shipping_address)

    @staticmethod
    def resolve_billing_address(order, info):
        return None if producer_share(info, order) else address_of(order.billing_address)

    @staticmethod
    def resolve_producer_orders(order, info):
        parts = order.producer_orders.select_related("producer__commune", "order")
        producer_id = producer_share(info, order)
        return list(parts.filter(producer_id=producer_id) if producer_id else parts)


OrderCountableConnection = countable_connection(Order, "Order")


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(Order, id=graphene.ID(), external_reference=graphene.String())

    @staticmethod
    def resolve_order(root, info, id=None, external_reference=None):
        if id is None:
            return None  # orders have no external references here
        by_token = _order_by_token(id)
        if by_token is not None:
            return by_token
        # Signed-in callers get null for an order that does not exist and for one they
        # may not read alike, so ids cannot be probed; anonymous callers always get the
        # permission error.
        user = info.context.user
        if not user.is_authenticated:
            raise GraphQLError(
                "Hãy đăng nhập để xem đơn hàng / Sign in as the buyer, a producer in the "
                "order, or programme staff to read an order.",
                extensions={"code": "PERMISSION_DENIED"},
            )
        order = OrderModel.objects.filter(pk=from_global_id(id, "Order")).first()
        return order if order is not None and can_read(user, order) else None
