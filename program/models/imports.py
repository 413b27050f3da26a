"""Sales made outside the system, imported from a CSV or XLSX file after a preview."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("previewed")
    IMPORTED = "imported", _("imported")
    REFUSED = "refused", _("refused")


class LedgerImport(models.Model):
    filename = models.CharField(_("file"), max_length=255)
    digest = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Set when a producer imports: every row must be its own product."),
    )
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices)
    rows = models.JSONField(_("rows"), default=list)
    errors = models.JSONField(_("errors"), default=list)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sales import")
        verbose_name_plural = _("sales imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} {self.filename} ({self.get_status_display()})"
