"""Saleor's checkout API: the checkout type and its mutations, over our checkout services."""

import base64

import graphene
from django.db import transaction
from graphql import GraphQLError

from catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.checkout import services
from marketplace.checkout.complete import complete_checkout
from marketplace.errors import CommerceError
from marketplace.graphql.addresses import AddressInput, to_service_address
from marketplace.graphql.checkout_types import (
    GATEWAY_IDS,
    HOME_DELIVERY_ID,
    Checkout,
    CheckoutError,
    _totals,
    checkout_error,
    find_checkout,
)
from marketplace.graphql.core import Money, error_type, from_global_id
from marketplace.graphql.transactions import transaction_id
from marketplace.payments import stripe_gateway
from marketplace.payments.models import Gateway
from marketplace.payments.vietqr import qr_png
from marketplace.warehouses.models import Warehouse as WarehouseModel


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
CheckoutCustomerDetach = checkout_mutation(
    "CheckoutCustomerDetach",
    {},
    lambda info, checkout: services.detach_customer(checkout, info.context.user),
    "Removes the signed-in user from their checkout.",
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
            if data is not None:
                data["transaction_id"] = transaction_id(payment)  # for transactionProcess
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
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_payment_create = CheckoutPaymentCreate.Field()
    checkout_complete = CheckoutComplete.Field()
