"""Saleor's transaction types over our payments: a TransactionItem is one payment of an
order, its events the payment's log (opened, captured, refunded, failed…)."""

import graphene

from marketplace.graphql.core import Money, error_type, to_global_id
from marketplace.graphql.core.compat import ObjectWithMetadata
from marketplace.graphql.payment.resolvers import transaction_id
from marketplace.payments.models import Payment, PaymentStatus


def _enum(name, values):
    return graphene.Enum(name, [(value, value) for value in values.split()])


TransactionActionEnum = _enum("TransactionActionEnum", "CHARGE REFUND CANCEL")
TransactionEventTypeEnum = _enum(
    "TransactionEventTypeEnum",
    "AUTHORIZATION_SUCCESS AUTHORIZATION_FAILURE AUTHORIZATION_ADJUSTMENT AUTHORIZATION_REQUEST "
    "AUTHORIZATION_ACTION_REQUIRED CHARGE_ACTION_REQUIRED CHARGE_SUCCESS CHARGE_FAILURE "
    "CHARGE_BACK CHARGE_REQUEST REFUND_SUCCESS REFUND_FAILURE REFUND_REVERSE REFUND_REQUEST "
    "CANCEL_SUCCESS CANCEL_FAILURE CANCEL_REQUEST INFO",
)
TransactionFlowStrategyEnum = _enum("TransactionFlowStrategyEnum", "AUTHORIZATION CHARGE")
_CODES = "GRAPHQL_ERROR INVALID NOT_FOUND"
PaymentGatewayConfigError = error_type(
    "PaymentGatewayConfigError", _enum("PaymentGatewayConfigErrorCode", _CODES)
)
PaymentGatewayInitializeError = error_type(
    "PaymentGatewayInitializeError", _enum("PaymentGatewayInitializeErrorCode", _CODES)
)
TransactionInitializeError = error_type(
    "TransactionInitializeError",
    _enum("TransactionInitializeErrorCode", f"{_CODES} UNIQUE CHECKOUT_COMPLETION_IN_PROGRESS"),
)
TransactionProcessError = error_type(
    "TransactionProcessError",
    _enum(
        "TransactionProcessErrorCode",
        f"{_CODES} TRANSACTION_ALREADY_PROCESSED MISSING_PAYMENT_APP_RELATION "
        "MISSING_PAYMENT_APP CHECKOUT_COMPLETION_IN_PROGRESS",
    ),
)

# Our payment log kinds as Saleor's event types.
EVENT_TYPES = {
    "opened": "CHARGE_REQUEST",
    "captured": "CHARGE_SUCCESS",
    "failed": "CHARGE_FAILURE",
    "refunded": "REFUND_SUCCESS",
    "needs_review": "CHARGE_ACTION_REQUIRED",
}


class TransactionEvent(graphene.ObjectType):
    id = graphene.ID(required=True)
    created_at = graphene.DateTime(required=True)
    psp_reference = graphene.String(required=True)
    message = graphene.String(required=True)
    external_url = graphene.String(required=True)
    amount = graphene.Field(Money, required=True)
    type = graphene.Field(TransactionEventTypeEnum)
    idempotency_key = graphene.String()

    @staticmethod
    def of(event, currency: str) -> dict:
        return {
            "id": to_global_id("TransactionEvent", event.pk),
            "created_at": event.created_at,
            "psp_reference": event.psp_reference or event.payment.psp_reference or "",
            "message": str(event.detail.get("message", "")) if event.detail else "",
            "external_url": "",
            "amount": Money.of(event.amount or 0, currency),
            "type": EVENT_TYPES.get(event.type, "INFO"),
            "idempotency_key": None,
        }


def _money(payment, amount):
    return Money.of(amount, payment.currency)


def _pending(payment):
    waiting = payment.status in (PaymentStatus.PENDING, PaymentStatus.AWAITING_TRANSFER)
    return payment.amount - payment.captured_amount if waiting else 0


class TransactionItem(ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    token = graphene.UUID(required=True, description="The order's token.")
    created_at = graphene.DateTime(required=True, resolver=lambda p, info: p.created_at)
    modified_at = graphene.DateTime(required=True)
    actions = graphene.List(
        graphene.NonNull(TransactionActionEnum),
        required=True,
        description="Empty: refunds go through the programme office.",
        resolver=lambda payment, info: [],
    )
    authorized_amount = graphene.Field(Money, required=True, resolver=lambda p, i: _money(p, 0))
    authorize_pending_amount = graphene.Field(
        Money, required=True, resolver=lambda p, i: _money(p, 0)
    )
    refunded_amount = graphene.Field(
        Money, required=True, resolver=lambda p, i: _money(p, p.refunded_amount)
    )
    refund_pending_amount = graphene.Field(Money, required=True, resolver=lambda p, i: _money(p, 0))
    canceled_amount = graphene.Field(
        Money,
        required=True,
        resolver=lambda p, i: _money(p, p.amount if p.status == PaymentStatus.CANCELLED else 0),
    )
    cancel_pending_amount = graphene.Field(Money, required=True, resolver=lambda p, i: _money(p, 0))
    charged_amount = graphene.Field(
        Money, required=True, resolver=lambda p, i: _money(p, p.captured_amount)
    )
    charge_pending_amount = graphene.Field(
        Money, required=True, resolver=lambda p, i: _money(p, _pending(p))
    )
    name = graphene.String(required=True, resolver=lambda payment, info: payment.gateway)
    message = graphene.String(required=True, resolver=lambda p, info: p.review_reason or "")
    psp_reference = graphene.String(required=True, resolver=lambda p, info: p.psp_reference or "")
    order = graphene.Field(
        "marketplace.graphql.order.types.Order", resolver=lambda p, info: p.order
    )
    checkout = graphene.Field(
        "marketplace.graphql.checkout.types.Checkout", resolver=lambda p, info: None
    )
    events = graphene.List(graphene.NonNull(TransactionEvent), required=True)
    external_url = graphene.String(required=True, resolver=lambda p, info: "")

    @staticmethod
    def resolve_id(payment, info):
        return transaction_id(payment)

    @staticmethod
    def resolve_token(payment, info):
        return payment.order.token

    @staticmethod
    def resolve_modified_at(payment, info):
        latest = payment.events.order_by("-created_at").values_list("created_at", flat=True)
        return latest.first() or payment.created_at

    @staticmethod
    def resolve_events(payment, info):
        events = payment.events.select_related("payment").order_by("created_at", "pk")
        return [TransactionEvent.of(event, payment.currency) for event in events]


def latest_event(payment: Payment) -> dict | None:
    event = payment.events.select_related("payment").order_by("-created_at", "-pk").first()
    return TransactionEvent.of(event, payment.currency) if event else None
