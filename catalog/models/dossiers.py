"""The product dossier (hồ sơ sản phẩm): checklist items, each with files and a review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.storage import private_storage


class DossierItemKind(models.TextChoices):
    REGISTRATION_FORM = "registration_form", _("registration form")
    BUSINESS_PLAN = "business_plan", _("business plan")
    BUSINESS_REGISTRATION = "business_registration", _("business registration")
    PRODUCT_SAMPLES = "product_samples", _("product samples")
    FOOD_SAFETY_CERTIFICATE = "food_safety_certificate", _("food-safety certificate")
    QUALITY_DECLARATION = "quality_declaration", _("quality declaration")
    TEST_REPORT = "test_report", _("test report")
    BARCODE = "barcode", _("barcode (GTIN)")
    TRACEABILITY_STAMP = "traceability_stamp", _("traceability stamp")
    TRADEMARK = "trademark", _("trademark")
    PRODUCT_STORY = "product_story", _("product story")
    PACKAGING_LABEL = "packaging_label", _("packaging and label")


class ReviewStatus(models.TextChoices):
    MISSING = "missing", _("missing")
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class DossierItem(models.Model):
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="dossier_items",
    )
    kind = models.CharField(_("item"), max_length=32, choices=DossierItemKind.choices)
    review_status = models.CharField(
        _("review status"),
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.MISSING,
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier item")
        verbose_name_plural = _("dossier items")
        ordering = ["product", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["product", "kind"], name="dossier_item_once")
        ]

    def __str__(self):
        return f"{self.product} – {self.get_kind_display()}"


class DossierFile(models.Model):
    item = models.ForeignKey(
        DossierItem, verbose_name=_("dossier item"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to="dossiers/%Y/%m/", storage=private_storage)
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")

    def __str__(self):
        return self.description or self.file.name
