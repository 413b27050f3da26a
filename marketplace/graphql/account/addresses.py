"""Saleor's Address and AddressInput over Vietnamese addresses.

countryArea is the province or city, city is the commune or ward (an official code or
the name, with or without diacritics), streetAddress1/2 the street part."""

import graphene
from django.utils import timezone

from catalog.models import AdministrativeUnit
from catalog.text import unaccent
from marketplace.checkout.services import AddressInput as ServiceAddress
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.graphql.core import to_global_id
from marketplace.graphql.core.compat import MetadataInput, ObjectWithMetadata
from marketplace.graphql.core.enums import CountryCode, country_name


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    company_name = graphene.String()
    street_address_1 = graphene.String(name="streetAddress1")
    street_address_2 = graphene.String(name="streetAddress2")
    city = graphene.String(description="Commune or ward: official code or name.")
    city_area = graphene.String()
    postal_code = graphene.String()
    country = graphene.Field(CountryCode)
    country_area = graphene.String(description="Province or city: official code or name.")
    phone = graphene.String()
    metadata = graphene.List(
        graphene.NonNull(MetadataInput), description="Not stored: addresses keep no metadata."
    )
    skip_validation = graphene.Boolean(
        default_value=False,
        description="Refused when true: every address is checked against official units.",
    )


class ReducedRate(graphene.ObjectType):
    rate = graphene.Float(required=True)
    rate_type = graphene.String(required=True)


class VAT(graphene.ObjectType):
    country_code = graphene.String(required=True)
    standard_rate = graphene.Float()
    reduced_rates = graphene.List(graphene.NonNull(ReducedRate), required=True)


# Vietnam's VAT: 10 % standard; 5 % and (Decree 174/2025, to the end of 2026) 8 % reduced.
VIETNAM_VAT = {
    "country_code": "VN",
    "standard_rate": 10.0,
    "reduced_rates": [{"rate": 5.0, "rate_type": "5 %"}, {"rate": 8.0, "rate_type": "8 %"}],
}


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True)
    country = graphene.String(required=True)
    vat = graphene.Field(
        VAT,
        deprecation_reason="This field will be removed in Saleor 4.0. Use `TaxClassCountryRate`.",
        resolver=lambda country, info: VIETNAM_VAT if country["code"] == "VN" else None,
    )


class Address(ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True, name="streetAddress1")
    street_address_2 = graphene.String(required=True, name="streetAddress2")
    city = graphene.String(required=True)
    city_area = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(required=True)
    phone = graphene.String()
    is_default_billing_address = graphene.Boolean()
    is_default_shipping_address = graphene.Boolean()

    @staticmethod
    def resolve_id(address, info):
        return to_global_id("Address", address.pk)

    @staticmethod
    def resolve_is_default_billing_address(address, info):
        return bool(address.user_id) and address.user.default_billing_address_id == address.pk

    @staticmethod
    def resolve_is_default_shipping_address(address, info):
        return bool(address.user_id) and address.user.default_shipping_address_id == address.pk

    @staticmethod
    def resolve_first_name(address, info):
        return address.full_name

    @staticmethod
    def resolve_last_name(address, info):
        return ""

    @staticmethod
    def resolve_company_name(address, info):
        return ""

    @staticmethod
    def resolve_street_address_1(address, info):
        return address.street_address

    @staticmethod
    def resolve_street_address_2(address, info):
        return ""

    @staticmethod
    def resolve_city(address, info):
        return address.commune.name

    @staticmethod
    def resolve_city_area(address, info):
        return ""

    @staticmethod
    def resolve_postal_code(address, info):
        return ""

    @staticmethod
    def resolve_country(address, info):
        return {"code": "VN", "country": "Việt Nam"}

    @staticmethod
    def resolve_country_area(address, info):
        return address.province.name


def _unit_code(level: str, value: str | None) -> str:
    """An official code, or the code of the current unit with that name."""
    value = (value or "").strip()
    if not value or value.isdigit():
        return value
    today = timezone.localdate()
    wanted = unaccent(value).casefold()
    for unit in AdministrativeUnit.objects.filter(level=level, valid_from__lte=today).exclude(
        valid_to__lt=today
    ):
        if unaccent(unit.name).casefold() == wanted:
            return unit.code
    return value


def to_service_address(data) -> ServiceAddress:
    """Our address from Saleor's input: any country code is understood, only Vietnam is
    served (CommerceError `country_not_served` on field `country`)."""
    if data.get("skip_validation"):
        raise CommerceError(
            CommerceErrorCode.INVALID,
            "skip_validation",
            detail="địa chỉ luôn được kiểm tra / addresses are always validated",
        )
    country = getattr(data.get("country"), "value", data.get("country")) or "VN"
    if country != "VN":
        raise CommerceError(
            CommerceErrorCode.COUNTRY_NOT_SERVED, "country", country=country_name(country)
        )
    name = " ".join(part for part in (data.get("first_name"), data.get("last_name")) if part)
    street = ", ".join(
        part for part in (data.get("street_address_1"), data.get("street_address_2")) if part
    )
    return ServiceAddress(
        full_name=name,
        phone=data.get("phone") or "",
        province_code=_unit_code("province", data.get("country_area")),
        commune_code=_unit_code("commune", data.get("city") or data.get("city_area")),
        street_address=street,
    )
