"""The rest of Saleor's Order, OrderLine, Fulfillment and Payment fields, answered from our
orders: money totals from the order's payments, delivery from each producer's part, no
discounts, vouchers, invoices or digital goods (none exist here)."""

from decimal import Decimal

import graphene

from marketplace.graphql.checkout.resolvers import home_delivery
from marketplace.graphql.core import Money, TaxedMoney, to_global_id
from marketplace.graphql.core.compat import MetadataItem, ObjectWithMetadata, is_english
from marketplace.graphql.core.enums import LanguageCodeEnum, PositiveDecimal, Weight
from marketplace.graphql.core.loaders import ImagesByProductIdLoader, loader
from marketplace.graphql.core.media import image_url
from marketplace.graphql.order.resolvers import order_amount
from marketplace.orders import vat
from marketplace.orders.models import ChargeStatus
from marketplace.taxes import DELIVERY_VAT_RATE

_LEGACY = "This field will be removed in Saleor 4.0."
_CHECKOUT = "marketplace.graphql.checkout.types"


def _enum(name, values):
    return graphene.Enum(name, [(value, value) for value in values.split()])


OrderAction = _enum("OrderAction", "CAPTURE MARK_AS_PAID REFUND VOID")
JobStatusEnum = _enum("JobStatusEnum", "PENDING SUCCESS FAILED DELETED")
OrderOriginEnum = _enum("OrderOriginEnum", "CHECKOUT DRAFT REISSUE BULK_CREATE")
OrderAuthorizeStatusEnum = _enum("OrderAuthorizeStatusEnum", "NONE PARTIAL FULL")
OrderChargeStatusEnum = _enum("OrderChargeStatusEnum", "NONE PARTIAL FULL OVERCHARGED")
OrderDiscountType = _enum("OrderDiscountType", "SALE VOUCHER MANUAL PROMOTION ORDER_PROMOTION")
DiscountValueTypeEnum = _enum("DiscountValueTypeEnum", "FIXED PERCENTAGE")

ORDER_CHARGE = {
    ChargeStatus.NONE: "NONE",
    ChargeStatus.PARTIAL: "PARTIAL",
    ChargeStatus.FULL: "FULL",
    ChargeStatus.REFUNDED: "FULL",
    ChargeStatus.OVERCHARGED: "OVERCHARGED",
}


class Invoice(ObjectWithMetadata, graphene.ObjectType):
    """Saleor's invoice; e-invoices (hoá đơn điện tử) are issued outside this system."""

    id = graphene.ID(required=True)
    status = graphene.Field(JobStatusEnum, required=True)
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    message = graphene.String()
    number = graphene.String()
    external_url = graphene.String(deprecation_reason=f"{_LEGACY} Use `url` field.")
    url = graphene.String()
    order = graphene.Field("marketplace.graphql.order.types.Order")


class OrderDiscount(graphene.ObjectType):
    id = graphene.ID(required=True)
    type = graphene.Field(OrderDiscountType, required=True)
    name = graphene.String()
    translated_name = graphene.String()
    value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    value = graphene.Field(PositiveDecimal, required=True)
    reason = graphene.String()
    amount = graphene.Field(Money, required=True)


def _money(order, amount):
    return Money.of(amount, order.currency)


def _zero(order, info=None):
    return _money(order, 0)


def _deliveries(order):
    """The order's parts with their pickup points, read once per order and request."""
    if "_graphql_deliveries" not in order.__dict__:
        parts = order.producer_orders.select_related("pickup_warehouse").order_by("pk")
        order.__dict__["_graphql_deliveries"] = list(parts)
    return order.__dict__["_graphql_deliveries"]


def _home_delivery(order):
    return home_delivery(order.delivery_total, order.currency)


def _delivery_method(order, info):
    parts = _deliveries(order)
    if parts and all(part.pickup_warehouse_id for part in parts):
        return parts[0].pickup_warehouse
    return _home_delivery(order) if parts else None


def _shipping_method(order, info):
    method = _delivery_method(order, info)
    return method if isinstance(method, dict) else None


def _shipping_method_name(order, info):
    names = sorted({part.delivery_name for part in _deliveries(order) if part.delivery_name})
    return ", ".join(names) or None


def _collection_point_name(order, info):
    points = {part.pickup_warehouse.name for part in _deliveries(order) if part.pickup_warehouse}
    return ", ".join(sorted(points)) or None


def _captured(order) -> Decimal:
    return order.total_charged


def _grams(order, info):
    grams = Decimal(0)
    for line in order.lines.select_related("variant"):
        factor = {"g": 1, "kg": 1000}.get(getattr(line.variant, "unit", ""), 0)
        grams += (line.variant.net_quantity or 0) * factor * line.quantity if line.variant else 0
    return Weight.grams(grams)


class OrderSaleorFields:
    updated_at = graphene.DateTime(required=True)
    user = graphene.Field("marketplace.graphql.account.schema.User")
    tracking_client_id = graphene.String(required=True, resolver=lambda o, info: "")
    shipping_method_name = graphene.String(resolver=_shipping_method_name)
    collection_point_name = graphene.String(resolver=_collection_point_name)
    channel = graphene.Field(
        "marketplace.graphql.product.types.Channel",
        required=True,
        resolver=lambda order, info: order.channel,
    )
    actions = graphene.List(
        graphene.NonNull(OrderAction),
        required=True,
        description="Empty: captures and refunds are the programme office's, in its screens.",
        resolver=lambda order, info: [],
    )
    available_shipping_methods = graphene.List(
        graphene.NonNull(f"{_CHECKOUT}.ShippingMethod"),
        deprecation_reason=f"{_LEGACY} Use `shippingMethods`.",
        resolver=lambda order, info: [_home_delivery(order)],
    )
    shipping_methods = graphene.List(
        graphene.NonNull(f"{_CHECKOUT}.ShippingMethod"),
        required=True,
        resolver=lambda order, info: [_home_delivery(order)],
    )
    available_collection_points = graphene.List(
        graphene.NonNull(f"{_CHECKOUT}.Warehouse"),
        required=True,
        resolver=lambda order, info: [
            part.pickup_warehouse for part in _deliveries(order) if part.pickup_warehouse
        ],
    )
    invoices = graphene.List(
        graphene.NonNull(Invoice), required=True, resolver=lambda order, info: []
    )
    original = graphene.ID(resolver=lambda order, info: None)
    origin = graphene.Field(OrderOriginEnum, required=True, resolver=lambda o, info: "CHECKOUT")
    payment_status_display = graphene.String(
        required=True, resolver=lambda order, info: order.get_charge_status_display()
    )
    authorize_status = graphene.Field(
        OrderAuthorizeStatusEnum,
        required=True,
        resolver=lambda order, info: "FULL" if order.charge_status != ChargeStatus.NONE else "NONE",
    )
    charge_status = graphene.Field(
        OrderChargeStatusEnum,
        required=True,
        resolver=lambda order, info: ORDER_CHARGE[order.charge_status],
    )
    tax_exemption = graphene.Boolean(required=True, resolver=lambda order, info: False)
    payments = graphene.List(
        graphene.NonNull("marketplace.graphql.order.fields.Payment"),
        required=True,
        resolver=lambda order, info: list(order.payments.order_by("pk")),
    )
    undiscounted_total = graphene.Field(TaxedMoney, required=True)
    shipping_method = graphene.Field(
        f"{_CHECKOUT}.ShippingMethod",
        deprecation_reason=f"{_LEGACY} Use `deliveryMethod` instead.",
        resolver=lambda order, info: _shipping_method(order, info),
    )
    undiscounted_shipping_price = graphene.Field(
        Money, required=True, resolver=lambda order, info: _money(order, order.delivery_total)
    )
    shipping_tax_rate = graphene.Float(required=True)
    shipping_tax_class_name = graphene.String(resolver=lambda order, info: "VAT")
    shipping_tax_class_metadata = graphene.List(
        graphene.NonNull(MetadataItem), required=True, resolver=lambda order, info: []
    )
    voucher_code = graphene.String(resolver=lambda order, info: None)
    gift_cards = graphene.List(
        graphene.NonNull("marketplace.graphql.checkout.fields.GiftCard"),
        required=True,
        resolver=lambda order, info: [],
    )
    customer_note = graphene.String(required=True, resolver=lambda order, info: "")
    weight = graphene.Field(Weight, required=True, resolver=_grams)
    redirect_url = graphene.String(resolver=lambda order, info: None)
    can_finalize = graphene.Boolean(required=True, resolver=lambda order, info: False)
    total_authorized = graphene.Field(Money, required=True, resolver=_zero)
    total_captured = graphene.Field(
        Money, required=True, deprecation_reason="Use `totalCharged` instead."
    )
    total_charged = graphene.Field(Money, required=True)
    total_canceled = graphene.Field(Money, required=True, resolver=_zero)
    total_balance = graphene.Field(Money, required=True)
    total_refunded = graphene.Field(
        Money, required=True, resolver=lambda order, info: _money(order, order.total_refunded)
    )
    is_shipping_required = graphene.Boolean(required=True, resolver=lambda order, info: True)
    delivery_method = graphene.Field(f"{_CHECKOUT}.DeliveryMethod", resolver=_delivery_method)
    language_code = graphene.String(
        required=True,
        deprecation_reason="Use the `languageCodeEnum` field.",
        resolver=lambda o, i: "vi",
    )
    language_code_enum = graphene.Field(
        LanguageCodeEnum, required=True, resolver=lambda order, info: "VI"
    )
    discount = graphene.Field(Money, deprecation_reason="Use discounts field.", resolver=_zero)
    discount_name = graphene.String(deprecation_reason="Use discounts field.")
    translated_discount_name = graphene.String(deprecation_reason="Use discounts field.")
    discounts = graphene.List(
        graphene.NonNull(OrderDiscount), required=True, resolver=lambda order, info: []
    )
    errors = graphene.List(
        graphene.NonNull("marketplace.graphql.order.mutations.OrderError"),
        required=True,
        description="Empty: an order here is complete when placed.",
        resolver=lambda order, info: [],
    )
    display_gross_prices = graphene.Boolean(required=True, resolver=lambda order, info: True)
    external_reference = graphene.String(resolver=lambda order, info: None)
    checkout_id = graphene.ID(resolver=lambda order, info: _checkout_id(order))

    @staticmethod
    def resolve_updated_at(order, info):
        moments = [order.created_at, order.paid_at]
        for part in order.producer_orders.all():
            moments += [part.fulfilled_at, part.delivered_at, part.cancelled_at]
        return max(moment for moment in moments if moment)

    @staticmethod
    def resolve_user(order, info):
        viewer = info.context.user
        if order.user_id and (getattr(viewer, "pk", None) == order.user_id or viewer.is_staff):
            return order.user
        return None

    @staticmethod
    def resolve_undiscounted_total(order, info):
        return order_amount(order, info, "total", "total")

    @staticmethod
    def resolve_shipping_tax_rate(order, info):
        return float(DELIVERY_VAT_RATE) / 100

    @staticmethod
    def resolve_total_captured(order, info):
        return _money(order, _captured(order))

    @staticmethod
    def resolve_total_charged(order, info):
        return _money(order, _captured(order))

    @staticmethod
    def resolve_total_balance(order, info):
        """Saleor's balance: what was charged less refunds, less the total (negative while
        the order is unpaid)."""
        return _money(order, _captured(order) - order.total_refunded - order.total)


def _checkout_id(order):
    import base64

    if not order.checkout_token:
        return None
    return base64.b64encode(f"Checkout:{order.checkout_token}".encode()).decode()


def _line_thumbnail(line, info, size=None, format=None):
    if line.variant is None:
        return None
    images = loader(info, ImagesByProductIdLoader).load(line.variant.product_id)
    if not images:
        return None
    return {
        "url": image_url(info, images[0], size, format),
        "alt": images[0].alt or line.product_name,
    }


def _translated(line, info, field):
    """English names for English shoppers, from the product as it is now."""
    language = getattr(info.context, "LANGUAGE_CODE", "vi") or "vi"
    if line.variant is not None and is_english(language.upper()):
        product = line.variant.product
        return product.name_en or product.name if field == "product" else line.variant_name
    return line.product_name if field == "product" else line.variant_name


class OrderLineSaleorFields:
    product_variant_id = graphene.String(
        resolver=lambda line, info: (
            to_global_id("ProductVariant", line.variant_id) if line.variant_id else None
        )
    )
    is_shipping_required = graphene.Boolean(required=True, resolver=lambda line, info: True)
    unit_discount_reason = graphene.String(resolver=lambda line, info: None)
    tax_rate = graphene.Float(required=True, resolver=lambda line, info: float(line.vat_rate) / 100)
    thumbnail = graphene.Field(
        "marketplace.graphql.product.types.Image",
        size=graphene.Int(),
        format=graphene.Argument("marketplace.graphql.core.media.ThumbnailFormatEnum"),
        resolver=_line_thumbnail,
    )
    undiscounted_unit_price = graphene.Field(
        TaxedMoney,
        required=True,
        resolver=lambda line, info: TaxedMoney.taxed(vat.unit_taxed(line)),
    )
    unit_discount = graphene.Field(
        Money, required=True, resolver=lambda line, info: Money.of(0, line.currency)
    )
    unit_discount_value = graphene.Field(
        PositiveDecimal, required=True, resolver=lambda line, info: Decimal(0)
    )
    undiscounted_total_price = graphene.Field(
        TaxedMoney,
        required=True,
        resolver=lambda line, info: TaxedMoney.taxed(vat.line_taxed(line)),
    )
    is_price_overridden = graphene.Boolean(resolver=lambda line, info: False)
    translated_product_name = graphene.String(
        required=True, resolver=lambda line, info: _translated(line, info, "product")
    )
    translated_variant_name = graphene.String(
        required=True, resolver=lambda line, info: _translated(line, info, "variant")
    )
    sale_id = graphene.ID(deprecation_reason=_LEGACY, resolver=lambda line, info: None)
    quantity_to_fulfill = graphene.Int(
        required=True,
        resolver=lambda line, info: (
            line.quantity - line.quantity_fulfilled - line.quantity_refunded
        ),
    )
    unit_discount_type = graphene.Field(DiscountValueTypeEnum, resolver=lambda line, info: None)
    tax_class_name = graphene.String(resolver=lambda line, info: f"VAT {line.vat_rate:g} %")
    tax_class_metadata = graphene.List(
        graphene.NonNull(MetadataItem), required=True, resolver=lambda line, info: []
    )
    voucher_code = graphene.String(resolver=lambda line, info: None)
    is_gift = graphene.Boolean(resolver=lambda line, info: False)


class FulfillmentSaleorFields:
    status_display = graphene.String(resolver=lambda f, info: "Đã giao cho vận chuyển / Fulfilled")
    warehouse = graphene.Field(f"{_CHECKOUT}.Warehouse", resolver=lambda f, info: None)
    shipping_refunded_amount = graphene.Field(Money, resolver=lambda f, info: None)
    total_refunded_amount = graphene.Field(Money, resolver=lambda f, info: None)


CHARGE_STATUS = {
    "pending": "NOT_CHARGED",
    "awaiting_transfer": "PENDING",
    "partially_charged": "PARTIALLY_CHARGED",
    "charged": "FULLY_CHARGED",
    "failed": "REFUSED",
    "needs_review": "PENDING",
    "partially_refunded": "PARTIALLY_REFUNDED",
    "refunded": "FULLY_REFUNDED",
    "cancelled": "CANCELLED",
}


class Payment(ObjectWithMetadata, graphene.ObjectType):
    """An order's payment (one per attempt), in Saleor's Payment shape."""

    id = graphene.ID(required=True)
    gateway = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    created = graphene.DateTime(required=True)
    modified = graphene.DateTime(required=True)
    token = graphene.String(required=True)
    checkout = graphene.Field(f"{_CHECKOUT}.Checkout")
    order = graphene.Field("marketplace.graphql.order.types.Order")
    payment_method_type = graphene.String(required=True)
    charge_status = graphene.Field(
        "marketplace.graphql.order.types.PaymentChargeStatusEnum", required=True
    )
    total = graphene.Field(Money)
    captured_amount = graphene.Field(Money)
    credit_card = graphene.Field("marketplace.graphql.checkout.fields.CreditCard")
    partial = graphene.Boolean(required=True)
    psp_reference = graphene.String()

    @staticmethod
    def resolve_id(payment, info):
        # a payment chosen on a checkout opens with its order: until then the checkout's
        return getattr(payment, "graphql_id", None) or to_global_id("Payment", payment.pk)

    @staticmethod
    def resolve_gateway(payment, info):
        return f"ocop.payments.{payment.gateway}"

    @staticmethod
    def resolve_is_active(payment, info):
        return payment.status not in ("failed", "cancelled")

    @staticmethod
    def resolve_created(payment, info):
        return payment.created_at

    @staticmethod
    def resolve_modified(payment, info):
        if payment.pk is None:
            return payment.created_at
        latest = payment.events.order_by("-created_at").values_list("created_at", flat=True).first()
        return latest or payment.created_at

    @staticmethod
    def resolve_token(payment, info):
        return payment.psp_reference or ""

    @staticmethod
    def resolve_checkout(payment, info):
        return None  # the checkout is gone once its order is placed

    @staticmethod
    def resolve_payment_method_type(payment, info):
        return payment.gateway

    @staticmethod
    def resolve_charge_status(payment, info):
        return CHARGE_STATUS.get(payment.status, "NOT_CHARGED")

    @staticmethod
    def resolve_total(payment, info):
        return Money.of(payment.amount, payment.currency)

    @staticmethod
    def resolve_captured_amount(payment, info):
        return Money.of(payment.captured_amount, payment.currency)

    @staticmethod
    def resolve_credit_card(payment, info):
        return None  # card details stay with Stripe

    @staticmethod
    def resolve_partial(payment, info):
        return payment.order_id is not None and payment.amount < payment.order.total

    @staticmethod
    def resolve_psp_reference(payment, info):
        return payment.psp_reference or None
