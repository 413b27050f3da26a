"""Saleor's checkout API: the checkout type and its mutations, over our checkout services."""

import base64
import binascii
import uuid

import graphene
from graphql import GraphQLError

from catalog.models import ProductVariant
from marketplace.checkout import services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.checkout.models import DeliveryMethod as DeliveryChoice
from marketplace.checkout.totals import compute_totals
from marketplace.errors import CommerceError
from marketplace.graphql.addresses import Address, AddressInput, to_service_address
from marketplace.graphql.catalog_types import ProductVariant as ProductVariantType
from marketplace.graphql.core import Money, TaxedMoney, error_type, from_global_id, to_global_id
from marketplace.payments.models import Gateway
from marketplace.payments.vietqr import qr_png
from marketplace.warehouses.models import Warehouse as WarehouseModel
from marketplace.warehouses.services import pickup_warehouses

CheckoutErrorCode = graphene.Enum(
    "CheckoutErrorCode",
    [
        (name, name)
        for name in (
            "BILLING_ADDRESS_NOT_SET",
            "CHANNEL_INACTIVE",
            "CHECKOUT_EXPIRED",
            "CHECKOUT_NOT_FULLY_PAID",
            "DELIVERY_METHOD_NOT_APPLICABLE",
            "EMAIL_NOT_SET",
            "GRAPHQL_ERROR",
            "INSUFFICIENT_STOCK",
            "INVALID",
            "INVALID_SHIPPING_METHOD",
            "MISSING_CHANNEL_SLUG",
            "NOT_FOUND",
            "NO_LINES",
            "PAYMENT_ERROR",
            "PRODUCT_NOT_PUBLISHED",
            "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
            "REQUIRED",
            "SHIPPING_ADDRESS_NOT_SET",
            "SHIPPING_METHOD_NOT_APPLICABLE",
            "SHIPPING_METHOD_NOT_SET",
            "UNAVAILABLE_VARIANT_IN_CHANNEL",
            "ZERO_QUANTITY",
        )
    ],
)
CheckoutError = error_type("CheckoutError", CheckoutErrorCode)

CODES = {
    "required": "REQUIRED",
    "invalid": "INVALID",
    "not_found": "NOT_FOUND",
    "channel_inactive": "CHANNEL_INACTIVE",
    "quantity_not_positive": "ZERO_QUANTITY",
    "insufficient_stock": "INSUFFICIENT_STOCK",
    "product_not_published": "PRODUCT_NOT_PUBLISHED",
    "product_not_available_for_purchase": "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
    "checkout_expired": "CHECKOUT_EXPIRED",
    "checkout_empty": "NO_LINES",
    "checkout_completed": "INVALID",
    "outside_delivery_area": "DELIVERY_METHOD_NOT_APPLICABLE",
    "delivery_method_required": "SHIPPING_METHOD_NOT_SET",
    "delivery_method_invalid": "DELIVERY_METHOD_NOT_APPLICABLE",
    "pickup_point_without_stock": "INSUFFICIENT_STOCK",
    "address_required": "SHIPPING_ADDRESS_NOT_SET",
    "contact_required": "EMAIL_NOT_SET",
    "invalid_phone": "INVALID",
    "payment_method_not_allowed": "PAYMENT_ERROR",
    "payment_gateway_error": "PAYMENT_ERROR",
}
GATEWAY_IDS = {f"ocop.payments.{gateway}": gateway for gateway in Gateway.values}
HOME_DELIVERY_ID = base64.b64encode(b"ShippingMethod:home-delivery").decode()


def checkout_error(error: CommerceError) -> list[dict]:
    field = (
        error.field.split("_")[0] + "".join(p.capitalize() for p in error.field.split("_")[1:])
        if error.field
        else None
    )
    return [{"field": field, "message": str(error), "code": CODES.get(str(error.code), "INVALID")}]


def find_checkout(checkout_id=None, token=None) -> CheckoutModel:
    """A checkout by Saleor's Checkout ID (base64 "Checkout:<token>") or by token."""
    if checkout_id:
        try:
            kind, _, value = base64.b64decode(checkout_id, validate=True).decode().partition(":")
            token = uuid.UUID(value) if kind == "Checkout" else None
        except (ValueError, binascii.Error, UnicodeDecodeError):
            token = None
    else:
        try:
            token = uuid.UUID(str(token))
        except ValueError:
            token = None
    checkout = CheckoutModel.objects.select_related("channel").filter(token=token).first()
    if checkout is None:
        raise GraphQLError(f"Couldn't resolve to a node: {checkout_id or token}")
    return checkout


def _totals(checkout):
    cache = checkout.__dict__.setdefault("_graphql_totals", None)
    if cache is None:
        cache = compute_totals(checkout)
        checkout.__dict__["_graphql_totals"] = cache
    return cache


class ShippingMethod(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    price = graphene.Field(Money, required=True)
    active = graphene.Boolean(required=True)
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()


class Warehouse(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    is_private = graphene.Boolean(required=True)
    address = graphene.String()

    @staticmethod
    def resolve_id(warehouse, info):
        return to_global_id("Warehouse", warehouse.pk)

    @staticmethod
    def resolve_is_private(warehouse, info):
        return False

    @staticmethod
    def resolve_address(warehouse, info):
        return f"{warehouse.street_address}, {warehouse.commune}"


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


class CheckoutLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    variant = graphene.Field(ProductVariantType, required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    requires_shipping = graphene.Boolean(required=True)

    @staticmethod
    def resolve_id(line, info):
        return to_global_id("CheckoutLine", line.pk)

    @staticmethod
    def _price(line):
        return _totals(line.checkout).unit_prices[line.variant_id], line.checkout.channel.currency

    @staticmethod
    def resolve_unit_price(line, info):
        return TaxedMoney.of(*CheckoutLine._price(line))

    @staticmethod
    def resolve_undiscounted_unit_price(line, info):
        return Money.of(*CheckoutLine._price(line))

    @staticmethod
    def resolve_total_price(line, info):
        price, currency = CheckoutLine._price(line)
        return TaxedMoney.of(price * line.quantity, currency)

    @staticmethod
    def resolve_requires_shipping(line, info):
        return True


class Checkout(graphene.ObjectType):
    id = graphene.ID(required=True)
    token = graphene.UUID(required=True)
    email = graphene.String()
    channel = graphene.Field("marketplace.graphql.catalog_types.Channel", required=True)
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
    metadata = graphene.List(
        graphene.NonNull("marketplace.graphql.compat.MetadataItem"), required=True
    )
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
        for part in _totals(checkout).parts:
            rates, _points = services.delivery_options(checkout, part.producer)
            if not rates:
                return []
            from marketplace.checkout.totals import delivery_price

            cheapest = min(rates, key=lambda rate: rate.base_amount)
            price += delivery_price(cheapest, part.weight_grams, checkout.channel.currency)
        return [
            {
                "id": HOME_DELIVERY_ID,
                "name": "Giao tận nhà (mỗi chủ thể gửi riêng) / "
                "Home delivery, one parcel per producer",
                "price": Money.of(price, checkout.channel.currency),
                "active": True,
                "minimum_delivery_days": 1,
                "maximum_delivery_days": 5,
            }
        ]

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
    def resolve_metadata(checkout, info):
        return []

    @staticmethod
    def resolve_available_collection_points(checkout, info):
        lines = list(checkout.lines.select_related("variant"))
        from marketplace.warehouses.services import available_quantity

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
        totals = _totals(checkout)
        return {
            "id": HOME_DELIVERY_ID,
            "name": "Giao tận nhà / Home delivery",
            "price": Money.of(totals.delivery, totals.currency),
            "active": True,
        }

    @staticmethod
    def resolve_available_payment_gateways(checkout, info):
        return [
            {
                "id": f"ocop.payments.{gateway}",
                "name": Gateway(gateway).label,
                "config": _gateway_config(gateway),
                "currencies": [checkout.channel.currency],
            }
            for gateway in checkout.channel.payment_gateways
        ]

    @staticmethod
    def resolve_shipping_price(checkout, info):
        totals = _totals(checkout)
        return TaxedMoney.of(totals.delivery, totals.currency)

    @staticmethod
    def resolve_subtotal_price(checkout, info):
        totals = _totals(checkout)
        return TaxedMoney.of(totals.subtotal, totals.currency)

    @staticmethod
    def resolve_total_price(checkout, info):
        totals = _totals(checkout)
        return TaxedMoney.of(totals.total, totals.currency)


def _gateway_config(gateway: str) -> list[dict]:
    from django.conf import settings

    if gateway == Gateway.STRIPE:
        return [{"field": "api_key", "value": settings.STRIPE_PUBLISHABLE_KEY}]
    return []


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    variant_id = graphene.ID(required=True)


class CheckoutLineUpdateInput(graphene.InputObjectType):
    quantity = graphene.Int()
    variant_id = graphene.ID()
    line_id = graphene.ID()


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    email = graphene.String()
    shipping_address = graphene.Field(AddressInput)
    billing_address = graphene.Field(AddressInput)


def _variant(variant_id) -> ProductVariant:
    pk = from_global_id(variant_id, "ProductVariant")
    variant = ProductVariant.objects.select_related("product").filter(pk=pk).first()
    if variant is None:
        raise GraphQLError(f"Couldn't resolve to a node: {variant_id}")
    return variant


class CheckoutPayload:
    """Shared shape: `{ checkout errors }`; a CommerceError becomes the errors list."""

    @classmethod
    def run(cls, checkout, action):
        try:
            result = action()
        except CommerceError as error:
            checkout.refresh_from_db()
            return cls(checkout=checkout, errors=checkout_error(error))
        return cls(checkout=result or checkout, errors=[])


def checkout_mutation(name, arguments: dict, action, description=""):
    """A Saleor checkout mutation `name(id, token, ...) { checkout errors }`."""

    def mutate(root, info, id=None, token=None, checkout_id=None, **kwargs):
        checkout = find_checkout(id or checkout_id, token)
        return mutation_class.run(checkout, lambda: action(info, checkout, **kwargs))

    attributes = {
        "Arguments": type(
            "Arguments",
            (),
            {
                "id": graphene.ID(),
                "token": graphene.UUID(),
                "checkout_id": graphene.ID(deprecation_reason="Use `id`."),
                **arguments,
            },
        ),
        "checkout": graphene.Field(Checkout),
        "errors": graphene.List(graphene.NonNull(CheckoutError), required=True),
        "mutate": staticmethod(mutate),
        "Meta": type("Meta", (), {"description": description}),
    }
    mutation_class = type(name, (CheckoutPayload, graphene.Mutation), attributes)
    return mutation_class


def _lines_add(info, checkout, lines):
    return services.add_lines(
        checkout, [(_variant(line.variant_id), line.quantity) for line in lines]
    )


def _lines_update(info, checkout, lines):
    pairs = []
    for line in lines:
        if line.get("line_id"):
            pk = from_global_id(line["line_id"], "CheckoutLine")
            found = checkout.lines.filter(pk=pk).select_related("variant").first()
            if found is None:
                raise GraphQLError(f"Couldn't resolve to a node: {line['line_id']}")
            variant = found.variant
        else:
            variant = _variant(line["variant_id"])
        pairs.append((variant, line.get("quantity") or 0))
    return services.update_lines(checkout, pairs)


def _lines_delete(info, checkout, lines_ids):
    pks = [from_global_id(line_id, "CheckoutLine") for line_id in lines_ids]
    variants = checkout.lines.filter(pk__in=pks).values_list("variant", flat=True)
    return services.delete_lines(checkout, list(variants))


def _delivery(info, checkout, delivery_method_id=None):
    if delivery_method_id == HOME_DELIVERY_ID:
        return services.choose_delivery_for_all(checkout, home_delivery=True)
    point = WarehouseModel.objects.filter(
        pk=from_global_id(delivery_method_id, "Warehouse")
    ).first()
    if point is None:
        raise GraphQLError(f"Couldn't resolve to a node: {delivery_method_id}")
    return services.choose_delivery_for_all(checkout, pickup_warehouse=point)


CheckoutLinesAdd = checkout_mutation(
    "CheckoutLinesAdd",
    {"lines": graphene.List(graphene.NonNull(CheckoutLineInput), required=True)},
    _lines_add,
    "Adds lines; quantities add up with lines already there.",
)
CheckoutLinesUpdate = checkout_mutation(
    "CheckoutLinesUpdate",
    {"lines": graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)},
    _lines_update,
    "Sets quantities; 0 removes the line.",
)
CheckoutLinesDelete = checkout_mutation(
    "CheckoutLinesDelete",
    {"lines_ids": graphene.List(graphene.NonNull(graphene.ID), required=True)},
    _lines_delete,
)
CheckoutEmailUpdate = checkout_mutation(
    "CheckoutEmailUpdate",
    {"email": graphene.String(required=True)},
    lambda info, checkout, email: services.set_contact(checkout, email=email, phone=checkout.phone),
)
CheckoutShippingAddressUpdate = checkout_mutation(
    "CheckoutShippingAddressUpdate",
    {"shipping_address": AddressInput(required=True)},
    lambda info, checkout, shipping_address: services.set_shipping_address(
        checkout, to_service_address(shipping_address)
    ),
)
CheckoutBillingAddressUpdate = checkout_mutation(
    "CheckoutBillingAddressUpdate",
    {"billing_address": AddressInput(required=True)},
    lambda info, checkout, billing_address: services.set_billing_address(
        checkout, to_service_address(billing_address)
    ),
)
CheckoutDeliveryMethodUpdate = checkout_mutation(
    "CheckoutDeliveryMethodUpdate",
    {"delivery_method_id": graphene.ID()},
    _delivery,
    "Home delivery (each producer's cheapest rate for the address) or a pickup point.",
)


class CheckoutCreate(CheckoutPayload, graphene.Mutation):
    class Arguments:
        input = CheckoutCreateInput(required=True)

    checkout = graphene.Field(Checkout)
    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)

    @staticmethod
    def mutate(root, info, input):
        from marketplace.channels.models import Channel

        channel = Channel.objects.filter(slug=input.get("channel") or "default-channel").first()
        if channel is None:
            return CheckoutCreate(
                checkout=None,
                errors=[
                    {
                        "field": "channel",
                        "code": "MISSING_CHANNEL_SLUG",
                        "message": f"Channel with '{input.get('channel')}' slug does not exist.",
                    }
                ],
            )
        user = info.context.user if info.context.user.is_authenticated else None
        try:
            lines = [
                (_variant(line.variant_id), line.quantity) for line in input.get("lines") or []
            ]
            from django.db import transaction

            with transaction.atomic():
                checkout = services.create_checkout(
                    channel, user=user, email=input.get("email") or "", lines=lines
                )
                if input.get("shipping_address"):
                    services.set_shipping_address(
                        checkout, to_service_address(input["shipping_address"])
                    )
                if input.get("billing_address"):
                    services.set_billing_address(
                        checkout, to_service_address(input["billing_address"])
                    )
        except CommerceError as error:
            return CheckoutCreate(checkout=None, errors=checkout_error(error))
        checkout.refresh_from_db()
        return CheckoutCreate(checkout=checkout, errors=[])


class PaymentInput(graphene.InputObjectType):
    gateway = graphene.String(required=True)
    token = graphene.String()
    amount = graphene.Float()
    return_url = graphene.String()


PaymentErrorCode = graphene.Enum(
    "PaymentErrorCode",
    [
        (name, name)
        for name in (
            "INVALID",
            "NOT_FOUND",
            "NOT_SUPPORTED_GATEWAY",
            "PAYMENT_ERROR",
            "REQUIRED",
            "CHECKOUT_EMAIL_NOT_SET",
            "PARTIAL_PAYMENT_NOT_ALLOWED",
        )
    ],
)
PaymentError = error_type("PaymentError", PaymentErrorCode)


class Payment(graphene.ObjectType):
    id = graphene.ID(required=True)
    gateway = graphene.String(required=True)
    charge_status = graphene.String(required=True)
    total = graphene.Field(Money)


class CheckoutPaymentCreate(graphene.Mutation):
    """Choose how to pay; the payment itself opens when the checkout is completed."""

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        checkout_id = graphene.ID(deprecation_reason="Use `id`.")
        input = PaymentInput(required=True)

    checkout = graphene.Field(Checkout)
    payment = graphene.Field(Payment)
    errors = graphene.List(graphene.NonNull(PaymentError), required=True)

    @staticmethod
    def mutate(root, info, input, id=None, token=None, checkout_id=None):
        checkout = find_checkout(id or checkout_id, token)
        gateway = GATEWAY_IDS.get(input["gateway"])
        if gateway is None:
            return CheckoutPaymentCreate(
                checkout=checkout,
                payment=None,
                errors=[
                    {
                        "field": "gateway",
                        "code": "NOT_SUPPORTED_GATEWAY",
                        "message": f"The gateway {input['gateway']} is not available here.",
                    }
                ],
            )
        try:
            checkout = services.choose_payment(checkout, gateway)
        except CommerceError as error:
            return CheckoutPaymentCreate(
                checkout=checkout,
                payment=None,
                errors=[
                    {"field": "gateway", "code": "NOT_SUPPORTED_GATEWAY", "message": str(error)}
                ],
            )
        totals = _totals(checkout)
        return CheckoutPaymentCreate(
            checkout=checkout,
            errors=[],
            payment={
                "id": base64.b64encode(f"Payment:{checkout.token}".encode()).decode(),
                "gateway": input["gateway"],
                "charge_status": "NOT_CHARGED",
                "total": Money.of(totals.total, totals.currency),
            },
        )


class CheckoutComplete(graphene.Mutation):
    """Place the order. Card and VietQR payments come back with `confirmationNeeded` and
    what the client needs to pay in `confirmationData` (Stripe client secret, VietQR)."""

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        checkout_id = graphene.ID(deprecation_reason="Use `id`.")
        payment_data = graphene.JSONString()
        redirect_url = graphene.String()

    order = graphene.Field("marketplace.graphql.orders.Order")
    confirmation_needed = graphene.Boolean(required=True)
    confirmation_data = graphene.JSONString()
    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)

    @staticmethod
    def mutate(root, info, id=None, token=None, checkout_id=None, **kwargs):
        from marketplace.payments import stripe_gateway

        checkout = find_checkout(id or checkout_id, token)
        try:
            order = complete_checkout(checkout)
            payment = order.payments.order_by("-pk").first()
            data = None
            if payment.gateway == Gateway.STRIPE:
                payment = stripe_gateway.create_payment_intent(payment)
                data = {"client_secret": payment.client_secret, "id": payment.psp_reference}
            elif payment.gateway == Gateway.VIETQR:
                data = {
                    "vietqr_payload": payment.vietqr_payload,
                    "qr_png_base64": base64.b64encode(qr_png(payment.vietqr_payload)).decode(),
                    "transfer_note": order.code,
                }
        except CommerceError as error:
            return CheckoutComplete(
                order=None, confirmation_needed=False, errors=checkout_error(error)
            )
        return CheckoutComplete(
            order=order, confirmation_needed=data is not None, confirmation_data=data, errors=[]
        )


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(Checkout, id=graphene.ID(), token=graphene.UUID())

    @staticmethod
    def resolve_checkout(root, info, id=None, token=None):
        try:
            return find_checkout(id, token)
        except GraphQLError:
            return None


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_payment_create = CheckoutPaymentCreate.Field()
    checkout_complete = CheckoutComplete.Field()
