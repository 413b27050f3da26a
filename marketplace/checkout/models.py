"""The checkout (cart): lines, contact, address and one delivery choice per producer."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Checkout(models.Model):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkouts",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    shipping_address = models.ForeignKey(
        "accounts.Address", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    billing_address = models.ForeignKey(
        "accounts.Address", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    payment_gateway = models.CharField(
        _("chosen payment method"),
        max_length=16,
        blank=True,
        help_text=_("Set through the API before completion (Saleor's checkoutPaymentCreate)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_change = models.DateTimeField(auto_now=True, db_index=True)
    completed_order = models.OneToOneField(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="checkout"
    )

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")

    def __str__(self):
        return str(self.token)


class CheckoutLine(models.Model):
    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["checkout", "variant"], name="checkout_variant_once"),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="line_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.variant}"


class DeliveryMethod(models.TextChoices):
    HOME_DELIVERY = "delivery", _("home delivery")
    PICKUP = "pickup", _("pickup at a sales point")


class CheckoutDelivery(models.Model):
    """How the items of one producer reach the buyer."""

    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="deliveries")
    producer = models.ForeignKey("catalog.Producer", on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=16, choices=DeliveryMethod.choices)
    rate = models.ForeignKey(
        "shipping.DeliveryRate", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pickup_warehouse = models.ForeignKey(
        "warehouses.Warehouse", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkout", "producer"], name="delivery_per_producer"),
        ]

    def __str__(self):
        return f"{self.producer}: {self.get_method_display()}"
