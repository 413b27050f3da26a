"""Fields Saleor storefronts commonly ask for, answered from our data or empty, so their
queries validate unchanged: metadata, translations, product types, default-address flags,
and the deprecated checkout shipping fields."""

import graphene
from babel import Locale, UnknownLocaleError

from marketplace.graphql.core import to_global_id
from marketplace.graphql.core.enums import LanguageCodeEnum


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


class MetadataFilter(graphene.InputObjectType):
    """Nothing stores metadata here, so a metadata filter matches nothing."""

    key = graphene.String(required=True)
    value = graphene.String()


def metadata_field():
    return graphene.List(
        graphene.NonNull(MetadataItem), required=True, resolver=lambda root, info: []
    )


class Metadata(graphene.Scalar):
    """Metadata as a {key: value} object (Saleor's scalar)."""

    @staticmethod
    def serialize(value):
        return dict(value or {})

    @staticmethod
    def parse_value(value):
        return value

    @staticmethod
    def parse_literal(node, _variables=None):
        return None


class ObjectWithMetadata:
    """Saleor's public metadata fields. Nothing here stores metadata (no app writes it), so
    every object answers an empty list, no value for a key and an empty object."""

    metadata = metadata_field()
    metafield = graphene.String(
        key=graphene.String(required=True), resolver=lambda root, info, key: None
    )
    metafields = graphene.Field(
        Metadata,
        keys=graphene.List(graphene.NonNull(graphene.String)),
        resolver=lambda root, info, keys=None: {},
    )


def is_english(language_code) -> bool:
    return str(getattr(language_code, "value", language_code)).startswith("EN")


def in_language(text: str, language_code) -> str:
    """One side of our "Vietnamese / English" texts: English for EN_*, else Vietnamese."""
    vietnamese, _, english = text.partition(" / ")
    return (english or vietnamese) if is_english(language_code) else vietnamese


class LanguageDisplay(graphene.ObjectType):
    code = graphene.Field(LanguageCodeEnum, required=True)
    language = graphene.String(required=True)


def language_display(language_code) -> dict:
    code = str(getattr(language_code, "value", language_code))
    try:
        name = Locale.parse(code.replace("_", "-"), sep="-").display_name or code
    except (ValueError, UnknownLocaleError):
        name = code
    return {"code": code, "language": name}


class Translation:
    """Saleor's `…Translation { id language … }`; the text is English for EN_*, else ours
    (Vietnamese, the shop's language)."""

    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)


def translation(type_name: str, pk, language_code, **texts) -> dict:
    return {
        "id": to_global_id(type_name, pk),
        "language": language_display(language_code),
        **texts,
    }


def translation_field(translation_type):
    return graphene.Field(
        translation_type, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )


_DESCRIPTION_JSON = "This field will be removed in Saleor 4.0. Use the `description` field instead."


def description_json():
    return graphene.JSONString(
        deprecation_reason=_DESCRIPTION_JSON, resolver=lambda root, info: root.get("description")
    )


class ProductTranslation(Translation, graphene.ObjectType):
    name = graphene.String()
    description = graphene.JSONString()
    description_json = description_json()
    seo_title = graphene.String()
    seo_description = graphene.String()


class ProductVariantTranslation(Translation, graphene.ObjectType):
    name = graphene.String(required=True)


class CollectionTranslation(Translation, graphene.ObjectType):
    name = graphene.String()
    description = graphene.JSONString()
    description_json = description_json()
    seo_title = graphene.String()
    seo_description = graphene.String()


class CategoryTranslation(Translation, graphene.ObjectType):
    name = graphene.String()
    description = graphene.JSONString()
    description_json = description_json()
    seo_title = graphene.String()
    seo_description = graphene.String()


class AttributeTranslation(Translation, graphene.ObjectType):
    name = graphene.String(required=True)


class AttributeValueTranslation(Translation, graphene.ObjectType):
    name = graphene.String(required=True)
    rich_text = graphene.JSONString()
    plain_text = graphene.String()


class MenuItemTranslation(Translation, graphene.ObjectType):
    name = graphene.String(required=True)


class ShippingMethodTranslation(Translation, graphene.ObjectType):
    name = graphene.String()
    description = graphene.JSONString()
