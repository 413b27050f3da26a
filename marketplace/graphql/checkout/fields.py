"""The rest of Saleor's checkout-side fields, and the types for what we do not model:
gift cards (none are sold here) and stored payment methods (none are kept). A storefront
asking for them gets Saleor's types and empty answers."""

from types import SimpleNamespace

import graphene

from marketplace.graphql.checkout.resolvers import line_total
from marketplace.graphql.core import Money
from marketplace.graphql.core.compat import (
    ObjectWithMetadata,
    ShippingMethodTranslation,
    in_language,
    translation,
    translation_field,
)
from marketplace.graphql.core.enums import JSON, LanguageCodeEnum, Weight
from marketplace.graphql.product.resolvers import editorjs

_LEGACY = "This field will be removed in Saleor 4.0."


class ShippingMethodTypeEnum(graphene.Enum):
    PRICE = "PRICE"
    WEIGHT = "WEIGHT"


def _description(method, info):
    return editorjs(
        "Mỗi chủ thể OCOP gửi kiện của mình; phí tính theo khu vực và khối lượng. / "
        "Each OCOP producer sends its own parcel; priced by area and weight."
    )


class ShippingMethodSaleorFields:
    type = graphene.Field(
        ShippingMethodTypeEnum, deprecation_reason=_LEGACY, resolver=lambda m, info: "WEIGHT"
    )
    description = graphene.JSONString(resolver=_description)
    maximum_order_weight = graphene.Field(
        Weight, deprecation_reason=_LEGACY, resolver=lambda m, info: None
    )
    minimum_order_weight = graphene.Field(
        Weight, deprecation_reason=_LEGACY, resolver=lambda m, info: None
    )
    translation = translation_field(ShippingMethodTranslation)
    maximum_order_price = graphene.Field(Money, resolver=lambda m, info: None)
    minimum_order_price = graphene.Field(Money, resolver=lambda m, info: None)
    message = graphene.String(resolver=lambda m, info: None)

    @staticmethod
    def resolve_translation(method, info, language_code):
        name = in_language(method["name"], language_code)
        return translation(
            "ShippingMethodTranslation", "home-delivery", language_code, name=name, description=None
        )


class WarehouseClickAndCollectOptionEnum(graphene.Enum):
    DISABLED = "DISABLED"
    LOCAL = "LOCAL"
    ALL = "ALL"


class WarehouseSaleorFields:
    """Our warehouses as Saleor sees them: a tourism point's is a collection point that
    hands over the stock it holds (LOCAL)."""

    email = graphene.String(required=True, resolver=lambda w, info: "")
    company_name = graphene.String(
        required=True, deprecation_reason=_LEGACY, resolver=lambda w, info: ""
    )
    click_and_collect_option = graphene.Field(
        WarehouseClickAndCollectOptionEnum,
        required=True,
        resolver=lambda w, info: "LOCAL" if w.is_pickup_point else "DISABLED",
    )
    external_reference = graphene.String(resolver=lambda w, info: None)

    @staticmethod
    def resolve_address(warehouse, info):
        """The warehouse's address in Saleor's Address shape (it has no phone)."""
        province = warehouse.commune
        while province.parent_id is not None and province.level != "province":
            province = province.parent
        return SimpleNamespace(
            pk=f"warehouse-{warehouse.pk}",
            user_id=None,
            full_name=warehouse.name,
            phone="",
            street_address=warehouse.street_address,
            commune=warehouse.commune,
            province=province,
        )


class CreditCard(graphene.ObjectType):
    brand = graphene.String(required=True)
    first_digits = graphene.String()
    last_digits = graphene.String(required=True)
    exp_month = graphene.Int()
    exp_year = graphene.Int()


class TokenizedPaymentFlowEnum(graphene.Enum):
    INTERACTIVE = "INTERACTIVE"


class StoredPaymentMethod(graphene.ObjectType):
    """None are kept: cards are typed into Stripe each time."""

    id = graphene.ID(required=True)
    gateway = graphene.Field("marketplace.graphql.checkout.types.PaymentGateway", required=True)
    payment_method_id = graphene.String(required=True)
    credit_card_info = graphene.Field(CreditCard)
    supported_payment_flows = graphene.List(graphene.NonNull(TokenizedPaymentFlowEnum))
    type = graphene.String(required=True)
    name = graphene.String()
    data = graphene.Field(JSON)


def stored_payment_methods(**kwargs):
    return graphene.List(
        graphene.NonNull(StoredPaymentMethod), resolver=lambda root, info, **args: [], **kwargs
    )


class CheckoutSaleorFields:
    updated_at = graphene.DateTime(required=True, resolver=lambda c, info: c.last_change)
    stock_reservation_expires = graphene.DateTime(
        description="Null: stock is held when the order is placed, not in the cart.",
        resolver=lambda c, info: None,
    )
    tax_exemption = graphene.Boolean(required=True, resolver=lambda c, info: False)
    language_code = graphene.Field(LanguageCodeEnum, required=True, resolver=lambda c, i: "VI")
    display_gross_prices = graphene.Boolean(required=True, resolver=lambda c, info: True)
    stored_payment_methods = stored_payment_methods(
        amount=graphene.Argument("marketplace.graphql.core.enums.PositiveDecimal")
    )


class CheckoutLineSaleorFields:
    undiscounted_total_price = graphene.Field(Money, required=True)
    is_gift = graphene.Boolean(resolver=lambda line, info: False)

    @staticmethod
    def resolve_undiscounted_total_price(line, info):
        return line_total(line)["gross"]


class GiftCardTag(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)


class GiftCard(ObjectWithMetadata, graphene.ObjectType):
    """Saleor's gift card. None are sold or accepted here, so no object ever has this type
    (`Checkout.giftCards`, `Order.giftCards` and `me.giftCards` are always empty)."""

    id = graphene.ID(required=True)
    display_code = graphene.String(required=True)
    last_4_code_chars = graphene.String(required=True, name="last4CodeChars")
    code = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    created_by = graphene.Field("marketplace.graphql.account.schema.User")
    used_by = graphene.Field("marketplace.graphql.account.schema.User", deprecation_reason=_LEGACY)
    created_by_email = graphene.String()
    used_by_email = graphene.String(deprecation_reason=_LEGACY)
    last_used_on = graphene.DateTime()
    expiry_date = graphene.Date()
    product = graphene.Field("marketplace.graphql.product.types.Product")
    tags = graphene.List(graphene.NonNull(GiftCardTag), required=True)
    bought_in_channel = graphene.String()
    is_active = graphene.Boolean(required=True)
    initial_balance = graphene.Field(Money, required=True)
    current_balance = graphene.Field(Money, required=True)
    user = graphene.Field(
        "marketplace.graphql.account.schema.User", deprecation_reason=f"{_LEGACY} Use `createdBy`."
    )
    end_date = graphene.DateTime(deprecation_reason=f"{_LEGACY} Use `expiryDate`.")
    start_date = graphene.DateTime(deprecation_reason=_LEGACY)


def gift_cards_field():
    return graphene.List(graphene.NonNull(GiftCard), resolver=lambda root, info: [])
