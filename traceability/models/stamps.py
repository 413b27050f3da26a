"""Stamp batches, stamps with unguessable serials, and the scan log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.storage import private_storage


class BatchStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    VOIDED = "voided", _("voided")


class StampBatch(models.Model):
    lot = models.ForeignKey(
        "traceability.Lot", verbose_name=_("lot"), on_delete=models.PROTECT, related_name="batches"
    )
    count = models.PositiveIntegerField(_("stamps"))
    status = models.CharField(
        _("status"), max_length=8, choices=BatchStatus.choices, default=BatchStatus.ACTIVE
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    # The printable A4 sheets, kept in media storage (private: the serials are on them);
    # `sheet_stamps` is how many stamps they carry, so voiding some makes them stale.
    sheet = models.FileField(
        _("printable sheets"), upload_to="stamps/", blank=True, storage=private_storage
    )
    sheet_stamps = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("stamp batch")
        verbose_name_plural = _("stamp batches")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"#{self.pk} {self.lot.code} ({self.count})"


class StampStatus(models.TextChoices):
    ISSUED = "issued", _("issued")
    ACTIVATED = "activated", _("activated")
    VOIDED = "voided", _("voided")


class Stamp(models.Model):
    batch = models.ForeignKey(StampBatch, on_delete=models.CASCADE, related_name="stamps")
    serial = models.CharField(_("serial"), max_length=14, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StampStatus.choices, default=StampStatus.ISSUED
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    scan_count = models.PositiveIntegerField(_("scans"), default=0)
    first_scanned_at = models.DateTimeField(null=True, blank=True)
    last_scanned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("stamp")
        verbose_name_plural = _("stamps")
        ordering = ["pk"]

    def __str__(self):
        return self.serial


class ScanVerdict(models.TextChoices):
    GENUINE_FIRST = "genuine_first", _("genuine, first verification")
    GENUINE_REPEAT = "genuine_repeat", _("genuine, scanned before")
    UNKNOWN = "unknown", _("unknown code")
    MISTYPED = "mistyped", _("mistyped serial")
    VOIDED = "voided", _("voided")
    RECALLED = "recalled", _("lot recalled")
    EXPIRED = "expired", _("past expiry")


class Scan(models.Model):
    stamp = models.ForeignKey(
        Stamp, null=True, blank=True, on_delete=models.CASCADE, related_name="scans"
    )
    gtin = models.CharField(max_length=14)
    lot_code = models.CharField(max_length=20, blank=True)
    serial_text = models.CharField(max_length=40)
    verdict = models.CharField(max_length=16, choices=ScanVerdict.choices)
    scanned_at = models.DateTimeField(auto_now_add=True, db_index=True)
    client_hash = models.CharField(max_length=64, db_index=True)
    user_agent = models.CharField(max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    longitude = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scan log")
        ordering = ["-scanned_at"]

    def __str__(self):
        return f"{self.serial_text} {self.verdict}"


class FlagKind(models.TextChoices):
    MANY_SCANS = "many_scans", _("many scans of one serial")
    FAR_APART = "far_apart", _("scans far apart within a short time")
    UNKNOWN_BURST = "unknown_burst", _("burst of unknown or voided serials")
    SCANNED_AFTER_RECALL = "after_recall", _("scanned after recall")


class CounterfeitFlag(models.Model):
    kind = models.CharField(_("signal"), max_length=16, choices=FlagKind.choices)
    stamp = models.ForeignKey(
        Stamp, null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    client_hash = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict)
    raised_at = models.DateTimeField(auto_now_add=True)
    is_resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("counterfeit signal")
        verbose_name_plural = _("counterfeit signals")
        ordering = ["-raised_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.stamp or self.client_hash[:8]}"
