"""Content pages (about the programme, delivery and returns), as Saleor's `Page`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    content = models.TextField(_("content (Vietnamese)"), blank=True)
    content_en = models.TextField(_("content (English)"), blank=True)
    seo_description = models.CharField(_("search description"), max_length=300, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title
