"""What the checkout's GraphQL types resolve to, apart from the types themselves: finding a
checkout by id or token, its totals (computed once per request), gateways, the home
delivery method, and our errors in Saleor's codes. Types, mixins and mutations import
this module, never each other."""

import base64
import binascii
import uuid

from django.conf import settings
from graphql import GraphQLError

from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.checkout.totals import compute_totals
from marketplace.errors import CommerceError
from marketplace.graphql.core import Money, TaxedMoney, errors_from
from marketplace.money import quantize
from marketplace.payments.models import Gateway

CODES = {
    "required": "REQUIRED",
    "invalid": "INVALID",
    "not_found": "NOT_FOUND",
    "channel_inactive": "CHANNEL_INACTIVE",
    "quantity_not_positive": "ZERO_QUANTITY",
    "insufficient_stock": "INSUFFICIENT_STOCK",
    "product_not_published": "PRODUCT_NOT_PUBLISHED",
    "product_not_available_for_purchase": "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
    "checkout_expired": "NOT_FOUND",  # Saleor deletes expired checkouts
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
    "country_not_served": "INVALID",
    "payment_required": "CHECKOUT_NOT_FULLY_PAID",  # Saleor's answer when nothing pays
}
GATEWAY_IDS = {f"ocop.payments.{gateway}": gateway for gateway in Gateway.values}
HOME_DELIVERY_ID = base64.b64encode(b"ShippingMethod:home-delivery").decode()
HOME_DELIVERY_NAME = "Giao tận nhà (mỗi chủ thể gửi riêng) / Home delivery, one parcel per producer"


def checkout_error(error: CommerceError, **extra) -> list[dict]:
    return errors_from(error, CODES, "INVALID", **extra)


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


def checkout_totals(checkout):
    cache = checkout.__dict__.setdefault("_graphql_totals", None)
    if cache is None:
        cache = compute_totals(checkout, skip_unavailable=True)
        checkout.__dict__["_graphql_totals"] = cache
    return cache


def line_price(line) -> tuple:
    """(unit price, currency) of a checkout line, from its checkout's totals."""
    return checkout_totals(line.checkout).unit_prices[
        line.variant_id
    ], line.checkout.channel.currency


def line_total(line) -> dict:
    """A line's total as TaxedMoney, at its product group's VAT rate (read with the totals,
    which load every line's group once)."""
    price, currency = line_price(line)
    rate = checkout_totals(line.checkout).vat_rates[line.variant_id]
    return TaxedMoney.of(quantize(price * line.quantity, currency), currency, rate=rate)


def home_delivery(price, currency: str, name: str = "") -> dict:
    """The one shipping method a Saleor client sees: home delivery, each producer sending
    its own parcel, at `price` for them all."""
    return {
        "id": HOME_DELIVERY_ID,
        "name": name or HOME_DELIVERY_NAME,
        "price": Money.of(price, currency),
        "active": True,
        "minimum_delivery_days": 1,
        "maximum_delivery_days": 5,
    }


def gateways_of(channel) -> list[dict]:
    return [
        {
            "id": f"ocop.payments.{gateway}",
            "name": Gateway(gateway).label,
            "config": _gateway_config(gateway),
            "currencies": [channel.currency],
        }
        for gateway in channel.payment_gateways
    ]


def _gateway_config(gateway: str) -> list[dict]:
    if gateway == Gateway.STRIPE:
        return [{"field": "api_key", "value": settings.STRIPE_PUBLISHABLE_KEY}]
    return []
