"""Saleor's newer payment calls, mapped onto our flow: the checkout records the chosen
gateway (`transactionInitialize`), `checkoutComplete` opens the payment and returns what
the client needs, and `transactionProcess` asks the gateway again (a webhook fallback)."""

import graphene

from marketplace.checkout.services import choose_payment
from marketplace.errors import CommerceError
from marketplace.graphql.checkout.resolvers import GATEWAY_IDS, find_checkout
from marketplace.graphql.core.enums import JSON, PositiveDecimal
from marketplace.graphql.payment.resolvers import (
    find_payment,
    gateway_data,
    latest_payment,
)
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
from marketplace.payments.models import Gateway, PaymentStatus


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(required=True)
    data = graphene.Field(JSON)


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True)
    data = graphene.Field(JSON)
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))


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
        payment = find_payment(info, id) if id else latest_payment(token)
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


class TransactionMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
