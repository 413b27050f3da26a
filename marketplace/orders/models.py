"""Orders: one customer order, split into one sub-order per producer, with frozen lines."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("unconfirmed")
    UNFULFILLED = "unfulfilled", _("unfulfilled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("partially fulfilled")
    FULFILLED = "fulfilled", _("fulfilled")
    CANCELLED = "cancelled", _("cancelled")
    REFUNDED = "refunded", _("refunded")


class ChargeStatus(models.TextChoices):
    NONE = "none", _("not charged")
    PARTIAL = "partial", _("partially charged")
    FULL = "full", _("fully charged")
    OVERCHARGED = "overcharged", _("overcharged")
    REFUNDED = "refunded", _("refunded")


class Order(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checkout_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="orders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    shipping_address = models.JSONField(_("shipping address"), null=True, blank=True)
    billing_address = models.JSONField(_("billing address"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=OrderStatus.choices, default=OrderStatus.UNCONFIRMED
    )
    charge_status = models.CharField(
        _("payment"), max_length=16, choices=ChargeStatus.choices, default=ChargeStatus.NONE
    )
    currency = models.CharField(max_length=3)
    subtotal = models.DecimalField(_("subtotal"), max_digits=14, decimal_places=2)
    delivery_total = models.DecimalField(_("delivery"), max_digits=14, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2)
    total_charged = models.DecimalField(_("charged"), max_digits=14, decimal_places=2, default=0)
    total_refunded = models.DecimalField(_("refunded"), max_digits=14, decimal_places=2, default=0)
    created_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-pk"]

    def __str__(self):
        return self.code

    @property
    def code(self) -> str:
        """The order code customers quote and put in bank transfer notes (ASCII only)."""
        return f"OCOP{self.pk:06d}"


class ProducerOrderStatus(models.TextChoices):
    UNFULFILLED = "unfulfilled", _("unfulfilled")
    FULFILLED = "fulfilled", _("shipped")
    DELIVERED = "delivered", _("delivered")
    CANCELLED = "cancelled", _("cancelled")


class ProducerOrder(models.Model):
    """The part of an order that one producer packs, ships and is paid for."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="producer_orders")
    producer = models.ForeignKey(
        "catalog.Producer", on_delete=models.PROTECT, related_name="producer_orders"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProducerOrderStatus.choices,
        default=ProducerOrderStatus.UNFULFILLED,
    )
    delivery_method = models.CharField(_("delivery method"), max_length=16)
    delivery_name = models.CharField(_("delivery"), max_length=200)
    pickup_warehouse = models.ForeignKey(
        "warehouses.Warehouse", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subtotal = models.DecimalField(_("subtotal"), max_digits=14, decimal_places=2)
    delivery_price = models.DecimalField(_("delivery"), max_digits=14, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2)
    tracking_code = models.CharField(_("tracking code"), max_length=100, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("producer order")
        verbose_name_plural = _("producer orders")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "producer"], name="one_sub_order_per_producer")
        ]

    def __str__(self):
        return f"{self.order.code}-{self.producer_id}"


class OrderLine(models.Model):
    """A line frozen at order time: names, codes, price and commission do not change later."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    producer_order = models.ForeignKey(
        ProducerOrder, on_delete=models.CASCADE, related_name="lines"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_name = models.CharField(max_length=200)
    variant_name = models.CharField(max_length=200)
    sku = models.CharField(max_length=64)
    gtin = models.CharField(max_length=14, blank=True)
    producer_name = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    quantity_refunded = models.PositiveIntegerField(default=0)
    unit_price = models.DecimalField(max_digits=14, decimal_places=2)
    total = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    commission_rate = models.DecimalField(max_digits=5, decimal_places=2)
    commission_amount = models.DecimalField(max_digits=14, decimal_places=2)
    # VAT included in `total`, at the rate of the product's group on the day of the order.
    vat_rate = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    vat_amount = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.product_name} – {self.variant_name}"


class Fulfillment(models.Model):
    producer_order = models.ForeignKey(
        ProducerOrder, on_delete=models.CASCADE, related_name="fulfillments"
    )
    tracking_code = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.producer_order} {self.tracking_code}".strip()


class CommissionRule(models.Model):
    """The programme's commission: per producer, else per product group, else none."""

    producer = models.ForeignKey(
        "catalog.Producer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    product_group = models.ForeignKey(
        "catalog.ProductGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("commission rule")
        verbose_name_plural = _("commission rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(producer__isnull=False) ^ models.Q(product_group__isnull=False),
                name="commission_for_producer_or_group",
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gte=0) & models.Q(rate__lte=100),
                name="commission_rate_range",
            ),
            models.UniqueConstraint(fields=["producer"], name="one_rule_per_producer"),
            models.UniqueConstraint(fields=["product_group"], name="one_rule_per_group"),
        ]

    def __str__(self):
        return f"{self.producer or self.product_group}: {self.rate}%"
