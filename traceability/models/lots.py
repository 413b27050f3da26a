"""Lots: what was made or harvested together, where, with what inputs and evidence."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.storage import private_storage


class LotStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    RECALLED = "recalled", _("recalled")
    EXHAUSTED = "exhausted", _("exhausted")


class Lot(models.Model):
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("product variant"),
        on_delete=models.PROTECT,
        related_name="lots",
    )
    code = models.CharField(_("lot code"), max_length=20)
    production_date = models.DateField(_("production or harvest date"))
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=16)
    origin_name = models.CharField(_("farm or plot"), max_length=200)
    origin_unit = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("commune of origin"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=LotStatus.choices, default=LotStatus.ACTIVE
    )
    recalled_at = models.DateTimeField(_("recalled at"), null=True, blank=True)
    recall_reason = models.TextField(_("recall reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["-production_date", "code"]
        constraints = [
            # One GTIN per variant, so this is "lot code unique per GTIN".
            models.UniqueConstraint(fields=["variant", "code"], name="lot_code_per_gtin"),
        ]

    def __str__(self):
        return f"{self.code} – {self.variant}"


class CertificationKind(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    ORGANIC = "organic", _("organic")
    OTHER = "other", _("other")


class LotCertification(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField(_("kind"), max_length=16, choices=CertificationKind.choices)
    number = models.CharField(_("certificate number"), max_length=64)
    issuer = models.CharField(_("issuer"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    file = models.FileField(
        _("file"), upload_to="lots/certifications/", blank=True, storage=private_storage
    )

    class Meta:
        verbose_name = _("lot certification")
        verbose_name_plural = _("lot certifications")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class InputDiaryEntry(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="inputs")
    material = models.CharField(_("material"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=16)
    used_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("input diary entry")
        verbose_name_plural = _("input diary")
        ordering = ["used_on"]

    def __str__(self):
        return f"{self.used_on} {self.material} {self.quantity} {self.unit}"


class TestReport(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="test_reports")
    title = models.CharField(_("title"), max_length=200)
    laboratory = models.CharField(_("laboratory"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    file = models.FileField(_("file"), upload_to="lots/tests/", blank=True, storage=private_storage)

    class Meta:
        verbose_name = _("quality test report")
        verbose_name_plural = _("quality test reports")

    def __str__(self):
        return self.title
