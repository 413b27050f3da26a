"""Shared GraphQL building blocks in Saleor's shapes: Money, TaxedMoney, page info,
countable connections, global IDs and the `errors { field code message }` payloads."""

import base64
import binascii
from decimal import Decimal

import graphene
from django.db.models import Count, QuerySet, Window
from graphql import GraphQLError

from marketplace.money import quantize
from marketplace.taxes import vat_of

MAX_PAGE_SIZE = 100


def to_global_id(type_name: str, pk) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def decode_global_id(global_id: str) -> tuple[str, str] | None:
    """("Type", "value") of a Saleor-style ID (base64 of "Type:value"), or None."""
    try:
        type_name, _, value = base64.b64decode(global_id, validate=True).decode().partition(":")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return type_name, value


def from_global_id(global_id: str, expected: str) -> int:
    """The primary key in a Saleor-style ID (base64 of "Type:pk"), or a GraphQL error."""
    decoded = decode_global_id(global_id)
    if decoded is None or decoded[0] != expected or not decoded[1].isdigit():
        raise GraphQLError(f"Couldn't resolve id: {global_id} (expected a {expected} ID).")
    return int(decoded[1])


class Money(graphene.ObjectType):
    currency = graphene.String(required=True)
    amount = graphene.Float(required=True)

    @staticmethod
    def of(amount, currency: str) -> dict:
        return {"currency": currency, "amount": float(quantize(amount, currency))}


class TaxedMoney(graphene.ObjectType):
    """Vietnamese retail prices include VAT: gross is the price, tax the VAT it contains
    (at the product group's rate), net = gross − tax."""

    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)
    net = graphene.Field(Money, required=True)
    tax = graphene.Field(Money, required=True)

    @staticmethod
    def of(amount, currency: str, *, rate=0, tax=None) -> dict:
        """`amount` is VAT-inclusive; its tax is `tax` when summed elsewhere, else the
        VAT at `rate` percent."""
        tax = vat_of(amount, rate, currency) if tax is None else tax
        return {
            "currency": currency,
            "gross": Money.of(amount, currency),
            "net": Money.of(Decimal(amount) - tax, currency),
            "tax": Money.of(tax, currency),
        }

    @staticmethod
    def taxed(value) -> dict:
        return TaxedMoney.of(value.gross, value.currency, tax=value.tax)


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney)
    stop = graphene.Field(TaxedMoney)


OrderDirection = graphene.Enum("OrderDirection", [("ASC", "ASC"), ("DESC", "DESC")])


class PageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)
    start_cursor = graphene.String()
    end_cursor = graphene.String()


def countable_connection(node_type, name: str):
    """`{name}CountableConnection { edges { cursor node } pageInfo totalCount }`."""
    edge = type(
        f"{name}CountableEdge",
        (graphene.ObjectType,),
        {
            "cursor": graphene.String(required=True),
            "node": graphene.Field(node_type, required=True),
        },
    )
    return type(
        f"{name}CountableConnection",
        (graphene.ObjectType,),
        {
            "edges": graphene.List(graphene.NonNull(edge), required=True),
            "page_info": graphene.Field(PageInfo, required=True),
            "total_count": graphene.Int(),
        },
    )


def connection_args() -> dict:
    return {
        "first": graphene.Int(),
        "last": graphene.Int(),
        "after": graphene.String(),
        "before": graphene.String(),
    }


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _offset(cursor: str | None) -> int | None:
    if cursor is None:
        return None
    try:
        kind, _, value = base64.b64decode(cursor).decode().partition(":")
        if kind != "offset" or not value.isdigit():
            raise ValueError
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise GraphQLError(f"Invalid cursor: {cursor}") from None


def paginate(queryset, *, first=None, last=None, after=None, before=None) -> dict:
    """Slice an ordered queryset (or a list) Relay-style; at most MAX_PAGE_SIZE nodes a page."""
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
            raise GraphQLError(
                f"`{name}` must be between 0 and {MAX_PAGE_SIZE} (got {value}); "
                "page through larger results with `after`."
            )
    if first is None and last is None:
        raise GraphQLError("You must provide a `first` or `last` value to paginate.")
    start = (_offset(after) + 1) if after is not None else 0
    if last is None and before is None and isinstance(queryset, QuerySet) and first:
        # Forward paging, the common case: the total rides along in the page query.
        rows = list(queryset.annotate(total_rows=Window(Count("pk")))[start : start + first])
        total = rows[0].total_rows if rows else queryset.count()
        return _page(rows, start, total)
    total = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    end = _offset(before) if before is not None else total
    if first is not None:
        end = min(end, start + first)
    if last is not None:
        start = max(start, end - last)
    return _page(list(queryset[start:end]) if end > start else [], start, total)


def _page(nodes, start: int, total: int) -> dict:
    edges = [{"cursor": _cursor(start + index), "node": node} for index, node in enumerate(nodes)]
    return {
        "edges": edges,
        "total_count": total,
        "page_info": {
            "has_next_page": start + len(nodes) < total,
            "has_previous_page": start > 0,
            "start_cursor": edges[0]["cursor"] if edges else None,
            "end_cursor": edges[-1]["cursor"] if edges else None,
        },
    }


def error_type(name: str, code_enum, **extra):
    """`{name} { field message code … }`, as Saleor's per-domain error types."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "field": graphene.String(description="The field that caused the error."),
            "message": graphene.String(description="Vietnamese / English message."),
            "code": graphene.Field(code_enum, required=True),
            **extra,
        },
    )


def legacy_errors(error, description="Use `errors` field instead."):
    """Saleor 3's deprecated per-domain error list (`checkoutErrors`, `accountErrors`…):
    the same list as `errors`."""
    return graphene.List(
        graphene.NonNull(error),
        required=True,
        deprecation_reason=f"This field will be removed in Saleor 4.0. {description}",
        resolver=lambda root, info: root.errors,
    )


def errors_from(error, code_map: dict, default: str, **extra) -> list[dict]:
    """A domain error as a payload's error list; its code mapped onto the Saleor enum, the
    variant it concerns (if any) in `variants`, as Saleor reports stock errors."""
    code = code_map.get(str(error.code), default)
    variant = error.params.get("variant")
    if hasattr(variant, "pk"):
        extra.setdefault("variants", [to_global_id("ProductVariant", variant.pk)])
    return [{"field": _camel(error.field), "message": str(error), "code": code, **extra}]


def _camel(field: str | None) -> str | None:
    if not field:
        return field
    head, *rest = field.split("_")
    return head + "".join(part.capitalize() for part in rest)
