"""Saleor's checkout API: the checkout type and its mutations, over our checkout services."""

import base64

import graphene
from django.db import transaction
from django.utils import timezone
from graphql import GraphQLError

from catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.checkout import services
from marketplace.checkout.complete import complete_checkout
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.graphql.account.addresses import AddressInput, to_service_address
from marketplace.graphql.checkout.resolvers import (
    GATEWAY_IDS,
    HOME_DELIVERY_ID,
    checkout_error,
    checkout_totals,
    find_checkout,
)
from marketplace.graphql.checkout.types import (
    Checkout,
    CheckoutError,
)
from marketplace.graphql.core import (
    decode_global_id,
    error_type,
    from_global_id,
    legacy_errors,
)
from marketplace.graphql.core.compat import LanguageCodeEnum, MetadataInput
from marketplace.graphql.core.enums import PositiveDecimal
from marketplace.graphql.order.fields import Payment
from marketplace.graphql.payment.resolvers import transaction_id
from marketplace.payments import stripe_gateway
from marketplace.payments.models import Gateway
from marketplace.payments.models import Payment as PaymentModel
from marketplace.payments.vietqr import qr_png
from marketplace.warehouses.models import Warehouse as WarehouseModel


class CheckoutAddressValidationRules(graphene.InputObjectType):
    """Accepted for Saleor clients; our addresses are always checked in full."""

    check_required_fields = graphene.Boolean(default_value=True)
    check_fields_format = graphene.Boolean(default_value=True)
    enable_fields_normalization = graphene.Boolean(default_value=True)


class CheckoutValidationRules(graphene.InputObjectType):
    shipping_address = graphene.Field(CheckoutAddressValidationRules)
    billing_address = graphene.Field(CheckoutAddressValidationRules)


_PRICE_NOTE = "Custom prices are for apps; a storefront's is refused (CheckoutError INVALID)."


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    variant_id = graphene.ID(required=True)
    price = PositiveDecimal(description=_PRICE_NOTE)
    force_new_line = graphene.Boolean(default_value=False)
    metadata = graphene.List(graphene.NonNull(MetadataInput))


class CheckoutLineUpdateInput(graphene.InputObjectType):
    quantity = graphene.Int()
    variant_id = graphene.ID()
    line_id = graphene.ID()
    price = PositiveDecimal(description=_PRICE_NOTE)


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    email = graphene.String()
    shipping_address = graphene.Field(AddressInput)
    billing_address = graphene.Field(AddressInput)
    language_code = graphene.Field(LanguageCodeEnum)
    validation_rules = graphene.Field(CheckoutValidationRules)


def _no_custom_prices(lines) -> None:
    for line in lines or []:
        if line.get("price") is not None:
            raise CommerceError(
                CommerceErrorCode.INVALID,
                "price",
                detail="giá do cửa hàng đặt / prices are set by the shop",
            )


def _variant(variant_id) -> ProductVariant:
    decoded = decode_global_id(variant_id or "")
    variant = None
    if decoded and decoded[0] == "ProductVariant" and decoded[1].isdigit():
        variant = ProductVariant.objects.select_related("product").filter(pk=decoded[1]).first()
    if variant is None:
        raise CommerceError(
            CommerceErrorCode.NOT_FOUND, "variant_id", what=f"ProductVariant {variant_id}"
        )
    return variant


class CheckoutPayload:
    """Shared shape: `{ checkout errors }`; a CommerceError becomes the errors list."""

    @classmethod
    def run(cls, checkout, action, **extra):
        try:
            result = action()
        except CommerceError as error:
            checkout.refresh_from_db()
            return cls(checkout=checkout, errors=checkout_error(error, **extra))
        return cls(checkout=result or checkout, errors=[])


def checkout_mutation(name, arguments: dict, action, description="", address_type=None):
    """A Saleor checkout mutation `name(id, token, ...) { checkout errors }`."""
    extra = {"address_type": address_type} if address_type else {}

    def mutate(root, info, id=None, token=None, checkout_id=None, **kwargs):
        kwargs.pop("validation_rules", None)  # our addresses are always checked in full
        checkout = find_checkout(id or checkout_id, token)
        return mutation_class.run(checkout, lambda: action(info, checkout, **kwargs), **extra)

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
        "checkout_errors": legacy_errors(CheckoutError),
        "mutate": staticmethod(mutate),
        "Meta": type("Meta", (), {"description": description}),
    }
    mutation_class = type(name, (CheckoutPayload, graphene.Mutation), attributes)
    return mutation_class


def _lines_add(info, checkout, lines):
    _no_custom_prices(lines)
    return services.add_lines(
        checkout, [(_variant(line.variant_id), line.quantity) for line in lines]
    )


def _lines_update(info, checkout, lines):
    _no_custom_prices(lines)
    pairs = []
    for line in lines:
        if line.get("line_id"):
            pk = from_global_id(line["line_id"], "CheckoutLine")
            found = checkout.lines.filter(pk=pk).select_related("variant").first()
            if found is None:
                raise CommerceError(
                    CommerceErrorCode.NOT_FOUND, "line_id", what=f"CheckoutLine {line['line_id']}"
                )
            variant = found.variant
        else:
            variant = _variant(line["variant_id"])
        pairs.append((variant, line.get("quantity") or 0))
    return services.update_lines(checkout, pairs)


def _lines_delete(info, checkout, lines_ids):
    decoded = [decode_global_id(line_id) for line_id in lines_ids]
    pks = {int(d[1]) for d in decoded if d and d[0] == "CheckoutLine" and d[1].isdigit()}
    found = dict(checkout.lines.filter(pk__in=pks).values_list("pk", "variant"))
    missing = [
        line_id
        for line_id, d in zip(lines_ids, decoded, strict=True)
        if not (d and d[1].isdigit() and int(d[1]) in found)
    ]
    if missing:
        raise CommerceError(
            CommerceErrorCode.NOT_FOUND, "line_id", what=f"CheckoutLine {', '.join(missing)}"
        )
    return services.delete_lines(checkout, list(found.values()))


def _shipping_method(info, checkout, shipping_method_id):
    if shipping_method_id != HOME_DELIVERY_ID:
        raise CommerceError(
            CommerceErrorCode.NOT_FOUND,
            "shipping_method_id",
            what=f"ShippingMethod {shipping_method_id} (giao tận nhà: {HOME_DELIVERY_ID})",
        )
    return services.choose_delivery_for_all(checkout, home_delivery=True)


def _add_promo_code(info, checkout, promo_code):
    """No vouchers or gift cards here: every code is unknown, Saleor's answer to one."""
    raise CommerceError(
        CommerceErrorCode.INVALID,
        "promo_code",
        detail="mã khuyến mại không tồn tại / no such voucher or gift card",
    )


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
CheckoutLineDelete = checkout_mutation(
    "CheckoutLineDelete",
    {"line_id": graphene.ID()},
    lambda info, checkout, line_id=None: _lines_delete(info, checkout, [line_id or ""]),
)
CheckoutCustomerAttach = checkout_mutation(
    "CheckoutCustomerAttach",
    {"customer_id": graphene.ID(description="Staff and apps only; a customer attaches self.")},
    lambda info, checkout, customer_id=None: services.attach_customer(
        checkout, info.context.user if customer_id is None else None
    ),
    "Puts the checkout on the signed-in customer's account.",
)
CheckoutShippingMethodUpdate = checkout_mutation(
    "CheckoutShippingMethodUpdate",
    {"shipping_method_id": graphene.ID(required=True)},
    _shipping_method,
    "Home delivery (for pickup at a tourism point use checkoutDeliveryMethodUpdate).",
)
CheckoutAddPromoCode = checkout_mutation(
    "CheckoutAddPromoCode", {"promo_code": graphene.String(required=True)}, _add_promo_code
)
CheckoutRemovePromoCode = checkout_mutation(
    "CheckoutRemovePromoCode",
    {"promo_code": graphene.String(), "promo_code_id": graphene.ID()},
    lambda info, checkout, **codes: checkout,  # nothing can have been applied
)
_RULES = {"validation_rules": graphene.Argument(CheckoutAddressValidationRules)}
CheckoutShippingAddressUpdate = checkout_mutation(
    "CheckoutShippingAddressUpdate",
    {"shipping_address": AddressInput(required=True), **_RULES},
    lambda info, checkout, shipping_address: services.set_shipping_address(
        checkout, to_service_address(shipping_address)
    ),
    address_type="SHIPPING",
)
CheckoutBillingAddressUpdate = checkout_mutation(
    "CheckoutBillingAddressUpdate",
    {"billing_address": AddressInput(required=True), **_RULES},
    lambda info, checkout, billing_address: services.set_billing_address(
        checkout, to_service_address(billing_address)
    ),
    address_type="BILLING",
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
    created = graphene.Boolean(deprecation_reason="Always true: every call creates a new checkout.")
    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)
    checkout_errors = legacy_errors(CheckoutError)

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
        address_type = None
        try:
            _no_custom_prices(input.get("lines"))
            lines = [
                (_variant(line.variant_id), line.quantity) for line in input.get("lines") or []
            ]
            with transaction.atomic():
                checkout = services.create_checkout(
                    channel, user=user, email=input.get("email") or "", lines=lines
                )
                if input.get("shipping_address"):
                    address_type = "SHIPPING"
                    services.set_shipping_address(
                        checkout, to_service_address(input["shipping_address"])
                    )
                if input.get("billing_address"):
                    address_type = "BILLING"
                    services.set_billing_address(
                        checkout, to_service_address(input["billing_address"])
                    )
        except CommerceError as error:
            extra = {"address_type": address_type} if error.field == "country" else {}
            return CheckoutCreate(checkout=None, errors=checkout_error(error, **extra))
        checkout.refresh_from_db()
        return CheckoutCreate(checkout=checkout, created=True, errors=[])


class StorePaymentMethodEnum(graphene.Enum):
    ON_SESSION = "ON_SESSION"
    OFF_SESSION = "OFF_SESSION"
    NONE = "NONE"


class PaymentInput(graphene.InputObjectType):
    gateway = graphene.String(required=True)
    token = graphene.String()
    amount = PositiveDecimal()
    return_url = graphene.String()
    store_payment_method = graphene.Field(
        StorePaymentMethodEnum,
        default_value="NONE",
        description="Only NONE: no payment method is stored here.",
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput))


PaymentErrorCode = graphene.Enum(
    "PaymentErrorCode",
    [
        (name, name)
        for name in (
            "BILLING_ADDRESS_NOT_SET",
            "GRAPHQL_ERROR",
            "INVALID",
            "NOT_FOUND",
            "REQUIRED",
            "UNIQUE",
            "PARTIAL_PAYMENT_NOT_ALLOWED",
            "SHIPPING_ADDRESS_NOT_SET",
            "INVALID_SHIPPING_METHOD",
            "SHIPPING_METHOD_NOT_SET",
            "PAYMENT_ERROR",
            "NOT_SUPPORTED_GATEWAY",
            "CHANNEL_INACTIVE",
            "BALANCE_CHECK_ERROR",
            "CHECKOUT_EMAIL_NOT_SET",
            "UNAVAILABLE_VARIANT_IN_CHANNEL",
            "NO_CHECKOUT_LINES",
            "CHECKOUT_COMPLETION_IN_PROGRESS",
        )
    ],
)
PaymentError = error_type(
    "PaymentError", PaymentErrorCode, variants=graphene.List(graphene.NonNull(graphene.ID))
)


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
    payment_errors = legacy_errors(PaymentError)

    @staticmethod
    def mutate(root, info, input, id=None, token=None, checkout_id=None):
        checkout = find_checkout(id or checkout_id, token)
        gateway = GATEWAY_IDS.get(input["gateway"])
        stored = getattr(
            input.get("store_payment_method"), "value", input.get("store_payment_method")
        )
        if stored not in (None, "NONE"):
            return CheckoutPaymentCreate(
                checkout=checkout,
                payment=None,
                errors=[
                    {
                        "field": "storePaymentMethod",
                        "code": "INVALID",
                        "message": "Không lưu phương thức thanh toán / "
                        "Payment methods are not stored here.",
                    }
                ],
            )
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
        totals = checkout_totals(checkout)
        payment = PaymentModel(
            gateway=gateway,
            status="pending",
            amount=totals.total,
            currency=totals.currency,
            created_at=timezone.now(),
        )
        payment.graphql_id = base64.b64encode(f"Payment:{checkout.token}".encode()).decode()
        return CheckoutPaymentCreate(checkout=checkout, errors=[], payment=payment)


class CheckoutComplete(graphene.Mutation):
    """Place the order. Card and VietQR payments come back with `confirmationNeeded` and
    what the client needs to pay in `confirmationData` (Stripe client secret, VietQR)."""

    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        checkout_id = graphene.ID(deprecation_reason="Use `id`.")
        payment_data = graphene.JSONString()
        redirect_url = graphene.String()
        metadata = graphene.List(graphene.NonNull(MetadataInput))
        store_source = graphene.Boolean(
            default_value=False,
            deprecation_reason="Use checkoutPaymentCreate for this action.",
        )

    order = graphene.Field("marketplace.graphql.order.types.Order")
    confirmation_needed = graphene.Boolean(required=True)
    confirmation_data = graphene.JSONString()
    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)
    checkout_errors = legacy_errors(CheckoutError)

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
    checkout_line_delete = CheckoutLineDelete.Field()
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_shipping_method_update = CheckoutShippingMethodUpdate.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_payment_create = CheckoutPaymentCreate.Field()
    checkout_complete = CheckoutComplete.Field()
