"""Readable, unique slugs from Vietnamese names ("Nước mắm" → "nuoc-mam", "nuoc-mam-2")."""

from django.utils.text import slugify

from catalog.text import unaccent


def free_slug(model, name: str, fallback: str) -> str:
    base = slugify(unaccent(name))[:180] or fallback
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
