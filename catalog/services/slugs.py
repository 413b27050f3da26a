"""Readable, unique slugs from Vietnamese names ("Nước mắm" → "nuoc-mam", "nuoc-mam-2"),
stable when the name changes; a replaced slug is remembered so its old address answers 301
to the new one."""

from django.db import transaction
from django.utils.text import slugify

from catalog.models import FormerSlug
from catalog.text import unaccent


def slug_of(name: str, fallback: str) -> str:
    """'Chả rươi Tứ Kỳ' → 'cha-ruoi-tu-ky' (no diacritics, đ → d)."""
    return slugify(unaccent(name))[:180] or fallback


def free_slug(model, name: str, fallback: str) -> str:
    base = slug_of(name, fallback)
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def remember(kind: str, old_slug: str, instance) -> None:
    """`instance` (already saved with its new slug) used to be at `old_slug`."""
    if old_slug and old_slug != instance.slug:
        FormerSlug.objects.update_or_create(
            kind=kind, slug=old_slug, defaults={"object_id": instance.pk}
        )
    FormerSlug.objects.filter(kind=kind, slug=instance.slug).delete()  # it names this now


@transaction.atomic
def change_slug(instance, kind: str, new_slug: str) -> None:
    """Give `instance` a new slug; its old one keeps leading to it."""
    old = instance.slug
    instance.slug = new_slug
    instance.save(update_fields=["slug"])
    remember(kind, old, instance)


class RemembersFormerSlug:
    """Admin mixin: a slug changed by hand keeps its old address leading to the object."""

    slug_kind = ""

    def save_model(self, request, obj, form, change):
        old = None
        if change and "slug" in form.changed_data:
            old = type(obj).objects.filter(pk=obj.pk).values_list("slug", flat=True).first()
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if old:
                remember(self.slug_kind, old, obj)


def current_slug(model, kind: str, old_slug: str) -> str | None:
    """The slug now of whatever `old_slug` used to name, if anything."""
    former = FormerSlug.objects.filter(kind=kind, slug=old_slug).first()
    if former is None:
        return None
    return model.objects.filter(pk=former.object_id).values_list("slug", flat=True).first()
