"""Kiosk devices at fairs and tourism points, and the sales they sync, each exactly once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KioskDevice(models.Model):
    """A registered device: sells in one channel from one sales point's warehouse.

    Only hashes of the device token and of the operator's PIN are stored; the plain
    values are shown once, when the device is registered."""

    name = models.CharField(_("name"), max_length=200)
    channel = models.ForeignKey(
        "channels.Channel", verbose_name=_("channel"), on_delete=models.PROTECT, related_name="+"
    )
    warehouse = models.ForeignKey(
        "warehouses.Warehouse",
        verbose_name=_("sales point warehouse"),
        on_delete=models.PROTECT,
        related_name="kiosk_devices",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    pin_salt = models.CharField(max_length=32, editable=False)
    pin_hash = models.CharField(max_length=64, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_sync_at = models.DateTimeField(_("last sync"), null=True, blank=True)

    class Meta:
        verbose_name = _("kiosk device")
        verbose_name_plural = _("kiosk devices")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class SaleStatus(models.TextChoices):
    SYNCED = "synced", _("synced")
    FLAGGED = "flagged", _("synced, flagged for staff")


class KioskSale(models.Model):
    """One sale made on a device, keyed by the id the device gave it."""

    sale_id = models.UUIDField(_("device sale id"), unique=True)
    device = models.ForeignKey(
        KioskDevice, verbose_name=_("device"), on_delete=models.PROTECT, related_name="sales"
    )
    order = models.OneToOneField(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="kiosk_sale"
    )
    payment_method = models.CharField(_("payment"), max_length=16)
    sold_at = models.DateTimeField(_("sold at (device clock)"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=SaleStatus.choices)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    is_resolved = models.BooleanField(_("resolved by staff"), default=False)
    payload = models.JSONField(_("as sent by the device"))

    class Meta:
        verbose_name = _("kiosk sale")
        verbose_name_plural = _("kiosk sales")
        ordering = ["-sold_at"]

    def __str__(self):
        return f"{self.device} {self.sale_id}"
