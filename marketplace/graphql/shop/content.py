"""Saleor's navigation and content for storefronts: `menu` (built from the OCOP groups,
star collections and content pages), `page`, and the public `channels` list."""

import base64
import binascii

import graphene

from catalog.models import ProductGroup
from marketplace.channels.models import Channel as ChannelModel
from marketplace.graphql.core import (
    OrderDirection,
    connection_args,
    countable_connection,
    from_global_id,
    paginate,
    to_global_id,
)
from marketplace.graphql.core.compat import (
    LanguageCodeEnum,
    MenuItemTranslation,
    MetadataFilter,
    ObjectWithMetadata,
    Translation,
    is_english,
    language_display,
    translation,
    translation_field,
)
from marketplace.graphql.product.resolvers import editorjs
from marketplace.graphql.product.types import Category, Channel, Collection
from marketplace.pages.models import Page as PageModel

STAR_COLLECTIONS = (5, 4, 3)
_CONTENT_JSON = "This field will be removed in Saleor 4.0. Use the `content` field instead."


class PageType(ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    # Content pages have no attributes here.
    attributes = graphene.List(
        graphene.NonNull("marketplace.graphql.product.types.Attribute"),
        resolver=lambda root, info: [],
    )


class PageMedia(graphene.ObjectType):
    id = graphene.ID(required=True)
    url = graphene.String(required=True, size=graphene.Int())
    alt = graphene.String()


class PageTranslation(Translation, graphene.ObjectType):
    title = graphene.String()
    content = graphene.JSONString()
    content_json = graphene.JSONString(
        deprecation_reason=_CONTENT_JSON,
        resolver=lambda root, info: root.get("content"),
    )
    seo_title = graphene.String()
    seo_description = graphene.String()


class Page(ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    title = graphene.String(required=True)
    content = graphene.JSONString()
    content_json = graphene.JSONString(
        required=True,
        deprecation_reason=_CONTENT_JSON,
        resolver=lambda page, info: editorjs(page.content) or {},
    )
    publication_date = graphene.Date(
        deprecation_reason="Use the `publishedAt` field to fetch the publication date.",
        resolver=lambda page, info: page.created_at.date(),
    )
    published_at = graphene.DateTime(resolver=lambda page, info: page.created_at)
    attributes = graphene.List(
        graphene.NonNull("marketplace.graphql.product.types.SelectedAttribute"),
        required=True,
        resolver=lambda page, info: [],
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    is_published = graphene.Boolean(required=True)
    created = graphene.DateTime(required=True)
    page_type = graphene.Field(PageType, required=True)
    # Pages carry text only; the list is there for storefronts that ask.
    media = graphene.List(graphene.NonNull(PageMedia))
    translation = graphene.Field(
        PageTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )

    @staticmethod
    def resolve_id(page, info):
        return to_global_id("Page", page.pk)

    @staticmethod
    def resolve_content(page, info):
        return editorjs(page.content)

    @staticmethod
    def resolve_seo_title(page, info):
        return page.title

    @staticmethod
    def resolve_seo_description(page, info):
        return page.seo_description or None

    @staticmethod
    def resolve_created(page, info):
        return page.created_at

    @staticmethod
    def resolve_page_type(page, info):
        return {"id": to_global_id("PageType", "content"), "name": "Nội dung", "slug": "content"}

    @staticmethod
    def resolve_media(page, info):
        return []

    @staticmethod
    def resolve_translation(page, info, language_code):
        english = is_english(language_code)
        title = (page.title_en or page.title) if english else page.title
        content = (page.content_en or page.content) if english else page.content
        return {
            "id": to_global_id("PageTranslation", page.pk),
            "language": language_display(language_code),
            "title": title,
            "content": editorjs(content),
            "seo_title": title,
            "seo_description": page.seo_description or None,
        }


class MenuItem(ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    level = graphene.Int(required=True)
    url = graphene.String()
    category = graphene.Field(Category)
    collection = graphene.Field(Collection)
    page = graphene.Field(Page)
    children = graphene.List(graphene.NonNull(lambda: MenuItem))
    menu = graphene.Field(lambda: Menu, required=True)
    parent = graphene.Field(lambda: MenuItem)
    translation = translation_field(MenuItemTranslation)

    @staticmethod
    def resolve_menu(item, info):
        return menu(item["menu"])

    @staticmethod
    def resolve_translation(item, info, language_code):
        name = item["name_en"] if is_english(language_code) else item["name"]
        return translation("MenuItemTranslation", item["key"], language_code, name=name)


class Menu(ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(MenuItem))


def _item(menu: str, key, name: str, level: int, name_en: str = "", **target) -> dict:
    return {
        "id": to_global_id("MenuItem", f"{menu}:{key}"),
        "key": f"{menu}:{key}",
        "menu": menu,
        "parent": None,
        "name": name,
        "name_en": name_en or name,
        "level": level,
        "url": None,
        "category": None,
        "collection": None,
        "page": None,
        "children": [],
        **target,
    }


def navbar() -> list[dict]:
    """The OCOP groups, each with its sub-groups."""
    groups = list(ProductGroup.objects.order_by("code"))
    items = []
    for group in (group for group in groups if group.parent_id is None):
        item = _item("navbar", group.pk, group.name, 0, group.name_en, category=group)
        item["children"] = [
            {
                **_item("navbar", child.pk, child.name, 1, child.name_en, category=child),
                "parent": item,
            }
            for child in groups
            if child.parent_id == group.pk
        ]
        items.append(item)
    return items


def footer() -> list[dict]:
    """The star collections, then the published content pages."""
    items = [
        _item(
            "footer",
            f"stars-{stars}",
            f"Sản phẩm OCOP {stars} sao",
            0,
            f"OCOP {stars}-star products",
            collection=stars,
        )
        for stars in STAR_COLLECTIONS
    ]
    pages = PageModel.objects.filter(is_published=True).order_by("slug")
    return items + [
        _item("footer", page.slug, page.title, 0, page.title_en, page=page) for page in pages
    ]


MENUS = {
    "navbar": ("Danh mục sản phẩm / Product groups", navbar),
    "footer": ("Cuối trang / Footer", footer),
}


def menu(slug: str) -> dict | None:
    if slug not in MENUS:
        return None
    title, build = MENUS[slug]
    return {"id": to_global_id("Menu", slug), "name": title, "slug": slug, "items": build()}


MenuCountableConnection = countable_connection(Menu, "Menu")
PageCountableConnection = countable_connection(Page, "Page")
MenuSortField = graphene.Enum("MenuSortField", [("NAME", "NAME"), ("ITEMS_COUNT", "ITEMS_COUNT")])
PageSortField = graphene.Enum(
    "PageSortField",
    [
        (name, name)
        for name in (
            "TITLE",
            "SLUG",
            "VISIBILITY",
            "CREATION_DATE",
            "PUBLICATION_DATE",
            "PUBLISHED_AT",
            "CREATED_AT",
        )
    ],
)


class MenuSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(MenuSortField, required=True)


class PageSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(PageSortField, required=True)


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slug = graphene.List(graphene.NonNull(graphene.String))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


def _menus(filter=None, sort_by=None) -> list[dict]:
    menus = [menu(slug) for slug in MENUS]
    filter = filter or {}
    if filter.get("metadata"):
        return []  # no metadata is stored
    slugs = (filter.get("slug") or []) + (filter.get("slugs") or [])
    if slugs:
        menus = [found for found in menus if found["slug"] in slugs]
    if filter.get("search"):
        menus = [
            found for found in menus if filter["search"].casefold() in found["name"].casefold()
        ]
    if sort_by:
        key = (
            (lambda m: len(m["items"]))
            if _value(sort_by["field"]) == "ITEMS_COUNT"
            else (lambda m: m["name"])
        )
        menus.sort(key=key, reverse=_value(sort_by["direction"]) == "DESC")
    return menus


def _pages(filter=None, sort_by=None):
    pages = PageModel.objects.filter(is_published=True)
    filter = filter or {}
    if filter.get("metadata"):
        return pages.none()  # no metadata is stored
    if filter.get("ids"):
        pages = pages.filter(pk__in=[from_global_id(value, "Page") for value in filter["ids"]])
    if filter.get("slugs"):
        pages = pages.filter(slug__in=filter["slugs"])
    if filter.get("search"):
        pages = pages.filter(title__icontains=filter["search"])
    field = {"TITLE": "title", "SLUG": "slug"}.get(
        _value((sort_by or {}).get("field")), "created_at"
    )
    if _value((sort_by or {}).get("direction")) == "DESC":
        return pages.order_by(f"-{field}", "-pk")
    return pages.order_by(field, "pk")


def _value(choice):
    return getattr(choice, "value", choice)


def _menu_slug(global_id: str) -> str | None:
    try:
        kind, _, slug = base64.b64decode(global_id, validate=True).decode().partition(":")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return slug if kind == "Menu" else None


class ContentQueries(graphene.ObjectType):
    menu = graphene.Field(
        Menu,
        id=graphene.ID(),
        name=graphene.String(),
        slug=graphene.String(),
        channel=graphene.String(),
    )
    menus = graphene.Field(
        MenuCountableConnection,
        channel=graphene.String(),
        sort_by=MenuSortingInput(),
        filter=MenuFilterInput(),
        **connection_args(),
    )
    page = graphene.Field(Page, id=graphene.ID(), slug=graphene.String())
    pages = graphene.Field(
        PageCountableConnection,
        sort_by=PageSortingInput(),
        filter=PageFilterInput(),
        **connection_args(),
    )
    channels = graphene.List(graphene.NonNull(Channel))

    @staticmethod
    def resolve_menus(root, info, filter=None, sort_by=None, channel=None, **page):
        return paginate(_menus(filter, sort_by), **page)

    @staticmethod
    def resolve_pages(root, info, filter=None, sort_by=None, **page):
        return paginate(_pages(filter, sort_by), **page)

    @staticmethod
    def resolve_menu(root, info, id=None, name=None, slug=None, channel=None):
        if id is not None:
            slug = _menu_slug(id)
        if name is not None and slug is None:
            slug = next((key for key, (title, _) in MENUS.items() if title == name), None)
        return menu(slug)

    @staticmethod
    def resolve_page(root, info, id=None, slug=None):
        pages = PageModel.objects.filter(is_published=True)
        if id is not None:
            return pages.filter(pk=from_global_id(id, "Page")).first()
        return pages.filter(slug=slug).first() if slug else None

    @staticmethod
    def resolve_channels(root, info):
        return ChannelModel.objects.filter(is_active=True).order_by("slug")
