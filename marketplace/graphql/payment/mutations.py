"""Saleor's newer payment calls, mapped onto our flow: the checkout records the chosen
gateway (`transactionInitialize`), `checkoutComplete` opens the payment and returns what
the client needs, and `transactionProcess` asks the gateway again (a webhook fallback)."""

import hmac

import graphene
from django.conf import settings

from marketplace.checkout.services import choose_payment
from marketplace.errors import CommerceError
from marketplace.graphql.checkout.types import GATEWAY_IDS, find_checkout
from marketplace.graphql.core import decode_global_id, to_global_id
from marketplace.graphql.core.enums import JSON, PositiveDecimal
from marketplace.graphql.payment.types import (
    PaymentGatewayConfigError,
    PaymentGatewayInitializeError,
    TransactionEvent,
    TransactionFlowStrategyEnum,
    TransactionInitializeError,
    TransactionItem,
    TransactionProcessError,
    latest_event,
)
from marketplace.payments import stripe_gateway
from marketplace.payments.models import Gateway, Payment, PaymentStatus


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(required=True)
    data = graphene.Field(JSON)


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True)
    data = graphene.Field(JSON)
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))


def gateway_data(gateway: str) -> dict:
    if gateway == Gateway.STRIPE:
        return {"publishableKey": settings.STRIPE_PUBLISHABLE_KEY}
    if gateway == Gateway.VIETQR:
        return {
            "bankBin": settings.VIETQR_BANK_BIN,
            "accountName": settings.VIETQR_ACCOUNT_NAME,
            "note": "The QR and transfer note come with checkoutComplete.",
        }
    return {}


class PaymentGatewayInitialize(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        amount = PositiveDecimal()
        payment_gateways = graphene.List(graphene.NonNull(PaymentGatewayToInitialize))

    gateway_configs = graphene.List(graphene.NonNull(PaymentGatewayConfig))
    errors = graphene.List(graphene.NonNull(PaymentGatewayInitializeError), required=True)

    @staticmethod
    def mutate(root, info, id, amount=None, payment_gateways=None):
        checkout = find_checkout(id)
        offered = [f"ocop.payments.{gateway}" for gateway in checkout.channel.payment_gateways]
        wanted = [entry["id"] for entry in payment_gateways or []] or offered
        return PaymentGatewayInitialize(
            errors=[],
            gateway_configs=[_config(gateway_id, offered) for gateway_id in wanted],
        )


def _config(gateway_id: str, offered: list[str]) -> dict:
    """A gateway's config, or Saleor's per-gateway NOT_FOUND error when the channel does not
    offer it."""
    if gateway_id in offered:
        return {"id": gateway_id, "data": gateway_data(GATEWAY_IDS[gateway_id]), "errors": []}
    message = f"Cổng {gateway_id} không có ở kênh này / {gateway_id} is not offered here."
    error = {"field": "id", "code": "NOT_FOUND", "message": message}
    return {"id": gateway_id, "data": None, "errors": [error]}


def transaction_id(payment: Payment) -> str:
    """A payment's id carries its order's token, as Saleor's transaction ids are
    unguessable: holding the id is the right to ask about the payment."""
    return to_global_id("TransactionItem", f"{payment.pk}.{payment.order.token}")


def find_payment(info, global_id: str) -> Payment | None:
    """The payment the id names, when the id carries its order's token or the caller is
    the order's buyer or payments staff; None alike for a missing or a foreign one."""
    decoded = decode_global_id(global_id)
    if decoded is None or decoded[0] != "TransactionItem":
        return None
    pk, _, token = decoded[1].partition(".")
    if not pk.isdigit() or len(pk) > 18:
        return None
    payment = Payment.objects.select_related("order").filter(pk=int(pk)).first()
    if payment is None:
        return None
    if token and hmac.compare_digest(token, str(payment.order.token)):
        return payment
    user = info.context.user
    if user.is_authenticated and (
        payment.order.user_id == user.pk
        or (user.is_staff and user.has_perm("payments.change_payment"))
    ):
        return payment
    return None


class TransactionInitialize(graphene.Mutation):
    """On a checkout: choose the gateway (the payment opens at checkoutComplete)."""

    class Arguments:
        id = graphene.ID(required=True)
        payment_gateway = PaymentGatewayToInitialize(required=True)
        amount = PositiveDecimal()
        action = TransactionFlowStrategyEnum()
        customer_ip_address = graphene.String()
        idempotency_key = graphene.String()

    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(
        TransactionEvent, description="Null: the payment opens with checkoutComplete."
    )
    data = graphene.Field(JSON)
    errors = graphene.List(graphene.NonNull(TransactionInitializeError), required=True)

    @staticmethod
    def mutate(root, info, id, payment_gateway, **kwargs):
        checkout = find_checkout(id)
        gateway = GATEWAY_IDS.get(payment_gateway["id"])
        try:
            choose_payment(checkout, gateway or payment_gateway["id"])
        except CommerceError as error:
            return TransactionInitialize(
                errors=[{"field": "paymentGateway", "code": "INVALID", "message": str(error)}]
            )
        return TransactionInitialize(
            errors=[], transaction=None, data={**gateway_data(gateway), "next": "checkoutComplete"}
        )


class TransactionProcess(graphene.Mutation):
    """Ask the gateway for the payment's state now (used when a webhook is late)."""

    class Arguments:
        id = graphene.ID(description="The TransactionItem ID of an order payment.")
        token = graphene.UUID(description="The order's token: its latest payment.")
        customer_ip_address = graphene.String()
        data = graphene.Argument(JSON)

    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = graphene.Field(JSON)
    errors = graphene.List(graphene.NonNull(TransactionProcessError), required=True)

    @staticmethod
    def mutate(root, info, id=None, token=None, data=None, customer_ip_address=None):
        payment = find_payment(info, id) if id else _latest_payment(token)
        if payment is None:
            message = "Không tìm thấy giao dịch / Transaction not found."
            return TransactionProcess(
                errors=[{"field": "id", "code": "NOT_FOUND", "message": message}]
            )
        pending = payment.status == PaymentStatus.PENDING
        if pending and payment.gateway == Gateway.STRIPE and payment.psp_reference:
            intent = stripe_gateway.client().v1.payment_intents.retrieve(payment.psp_reference)
            if intent.status == "succeeded":
                stripe_gateway.HANDLERS["payment_intent.succeeded"](intent.to_dict())
            payment.refresh_from_db()
        return TransactionProcess(
            transaction=payment,
            transaction_event=latest_event(payment),
            errors=[],
            data={"status": payment.status},
        )


def _latest_payment(token) -> Payment | None:
    """The latest payment of the order whose token this is (holding it is the right)."""
    if token is None:
        return None
    return (
        Payment.objects.select_related("order").filter(order__token=token).order_by("-pk").first()
    )


class TransactionMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
