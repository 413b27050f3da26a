"""Addresses that used to name a product, producer or tourism point: kept so that an old
link answers 301 to the current address (a slug never changes with the name; it changes
only when a new one is chosen, and the old one is remembered)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugKind(models.TextChoices):
    PRODUCT = "product", _("product")
    PRODUCER = "producer", _("producer")
    POINT = "point", _("tourism point")


class FormerSlug(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=SlugKind.choices)
    slug = models.SlugField(_("former slug"), max_length=200)
    object_id = models.PositiveBigIntegerField(_("object"))
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="former_slug_once_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}:{self.slug}"
