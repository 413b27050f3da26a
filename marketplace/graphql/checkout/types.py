"""Saleor's checkout types over our checkout: lines, delivery, gateways, totals."""

import base64

import graphene

from marketplace.checkout import services
from marketplace.checkout.models import DeliveryMethod as DeliveryChoice
from marketplace.checkout.totals import delivery_price
from marketplace.graphql.account.addresses import Address
from marketplace.graphql.checkout.fields import (
    CheckoutLineSaleorFields,
    CheckoutSaleorFields,
    ShippingMethodSaleorFields,
    WarehouseSaleorFields,
)
from marketplace.graphql.checkout.problems import (
    CheckoutLineProblem,
    CheckoutPaymentState,
    problems_of_line,
)
from marketplace.graphql.checkout.resolvers import (
    checkout_totals,
    gateways_of,
    home_delivery,
    line_price,
    line_total,
)
from marketplace.graphql.core import Money, TaxedMoney, error_type, to_global_id
from marketplace.graphql.core.compat import ObjectWithMetadata
from marketplace.graphql.core.enums import AddressTypeEnum
from marketplace.graphql.product.types import ProductVariant as ProductVariantType
from marketplace.warehouses.models import Warehouse as WarehouseModel
from marketplace.warehouses.services import available_quantity, pickup_warehouses

CheckoutErrorCode = graphene.Enum(
    "CheckoutErrorCode",
    [
        (name, name)
        for name in (
            "BILLING_ADDRESS_NOT_SET",
            "CHANNEL_INACTIVE",
            "CHECKOUT_NOT_FULLY_PAID",
            "DELIVERY_METHOD_NOT_APPLICABLE",
            "EMAIL_NOT_SET",
            "GIFT_CARD_NOT_APPLICABLE",
            "GRAPHQL_ERROR",
            "INACTIVE_PAYMENT",
            "INSUFFICIENT_STOCK",
            "INVALID",
            "INVALID_SHIPPING_METHOD",
            "MISSING_CHANNEL_SLUG",
            "NON_EDITABLE_GIFT_LINE",
            "NON_REMOVABLE_GIFT_LINE",
            "NOT_FOUND",
            "NO_LINES",
            "PAYMENT_ERROR",
            "PRODUCT_NOT_PUBLISHED",
            "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
            "QUANTITY_GREATER_THAN_LIMIT",
            "REQUIRED",
            "SHIPPING_ADDRESS_NOT_SET",
            "SHIPPING_CHANGE_FORBIDDEN",
            "SHIPPING_METHOD_NOT_APPLICABLE",
            "SHIPPING_METHOD_NOT_SET",
            "SHIPPING_NOT_REQUIRED",
            "TAX_ERROR",
            "UNAVAILABLE_VARIANT_IN_CHANNEL",
            "UNIQUE",
            "VOUCHER_NOT_APPLICABLE",
            "ZERO_QUANTITY",
        )
    ],
)
CheckoutError = error_type(
    "CheckoutError",
    CheckoutErrorCode,
    variants=graphene.List(graphene.NonNull(graphene.ID)),
    lines=graphene.List(graphene.NonNull(graphene.ID)),
    address_type=graphene.Field(AddressTypeEnum),
)


class ShippingMethod(ShippingMethodSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    price = graphene.Field(Money, required=True)
    active = graphene.Boolean(required=True)
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()


class Warehouse(WarehouseSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    is_private = graphene.Boolean(required=True)
    address = graphene.Field(Address, required=True)

    @staticmethod
    def resolve_id(warehouse, info):
        return to_global_id("Warehouse", warehouse.pk)

    @staticmethod
    def resolve_is_private(warehouse, info):
        return False


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (Warehouse, ShippingMethod)

    @classmethod
    def resolve_type(cls, instance, info):
        return Warehouse if isinstance(instance, WarehouseModel) else ShippingMethod


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True)
    value = graphene.String()


class PaymentGateway(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    config = graphene.List(graphene.NonNull(GatewayConfigLine), required=True)
    currencies = graphene.List(graphene.NonNull(graphene.String), required=True)


class CheckoutLine(CheckoutLineSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    variant = graphene.Field(ProductVariantType, required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    requires_shipping = graphene.Boolean(required=True)
    problems = graphene.List(graphene.NonNull(CheckoutLineProblem))

    @staticmethod
    def resolve_id(line, info):
        return to_global_id("CheckoutLine", line.pk)

    @staticmethod
    def resolve_problems(line, info):
        return problems_of_line(line)

    @staticmethod
    def resolve_unit_price(line, info):
        rate = checkout_totals(line.checkout).vat_rates[line.variant_id]
        return TaxedMoney.of(*line_price(line), rate=rate)

    @staticmethod
    def resolve_undiscounted_unit_price(line, info):
        return Money.of(*line_price(line))

    @staticmethod
    def resolve_total_price(line, info):
        return line_total(line)

    @staticmethod
    def resolve_requires_shipping(line, info):
        return True


class Checkout(CheckoutSaleorFields, CheckoutPaymentState, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    token = graphene.UUID(required=True)
    email = graphene.String()
    channel = graphene.Field("marketplace.graphql.product.types.Channel", required=True)
    created = graphene.DateTime(required=True)
    last_change = graphene.DateTime(required=True)
    quantity = graphene.Int(required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    shipping_address = graphene.Field(Address)
    billing_address = graphene.Field(Address)
    is_shipping_required = graphene.Boolean(required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True)
    available_shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        deprecation_reason="Use `shippingMethods`.",
    )
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `deliveryMethod`.")
    discount = graphene.Field(Money)
    discount_name = graphene.String()
    voucher_code = graphene.String()
    available_collection_points = graphene.List(graphene.NonNull(Warehouse), required=True)
    delivery_method = graphene.Field(DeliveryMethod)
    available_payment_gateways = graphene.List(graphene.NonNull(PaymentGateway), required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)

    @staticmethod
    def resolve_id(checkout, info):
        return base64.b64encode(f"Checkout:{checkout.token}".encode()).decode()

    @staticmethod
    def resolve_created(checkout, info):
        return checkout.created_at

    @staticmethod
    def resolve_quantity(checkout, info):
        return sum(line.quantity for line in checkout.lines.all())

    @staticmethod
    def resolve_lines(checkout, info):
        lines = list(checkout.lines.select_related("variant__product").order_by("pk"))
        for line in lines:
            line.checkout = checkout
        return lines

    @staticmethod
    def resolve_is_shipping_required(checkout, info):
        return True

    @staticmethod
    def resolve_shipping_methods(checkout, info):
        if not checkout.shipping_address_id or not checkout.lines.exists():
            return []
        price = 0
        for part in checkout_totals(checkout).parts:
            rates, _points = services.delivery_options(checkout, part.producer)
            if not rates:
                return []
            cheapest = min(rates, key=lambda rate: rate.base_amount)
            price += delivery_price(cheapest, part.weight_grams, checkout.channel.currency)
        return [home_delivery(price, checkout.channel.currency)]

    @staticmethod
    def resolve_available_shipping_methods(checkout, info):
        return Checkout.resolve_shipping_methods(checkout, info)

    @staticmethod
    def resolve_shipping_method(checkout, info):
        method = Checkout.resolve_delivery_method(checkout, info)
        return method if isinstance(method, dict) else None

    @staticmethod
    def resolve_discount(checkout, info):
        return Money.of(0, checkout.channel.currency)

    @staticmethod
    def resolve_available_collection_points(checkout, info):
        lines = list(checkout.lines.select_related("variant"))
        return [
            point
            for point in pickup_warehouses(checkout.channel)
            if lines
            and all(available_quantity(line.variant, [point]) >= line.quantity for line in lines)
        ]

    @staticmethod
    def resolve_delivery_method(checkout, info):
        deliveries = list(checkout.deliveries.select_related("pickup_warehouse"))
        if not deliveries:
            return None
        if all(d.method == DeliveryChoice.PICKUP for d in deliveries):
            return deliveries[0].pickup_warehouse
        totals = checkout_totals(checkout)
        return home_delivery(totals.delivery, totals.currency)

    @staticmethod
    def resolve_available_payment_gateways(checkout, info):
        return gateways_of(checkout.channel)

    @staticmethod
    def resolve_shipping_price(checkout, info):
        totals = checkout_totals(checkout)
        return TaxedMoney.of(totals.delivery, totals.currency, tax=totals.delivery_vat)

    @staticmethod
    def resolve_subtotal_price(checkout, info):
        totals = checkout_totals(checkout)
        return TaxedMoney.of(totals.subtotal, totals.currency, tax=totals.subtotal_vat)

    @staticmethod
    def resolve_total_price(checkout, info):
        totals = checkout_totals(checkout)
        return TaxedMoney.of(totals.total, totals.currency, tax=totals.total_vat)
