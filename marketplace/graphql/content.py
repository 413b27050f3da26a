"""Saleor's navigation and content for storefronts: `menu` (built from the OCOP groups,
star collections and content pages), `page`, and the public `channels` list."""

import base64
import binascii

import graphene

from catalog.models import ProductGroup
from marketplace.channels.models import Channel as ChannelModel
from marketplace.graphql.catalog_types import Category, Channel, Collection, editorjs
from marketplace.graphql.compat import LanguageCodeEnum, is_english
from marketplace.graphql.core import from_global_id, to_global_id
from marketplace.pages.models import Page as PageModel

STAR_COLLECTIONS = (5, 4, 3)


class PageType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)


class PageMedia(graphene.ObjectType):
    id = graphene.ID(required=True)
    url = graphene.String(required=True, size=graphene.Int())
    alt = graphene.String()


class PageTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String()
    content = graphene.JSONString()
    seo_title = graphene.String()
    seo_description = graphene.String()


class Page(graphene.ObjectType):
    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    title = graphene.String(required=True)
    content = graphene.JSONString()
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
            "title": title,
            "content": editorjs(content),
            "seo_title": title,
            "seo_description": page.seo_description or None,
        }


class MenuItem(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    level = graphene.Int(required=True)
    url = graphene.String()
    category = graphene.Field(Category)
    collection = graphene.Field(Collection)
    page = graphene.Field(Page)
    children = graphene.List(graphene.NonNull(lambda: MenuItem))


class Menu(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(MenuItem))


def _item(menu: str, key, name: str, level: int, **target) -> dict:
    return {
        "id": to_global_id("MenuItem", f"{menu}:{key}"),
        "name": name,
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
        item = _item("navbar", group.pk, group.name, 0, category=group)
        item["children"] = [
            _item("navbar", child.pk, child.name, 1, category=child)
            for child in groups
            if child.parent_id == group.pk
        ]
        items.append(item)
    return items


def footer() -> list[dict]:
    """The star collections, then the published content pages."""
    items = [
        _item("footer", f"stars-{stars}", f"Sản phẩm OCOP {stars} sao", 0, collection=stars)
        for stars in STAR_COLLECTIONS
    ]
    pages = PageModel.objects.filter(is_published=True).order_by("slug")
    return items + [_item("footer", page.slug, page.title, 0, page=page) for page in pages]


MENUS = {
    "navbar": ("Danh mục sản phẩm / Product groups", navbar),
    "footer": ("Cuối trang / Footer", footer),
}


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
    page = graphene.Field(Page, id=graphene.ID(), slug=graphene.String())
    channels = graphene.List(graphene.NonNull(Channel))

    @staticmethod
    def resolve_menu(root, info, id=None, name=None, slug=None, channel=None):
        if id is not None:
            slug = _menu_slug(id)
        if name is not None and slug is None:
            slug = next((key for key, (title, _) in MENUS.items() if title == name), None)
        if slug not in MENUS:
            return None
        title, build = MENUS[slug]
        return {"id": to_global_id("Menu", slug), "name": title, "slug": slug, "items": build()}

    @staticmethod
    def resolve_page(root, info, id=None, slug=None):
        pages = PageModel.objects.filter(is_published=True)
        if id is not None:
            return pages.filter(pk=from_global_id(id, "Page")).first()
        return pages.filter(slug=slug).first() if slug else None

    @staticmethod
    def resolve_channels(root, info):
        return ChannelModel.objects.filter(is_active=True).order_by("slug")
