"""One payment model for every gateway, with an event history, refunds and bank transfers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Gateway(models.TextChoices):
    STRIPE = "stripe", _("card (Stripe)")
    COD = "cod", _("cash on delivery")
    VIETQR = "vietqr", _("VietQR bank transfer")
    CASH = "cash", _("cash at a kiosk")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    AWAITING_TRANSFER = "awaiting_transfer", _("awaiting transfer")
    PARTIALLY_CHARGED = "partially_charged", _("partially charged")
    CHARGED = "charged", _("charged")
    FAILED = "failed", _("failed")
    NEEDS_REVIEW = "needs_review", _("needs review")
    PARTIALLY_REFUNDED = "partially_refunded", _("partially refunded")
    REFUNDED = "refunded", _("refunded")
    CANCELLED = "cancelled", _("cancelled")


class Payment(models.Model):
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="payments")
    gateway = models.CharField(_("method"), max_length=16, choices=Gateway.choices)
    status = models.CharField(
        _("status"), max_length=24, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    captured_amount = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    refunded_amount = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    psp_reference = models.CharField(
        _("gateway reference"), max_length=255, blank=True, db_index=True
    )
    idempotency_key = models.CharField(max_length=255, unique=True)
    client_secret = models.CharField(max_length=255, blank=True)
    vietqr_payload = models.TextField(blank=True)
    transfer_code = models.CharField(
        _("transfer code"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("Another code a transfer note may carry (a kiosk sale's code)."),
    )
    cash_tendered = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    cash_change = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    review_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.get_gateway_display()} {self.amount} {self.currency} ({self.status})"


class PaymentEvent(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    psp_reference = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.type} {self.amount or ''}".strip()


class Refund(models.Model):
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    reason = models.TextField()
    psp_reference = models.CharField(max_length=255, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.order} −{self.amount}"


class RefundLine(models.Model):
    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        "orders.OrderLine", on_delete=models.PROTECT, related_name="refund_lines"
    )
    quantity = models.PositiveIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    commission_amount = models.DecimalField(max_digits=14, decimal_places=2)

    def __str__(self):
        return f"{self.quantity} × {self.order_line}"


class StripeEvent(models.Model):
    """Each Stripe webhook event is handled once: a replay finds its id here."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    outcome = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.event_id} {self.type}"


class TransferOutcome(models.TextChoices):
    MATCHED = "matched", _("matched: order paid")
    UNDERPAID = "underpaid", _("less than due: to decide")
    OVERPAID = "overpaid", _("more than due: to decide")
    UNMATCHED = "unmatched", _("no order code: to decide")
    ALREADY_PAID = "already_paid", _("order already paid: to decide")


class BankTransfer(models.Model):
    """A credit line of a bank statement, and what reconciliation made of it."""

    reference = models.CharField(_("bank reference"), max_length=100, unique=True)
    booked_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    note = models.CharField(_("transfer note"), max_length=500)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=TransferOutcome.choices)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")
        ordering = ["-booked_on", "reference"]

    def __str__(self):
        return f"{self.reference} {self.amount}"
