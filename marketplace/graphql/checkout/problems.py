"""Saleor's checkout problems and the checkout fields a Saleor storefront reads for its
payment step (charge and authorize status, balance, gift cards, transactions)."""

import graphene

from marketplace.checkout.problems import INSUFFICIENT_STOCK, line_problems
from marketplace.graphql.checkout.resolvers import checkout_totals
from marketplace.graphql.core import Money
from marketplace.graphql.product.types import ProductVariant

CHECKOUT_LINE = "marketplace.graphql.checkout.types.CheckoutLine"
TRANSACTION_ITEM = "marketplace.graphql.payment.types.TransactionItem"


class CheckoutChargeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


class CheckoutAuthorizeStatusEnum(graphene.Enum):
    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int()
    line = graphene.Field(CHECKOUT_LINE, required=True)
    variant = graphene.Field(ProductVariant, required=True)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field(CHECKOUT_LINE, required=True)


def _typed(problem):
    line = problem.line
    if problem.kind == INSUFFICIENT_STOCK:
        return CheckoutLineProblemInsufficientStock(
            available_quantity=problem.available_quantity, line=line, variant=line.variant
        )
    return CheckoutLineProblemVariantNotAvailable(line=line)


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)


class CheckoutLineProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)


def checkout_problems(checkout) -> list:
    """Every line problem, each line linked back to its checkout for its prices."""
    found = []
    for problem in _problems(checkout):
        problem.line.checkout = checkout
        found.append(_typed(problem))
    return found


def _problems(checkout) -> list:
    """The checkout's line problems, computed once per request's checkout object (every
    line's `problems` field reads them)."""
    cache = checkout.__dict__.get("_graphql_problems")
    if cache is None:
        cache = checkout.__dict__["_graphql_problems"] = line_problems(checkout)
    return cache


def problems_of_line(line) -> list:
    return [_typed(problem) for problem in _problems(line.checkout) if problem.line.pk == line.pk]


class CheckoutPaymentState:
    """Fields of Saleor's Checkout for the payment step, mixed into our Checkout type."""

    problems = graphene.List(graphene.NonNull(CheckoutProblem))
    # Payments open when the checkout completes (one per order), so a checkout itself is
    # never charged or authorised: these read NONE, the balance is minus the total, and
    # there are no transactions or gift cards (docs/api.md).
    charge_status = graphene.Field(CheckoutChargeStatusEnum, required=True)
    authorize_status = graphene.Field(CheckoutAuthorizeStatusEnum, required=True)
    total_balance = graphene.Field(Money, required=True)
    transactions = graphene.List(graphene.NonNull(TRANSACTION_ITEM))
    gift_cards = graphene.List(
        graphene.NonNull("marketplace.graphql.checkout.fields.GiftCard"), required=True
    )
    user = graphene.Field("marketplace.graphql.account.schema.User")
    translated_discount_name = graphene.String()
    note = graphene.String(required=True)

    @staticmethod
    def resolve_problems(checkout, info):
        return checkout_problems(checkout)

    @staticmethod
    def resolve_charge_status(checkout, info):
        return CheckoutChargeStatusEnum.NONE.value

    @staticmethod
    def resolve_authorize_status(checkout, info):
        return CheckoutAuthorizeStatusEnum.NONE.value

    @staticmethod
    def resolve_total_balance(checkout, info):
        totals = checkout_totals(checkout)
        return Money.of(-totals.total, totals.currency)

    @staticmethod
    def resolve_transactions(checkout, info):
        return []

    @staticmethod
    def resolve_gift_cards(checkout, info):
        return []

    @staticmethod
    def resolve_user(checkout, info):
        user = info.context.user
        owner = checkout.user
        return owner if owner is not None and getattr(user, "pk", None) == owner.pk else None

    @staticmethod
    def resolve_translated_discount_name(checkout, info):
        return None
