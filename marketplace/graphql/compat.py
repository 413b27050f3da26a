"""Fields Saleor storefronts commonly ask for, answered from our data or empty, so their
queries validate unchanged: metadata, translations, product types, default-address flags,
and the deprecated checkout shipping fields."""

import graphene

from marketplace.graphql.core import to_global_id

LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum", [(code, code) for code in ("EN", "EN_US", "EN_GB", "VI", "VI_VN")]
)


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


def metadata_field():
    return graphene.List(
        graphene.NonNull(MetadataItem), required=True, resolver=lambda root, info: []
    )


def is_english(language_code) -> bool:
    return str(getattr(language_code, "value", language_code)).startswith("EN")


class ProductTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String()
    description = graphene.JSONString()
    seo_title = graphene.String()
    seo_description = graphene.String()


class ProductVariantTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)


class ProductType(graphene.ObjectType):
    """Our product types are the OCOP sub-groups."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)

    @staticmethod
    def of(group) -> dict:
        from marketplace.graphql.catalog_types import category_slug  # imports this module

        return {
            "id": to_global_id("ProductType", group.pk),
            "name": group.name,
            "slug": category_slug(group),
            "has_variants": True,
            "is_shipping_required": True,
        }


class CollectionTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String()
    description = graphene.JSONString()
    seo_title = graphene.String()
    seo_description = graphene.String()
