"""The programme's sales ledger: one row per paid order line, a negative row per refund."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.channels.models import ChannelKind


class EntryKind(models.TextChoices):
    SALE = "sale", _("sale")
    REFUND = "refund", _("refund")
    EXTERNAL = "external", _("imported sale")
    CORRECTION = "correction", _("correction")


class SalesLedgerEntry(models.Model):
    """Append-only: rows are added, never changed; a correction is a new row."""

    source = models.CharField(
        _("source"),
        max_length=80,
        unique=True,
        help_text=_("What the row records (order line, refund line, import row); never twice."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    entry_date = models.DateField(_("date"))
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("variant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    producer = models.ForeignKey(
        "catalog.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="+"
    )
    administrative_unit = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("producer's commune / ward"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.ForeignKey(
        "channels.Channel",
        verbose_name=_("channel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel_kind = models.CharField(_("channel kind"), max_length=16, choices=ChannelKind.choices)
    sales_point = models.ForeignKey(
        "tourism.TourismPoint",
        verbose_name=_("sales point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order_line = models.ForeignKey(
        "orders.OrderLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ledger_import = models.ForeignKey(
        "program.LedgerImport", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.IntegerField(_("quantity"))
    gross = models.DecimalField(_("gross amount"), max_digits=14, decimal_places=2)
    commission = models.DecimalField(_("commission"), max_digits=14, decimal_places=2)
    vat = models.DecimalField(_("VAT included"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sales ledger entry")
        verbose_name_plural = _("sales ledger")
        ordering = ["-entry_date", "-pk"]
        indexes = [
            # Dashboard aggregates read a period, often one area: index-only scans.
            models.Index(
                fields=["entry_date"],
                include=[
                    "administrative_unit",
                    "channel_kind",
                    "kind",
                    "producer",
                    "product",
                    "gross",
                    "commission",
                    "quantity",
                ],
                name="ledger_period_cover",
            ),
            models.Index(fields=["administrative_unit", "entry_date"], name="ledger_area_date"),
            models.Index(fields=["producer", "entry_date"], name="ledger_producer_date"),
        ]

    def __str__(self):
        return f"{self.entry_date} {self.source} {self.gross} {self.currency}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("The sales ledger is append-only: add a correction row instead.")
        super().save(*args, **kwargs)
