"""What the payment mutations and types resolve to: a gateway's public data, and finding
a payment by its transaction id (which carries the order's token) or the order's token."""

import hmac

from django.conf import settings

from marketplace.graphql.core import decode_global_id, to_global_id
from marketplace.payments.models import Gateway, Payment


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


def latest_payment(token) -> Payment | None:
    """The latest payment of the order whose token this is (holding it is the right)."""
    if token is None:
        return None
    return (
        Payment.objects.select_related("order").filter(order__token=token).order_by("-pk").first()
    )
