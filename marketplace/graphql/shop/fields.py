"""The rest of Saleor's `Shop` and `Channel` fields: countries, languages, domain, gateways,
the shipping methods a channel offers, tax display. Mixed into the types."""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

import graphene
import phonenumbers
from django.urls import reverse

from marketplace.channels.models import Channel
from marketplace.graphql.account.addresses import AddressInput, CountryDisplay
from marketplace.graphql.checkout.resolvers import gateways_of, home_delivery
from marketplace.graphql.core.compat import (
    LanguageDisplay,
    Translation,
    in_language,
    language_display,
    translation,
)
from marketplace.graphql.core.enums import (
    COUNTRY_CODES,
    CountryCode,
    LanguageCodeEnum,
    WeightUnitsEnum,
    country_name,
)

_TAXES = "This field will be removed in Saleor 4.0. Use `Channel.taxConfiguration` instead."
_CHECKOUT = "marketplace.graphql.checkout.types"


def _version() -> str:
    try:
        return package_version("ocop-market")
    except PackageNotFoundError:
        return "0"


def countries(language_code=None) -> list[dict]:
    """Every country Saleor knows, named in the caller's language (Vietnamese by default).
    We deliver in Vietnam only; an address elsewhere is refused with a clear error."""
    language = "en" if language_code and str(language_code).startswith("EN") else "vi"
    return [{"code": code, "country": country_name(code, language)} for code in COUNTRY_CODES]


def home_delivery_methods(channel_slug: str) -> list[dict]:
    """Before an address is known: home delivery, priced per producer once the address and
    the parcels are known (0 until then)."""
    channel = Channel.objects.filter(slug=channel_slug, is_active=True).first()
    return [home_delivery(0, channel.currency)] if channel else []


class Domain(graphene.ObjectType):
    host = graphene.String(required=True)
    ssl_enabled = graphene.Boolean(required=True)
    url = graphene.String(required=True)


class ExternalAuthentication(graphene.ObjectType):
    id = graphene.String(required=True)
    name = graphene.String()


PermissionEnum = graphene.Enum(
    "PermissionEnum",
    [
        (name, name)
        for name in [
            "MANAGE_USERS",
            "MANAGE_STAFF",
            "IMPERSONATE_USER",
            "MANAGE_APPS",
            "MANAGE_OBSERVABILITY",
            "MANAGE_CHECKOUTS",
            "HANDLE_CHECKOUTS",
            "HANDLE_TAXES",
            "MANAGE_TAXES",
            "MANAGE_CHANNELS",
            "MANAGE_DISCOUNTS",
            "MANAGE_GIFT_CARD",
            "MANAGE_MENUS",
            "MANAGE_ORDERS",
            "MANAGE_ORDERS_IMPORT",
            "MANAGE_PAGES",
            "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
            "HANDLE_PAYMENTS",
            "MANAGE_PLUGINS",
            "MANAGE_PRODUCTS",
            "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
            "MANAGE_SHIPPING",
            "MANAGE_SETTINGS",
            "MANAGE_TRANSLATIONS",
        ]
    ],
)


class Permission(graphene.ObjectType):
    code = graphene.Field(PermissionEnum, required=True)
    name = graphene.String(required=True)


class ShopTranslation(Translation, graphene.ObjectType):
    header_text = graphene.String(required=True)
    description = graphene.String(required=True)


class CountryFilterInput(graphene.InputObjectType):
    attached_to_shipping_zones = graphene.Boolean()


class ShippingMethodsPerCountry(graphene.ObjectType):
    country_code = graphene.Field(CountryCode, required=True)
    shipping_methods = graphene.List(graphene.NonNull(f"{_CHECKOUT}.ShippingMethod"))


def _shop_translation(shop, info, language_code):
    text = in_language(shop["description"], language_code)
    return translation("ShopTranslation", "ocop", language_code, header_text="", description=text)


def _countries(shop, info, language_code=None, filter=None):
    if filter and filter.get("attached_to_shipping_zones"):
        return [{"code": "VN", "country": country_name("VN", "en" if language_code else "vi")}]
    return countries(getattr(language_code, "value", language_code))


def _domain(shop, info):
    host = info.context.get_host()
    secure = info.context.is_secure()
    return {"host": host, "ssl_enabled": secure, "url": f"{'https' if secure else 'http'}://{host}"}


def _gateways(shop, info, currency=None, channel=None):
    from marketplace.channels.models import Channel

    channels = Channel.objects.filter(is_active=True)
    if channel:
        channels = channels.filter(slug=channel)
    if currency:
        channels = channels.filter(currency=currency)
    found = {}
    for each in channels:
        for gateway in gateways_of(each):
            found.setdefault(gateway["id"], gateway)
    return list(found.values())


class ShopSaleorFields:
    available_payment_gateways = graphene.List(
        graphene.NonNull(f"{_CHECKOUT}.PaymentGateway"),
        required=True,
        currency=graphene.String(deprecation_reason="Use `channel` argument instead."),
        channel=graphene.String(),
        resolver=_gateways,
    )
    available_external_authentications = graphene.List(
        graphene.NonNull(ExternalAuthentication), required=True, resolver=lambda s, info: []
    )
    available_shipping_methods = graphene.List(
        graphene.NonNull(f"{_CHECKOUT}.ShippingMethod"),
        channel=graphene.String(required=True),
        address=graphene.Argument(AddressInput),
        resolver=lambda shop, info, channel, address=None: home_delivery_methods(channel),
    )
    channel_currencies = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        resolver=lambda shop, info: ["VND"],
    )
    countries = graphene.List(
        graphene.NonNull(CountryDisplay),
        required=True,
        language_code=graphene.Argument(
            LanguageCodeEnum, deprecation_reason="This field will be removed in Saleor 4.0."
        ),
        filter=graphene.Argument(CountryFilterInput),
        resolver=_countries,
    )
    default_country = graphene.Field(
        CountryDisplay, resolver=lambda shop, info: {"code": "VN", "country": "Việt Nam"}
    )
    domain = graphene.Field(Domain, required=True, resolver=_domain)
    languages = graphene.List(
        graphene.NonNull(LanguageDisplay),
        required=True,
        resolver=lambda shop, info: [language_display(code) for code in ("VI", "EN")],
    )
    permissions = graphene.List(
        graphene.NonNull(Permission),
        required=True,
        description="Empty: staff here hold OCOP roles, not Saleor permissions.",
        resolver=lambda shop, info: [],
    )
    phone_prefixes = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        resolver=lambda shop, info: sorted(
            {f"+{code}" for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE}, key=len
        ),
    )
    fulfillment_auto_approve = graphene.Boolean(required=True, resolver=lambda s, i: True)
    fulfillment_allow_unpaid = graphene.Boolean(required=True, resolver=lambda s, i: True)
    track_inventory_by_default = graphene.Boolean(resolver=lambda s, i: True)
    default_weight_unit = graphene.Field(WeightUnitsEnum, resolver=lambda s, i: "G")
    translation = graphene.Field(
        ShopTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        resolver=_shop_translation,
    )
    company_address = graphene.Field(
        "marketplace.graphql.account.addresses.Address", resolver=lambda s, i: None
    )
    customer_set_password_url = graphene.String(
        resolver=lambda shop, info: info.context.build_absolute_uri(reverse("password-reset-set"))
    )
    enable_account_confirmation_by_email = graphene.Boolean(resolver=lambda s, i: False)
    allow_login_without_confirmation = graphene.Boolean(resolver=lambda s, i: True)
    version = graphene.String(required=True, resolver=lambda s, i: _version())
    schema_version = graphene.String(
        required=True,
        description="The Saleor API version this schema follows.",
        resolver=lambda s, i: "3.20",
    )
    include_taxes_in_prices = graphene.Boolean(
        required=True, deprecation_reason=_TAXES, resolver=lambda s, i: True
    )
    display_gross_prices = graphene.Boolean(
        required=True, deprecation_reason=_TAXES, resolver=lambda s, i: True
    )
    charge_taxes_on_shipping = graphene.Boolean(
        required=True, deprecation_reason=_TAXES, resolver=lambda s, i: True
    )


class ChannelSaleorFields:
    countries = graphene.List(
        graphene.NonNull(CountryDisplay),
        resolver=lambda channel, info: [{"code": "VN", "country": "Việt Nam"}],
    )
    available_shipping_methods_per_country = graphene.List(
        graphene.NonNull(ShippingMethodsPerCountry),
        countries=graphene.List(graphene.NonNull(CountryCode)),
    )

    @staticmethod
    def resolve_available_shipping_methods_per_country(channel, info, countries=None):
        codes = [getattr(code, "value", code) for code in countries or ["VN"]]
        return [
            {
                "country_code": code,
                "shipping_methods": home_delivery_methods(channel.slug) if code == "VN" else [],
            }
            for code in codes
        ]
