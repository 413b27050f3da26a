"""Warehouses (a producer's or a sales point's), stock per variant, and allocations."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Warehouse(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="warehouses",
        help_text=_("Empty for a sales point's warehouse, which holds several producers' goods."),
    )
    street_address = models.CharField(_("street address"), max_length=255)
    commune = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("commune / ward"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_pickup_point = models.BooleanField(
        _("customers may pick up here"),
        default=False,
    )
    channels = models.ManyToManyField(
        "channels.Channel", verbose_name=_("channels served"), related_name="warehouses", blank=True
    )

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="stocks")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="stocks"
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=0)
    quantity_allocated = models.PositiveIntegerField(_("allocated"), default=0)

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stock")
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "variant"], name="stock_once"),
            # The last line of defence against overselling.
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")), name="stock_not_overallocated"
            ),
        ]

    def __str__(self):
        return f"{self.variant} @ {self.warehouse}: {self.quantity_available}"

    @property
    def quantity_available(self) -> int:
        return self.quantity - self.quantity_allocated


class Allocation(models.Model):
    """Units of one order line reserved in one stock until shipped or released."""

    order_line = models.ForeignKey(
        "orders.OrderLine", on_delete=models.CASCADE, related_name="allocations"
    )
    stock = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="allocations")
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order_line", "stock"], name="allocation_once"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.stock}"


class MovementKind(models.TextChoices):
    COUNT = "count", _("stock count")
    ALLOCATED = "allocated", _("held for an order")
    RELEASED = "released", _("order cancelled: hold released")
    SHIPPED = "shipped", _("sold and shipped")
    KIOSK_SALE = "kiosk_sale", _("sold at a kiosk")


class StockAdjustment(models.Model):
    """Every movement of a stock row: who or what changed it, when, why, and by how much.
    Counts and sales change the quantity; holds for orders change what is allocated."""

    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(
        _("kind"), max_length=16, choices=MovementKind.choices, default=MovementKind.COUNT
    )
    change = models.IntegerField(_("change"))
    allocated_change = models.IntegerField(_("change in allocated"), default=0)
    order_line = models.ForeignKey(
        "orders.OrderLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quantity_after = models.PositiveIntegerField(_("quantity after"))
    reason = models.CharField(_("reason"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stock adjustment")
        verbose_name_plural = _("stock adjustments")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.stock}: {self.change:+d} ({self.reason})"
