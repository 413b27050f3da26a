"""Saleor's Order type over our orders, with the per-producer parts as an OCOP extension."""

from types import SimpleNamespace

import graphene
from graphql import GraphQLError

from catalog.graphql.types import Producer as ProducerType
from marketplace.graphql.addresses import Address
from marketplace.graphql.core import TaxedMoney, countable_connection, from_global_id, to_global_id
from marketplace.graphql.fulfillments import Fulfillment
from marketplace.orders.models import ChargeStatus
from marketplace.orders.models import Order as OrderModel

OrderStatus = graphene.Enum(
    "OrderStatus",
    [
        (name, name)
        for name in (
            "UNCONFIRMED",
            "UNFULFILLED",
            "PARTIALLY_FULFILLED",
            "FULFILLED",
            "CANCELED",
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
            "PARTIALLY_CHARGED",
            "FULLY_CHARGED",
            "FULLY_REFUNDED",
            "OVERCHARGED",
        )
    ],
)
STATUS = {"cancelled": "CANCELED"}
CHARGE = {
    ChargeStatus.NONE: "NOT_CHARGED",
    ChargeStatus.PARTIAL: "PARTIALLY_CHARGED",
    ChargeStatus.FULL: "FULLY_CHARGED",
    ChargeStatus.REFUNDED: "FULLY_REFUNDED",
    ChargeStatus.OVERCHARGED: "OVERCHARGED",
}


def _address(snapshot):
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


class OrderLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    variant = graphene.Field("marketplace.graphql.catalog_types.ProductVariant")

    @staticmethod
    def resolve_id(line, info):
        return to_global_id("OrderLine", line.pk)

    @staticmethod
    def resolve_product_sku(line, info):
        return line.sku

    @staticmethod
    def resolve_unit_price(line, info):
        return TaxedMoney.of(line.unit_price, line.currency)

    @staticmethod
    def resolve_total_price(line, info):
        return TaxedMoney.of(line.total, line.currency)


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
        return TaxedMoney.of(part.total, part.order.currency)

    @staticmethod
    def resolve_lines(part, info):
        return list(part.lines.all())


class Order(graphene.ObjectType):
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
        return to_global_id("Order", order.pk)

    @staticmethod
    def resolve_number(order, info):
        return order.code

    @staticmethod
    def resolve_token(order, info):
        return str(order.token)

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
        return Fulfillment.of(order)

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
        return list(order.lines.all())

    @staticmethod
    def resolve_subtotal(order, info):
        return TaxedMoney.of(order.subtotal, order.currency)

    @staticmethod
    def resolve_shipping_price(order, info):
        return TaxedMoney.of(order.delivery_total, order.currency)

    @staticmethod
    def resolve_total(order, info):
        return TaxedMoney.of(order.total, order.currency)

    @staticmethod
    def resolve_shipping_address(order, info):
        return _address(order.shipping_address)

    @staticmethod
    def resolve_billing_address(order, info):
        return _address(order.billing_address)

    @staticmethod
    def resolve_producer_orders(order, info):
        return list(order.producer_orders.select_related("producer__commune", "order"))


OrderCountableConnection = countable_connection(Order, "Order")


def can_read(user, order: OrderModel) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff and user.has_perm("orders.view_order"):
        return True
    if order.user_id == user.pk:
        return True
    return (
        bool(user.producer_id)
        and order.producer_orders.filter(producer_id=user.producer_id).exists()
    )


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(Order, id=graphene.ID(required=True))

    @staticmethod
    def resolve_order(root, info, id):
        order = OrderModel.objects.filter(pk=from_global_id(id, "Order")).first()
        if order is None:
            return None
        if not can_read(info.context.user, order):
            raise GraphQLError(
                "You need to be the buyer, a producer in the order, or programme staff "
                "to read this order."
            )
        return order
