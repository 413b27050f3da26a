"""Producers: the OCOP subjects (chủ thể OCOP) that make and sell the products."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.storage import private_storage
from catalog.text import sort_key
from catalog.validators import (
    validate_bank_account,
    validate_bank_bin,
    validate_phone,
    validate_registration_number,
)


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("cooperative")
    COOPERATIVE_GROUP = "cooperative_group", _("cooperative group")
    ENTERPRISE = "enterprise", _("enterprise")
    FARM = "farm", _("farm")
    HOUSEHOLD = "household", _("registered household business")


class ProducerStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    APPROVED = "approved", _("approved")
    SUSPENDED = "suspended", _("suspended")
    REJECTED = "rejected", _("rejected")


class Producer(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    registration_number = models.CharField(
        _("business registration or tax number"),
        max_length=20,
        unique=True,
        validators=[validate_registration_number],
    )
    street_address = models.CharField(_("street address"), max_length=255)
    commune = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("commune / ward"),
        on_delete=models.PROTECT,
        related_name="producers",
        limit_choices_to={"level": "commune"},
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    bank_bin = models.CharField(
        _("bank BIN"), max_length=6, blank=True, validators=[validate_bank_bin]
    )
    bank_account = models.CharField(
        _("bank account number"), max_length=19, blank=True, validators=[validate_bank_account]
    )
    bank_account_name = models.CharField(_("account holder"), max_length=200, blank=True)
    story = models.TextField(_("story"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProducerStatus.choices,
        default=ProducerStatus.APPLIED,
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stamp_monthly_limit = models.PositiveIntegerField(
        _("stamps a month"),
        default=50_000,
        help_text=_("Stamps the producer may issue in a calendar month (set by the programme)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sort_name = models.CharField(max_length=400, editable=False, db_index=True, db_collation="C")

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(bank_bin="") & models.Q(bank_account=""))
                | (~models.Q(bank_bin="") & ~models.Q(bank_account="")),
                name="producer_bank_bin_with_account",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        renamed = (
            self.pk is not None
            and type(self).objects.filter(pk=self.pk).exclude(name=self.name).exists()
        )
        super().save(*args, **kwargs)
        if renamed:  # products are found by their producer's name too
            for product in self.products.select_related("group"):
                product.save(update_fields=["search_text"])


class ProducerDocumentKind(models.TextChoices):
    BUSINESS_REGISTRATION = "business_registration", _("business registration")
    FOOD_SAFETY_CERTIFICATE = "food_safety_certificate", _("food-safety certificate")
    OTHER = "other", _("other document")


class ProducerDocument(models.Model):
    """A paper sent with the application; private, read by the producer and staff only."""

    REQUIRED_KINDS = (
        ProducerDocumentKind.BUSINESS_REGISTRATION,
        ProducerDocumentKind.FOOD_SAFETY_CERTIFICATE,
    )

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=32, choices=ProducerDocumentKind.choices)
    file = models.FileField(_("file"), upload_to="producers/%Y/%m/", storage=private_storage)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("producer document")
        verbose_name_plural = _("producer documents")
        ordering = ["producer", "kind"]

    def __str__(self):
        return f"{self.producer} – {self.get_kind_display()}"
