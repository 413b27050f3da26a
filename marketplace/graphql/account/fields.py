"""The rest of Saleor's customer-facing `User` fields: the user's checkouts, language,
dates, and the payment types we keep none of (stored cards, gift cards)."""

import base64

import graphene

from marketplace.graphql.checkout.fields import CreditCard, GiftCard, stored_payment_methods
from marketplace.graphql.checkout.types import Checkout
from marketplace.graphql.core import connection_args, countable_connection, paginate
from marketplace.graphql.core.compat import MetadataItem
from marketplace.graphql.core.enums import LanguageCodeEnum

_LEGACY = "This field will be removed in Saleor 4.0."


class PaymentSource(graphene.ObjectType):
    gateway = graphene.String(required=True)
    payment_method_id = graphene.String()
    credit_card_info = graphene.Field(CreditCard)
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)


GiftCardCountableConnection = countable_connection(GiftCard, "GiftCard")


def _checkouts(user, channel=None):
    from marketplace.checkout.models import Checkout

    checkouts = Checkout.objects.filter(user=user, completed_order__isnull=True)
    if channel:
        checkouts = checkouts.filter(channel__slug=channel)
    return checkouts.select_related("channel").order_by("-last_change")


class UserSaleorFields:
    checkout = graphene.Field(
        "marketplace.graphql.checkout.types.Checkout",
        deprecation_reason=f"{_LEGACY} Use the `checkoutTokens` field.",
        resolver=lambda user, info: _checkouts(user).first(),
    )
    checkout_tokens = graphene.List(
        graphene.NonNull(graphene.UUID),
        channel=graphene.String(),
        deprecation_reason=f"{_LEGACY} Use `checkoutIds` instead.",
        resolver=lambda user, info, channel=None: [c.token for c in _checkouts(user, channel)],
    )
    checkout_ids = graphene.List(
        graphene.NonNull(graphene.ID),
        channel=graphene.String(),
        resolver=lambda user, info, channel=None: [
            base64.b64encode(f"Checkout:{c.token}".encode()).decode()
            for c in _checkouts(user, channel)
        ],
    )
    checkouts = graphene.Field(
        graphene.NonNull("marketplace.graphql.account.fields.CheckoutCountableConnection"),
        channel=graphene.String(),
        **connection_args(),
    )
    gift_cards = graphene.Field(
        GiftCardCountableConnection,
        resolver=lambda user, info, **page: paginate([], **page),
        **connection_args(),
    )
    stored_payment_sources = graphene.List(
        graphene.NonNull(PaymentSource),
        channel=graphene.String(),
        resolver=lambda user, info, channel=None: [],
    )
    stored_payment_methods = stored_payment_methods(channel=graphene.String(required=True))
    language_code = graphene.Field(LanguageCodeEnum, required=True, resolver=lambda u, i: "VI")
    external_reference = graphene.String(resolver=lambda user, info: None)
    last_login = graphene.DateTime(resolver=lambda user, info: user.last_login)
    updated_at = graphene.DateTime(
        required=True, resolver=lambda user, info: user.last_login or user.date_joined
    )

    @staticmethod
    def resolve_checkouts(user, info, channel=None, **page):
        return paginate(_checkouts(user, channel), **page)


CheckoutCountableConnection = countable_connection(Checkout, "Checkout")
