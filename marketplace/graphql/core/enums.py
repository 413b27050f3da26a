"""Saleor's shared enums and scalars. Languages and countries come from CLDR (Babel), as
Saleor's own lists do, so every code a Saleor client may send is understood."""

import decimal
from functools import cache

import graphene
from babel import Locale
from babel.localedata import locale_identifiers
from graphql import GraphQLError

# CLDR spells Konkani of India kok_Deva_IN since 2024; Saleor 3.20 still lists KOK_IN.
_LEGACY_LOCALES = ("kok_IN",)
# CLDR territory codes that are not ISO 3166-1 countries (reserved, private use, unknown).
_NOT_COUNTRIES = set(
    ["AC", "CP", "CQ", "DG", "EA", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"]
)


def _enum_name(identifier: str) -> str:
    return identifier.replace("-", "_").upper()


LANGUAGE_CODES = sorted({_enum_name(code) for code in (*locale_identifiers(), *_LEGACY_LOCALES)})
LanguageCodeEnum = graphene.Enum("LanguageCodeEnum", [(code, code) for code in LANGUAGE_CODES])

COUNTRY_CODES = sorted(
    code
    for code in Locale("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)
CountryCode = graphene.Enum("CountryCode", [(code, code) for code in COUNTRY_CODES])


@cache
def _territories(language: str) -> dict:
    return dict(Locale(language).territories)


def country_name(code: str, language: str = "vi") -> str:
    return _territories(language).get(code, code)


class AddressTypeEnum(graphene.Enum):
    BILLING = "BILLING"
    SHIPPING = "SHIPPING"


class WeightUnitsEnum(graphene.Enum):
    G = "G"
    LB = "LB"
    OZ = "OZ"
    KG = "KG"
    TONNE = "TONNE"


class Weight(graphene.ObjectType):
    unit = graphene.Field(WeightUnitsEnum, required=True)
    value = graphene.Float(required=True)

    @staticmethod
    def grams(value) -> dict | None:
        return None if value is None else {"unit": "G", "value": float(value)}


class PositiveDecimal(graphene.Scalar):
    """A decimal number greater than or equal to 0 (Saleor's scalar)."""

    @staticmethod
    def serialize(value):
        return float(value)

    @staticmethod
    def parse_value(value):
        try:
            number = decimal.Decimal(str(value))
        except (decimal.InvalidOperation, ValueError):
            raise GraphQLError(f"{value!r} is not a decimal number.") from None
        if not number.is_finite() or number < 0:
            raise GraphQLError(f"{value!r} must be a number ≥ 0.")
        return number

    @staticmethod
    def parse_literal(node, _variables=None):
        value = getattr(node, "value", None)
        return PositiveDecimal.parse_value(value) if value is not None else None


class JSON(graphene.Scalar):
    """Any JSON value, sent as JSON (not as a string: that is JSONString)."""

    @staticmethod
    def serialize(value):
        return value

    @staticmethod
    def parse_value(value):
        return value

    @staticmethod
    def parse_literal(node, _variables=None):
        from graphql.utilities import value_from_ast_untyped

        return value_from_ast_untyped(node, _variables)
