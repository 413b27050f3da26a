"""Sales channels and what each one lists at what price (Saleor's channel listings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.money import DEFAULT_CURRENCY


class ChannelKind(models.TextChoices):
    ONLINE = "online", _("online shop")
    KIOSK = "kiosk", _("kiosk")
    TOURISM_POINT = "tourism_point", _("tourism point")
    FAIR = "fair", _("trade fair")
    SUPERMARKET = "supermarket", _("supermarket")


class Channel(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3, default=DEFAULT_CURRENCY)
    default_country = models.CharField(_("default country"), max_length=2, default="VN")
    kind = models.CharField(_("kind"), max_length=16, choices=ChannelKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    payment_gateways = models.JSONField(
        _("payment methods"),
        default=list,
        help_text=_("Gateways offered in this channel: stripe, cod, vietqr, cash."),
    )

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProductChannelListing(models.Model):
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="product_listings")
    is_published = models.BooleanField(_("published"), default=False)
    visible_in_listings = models.BooleanField(_("visible in listings"), default=True)
    available_for_purchase_at = models.DateTimeField(
        _("available for purchase from"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("product channel listing")
        verbose_name_plural = _("product channel listings")
        constraints = [
            models.UniqueConstraint(fields=["product", "channel"], name="product_listed_once")
        ]

    def __str__(self):
        return f"{self.product} @ {self.channel}"


class VariantChannelListing(models.Model):
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="variant_listings")
    price_amount = models.DecimalField(_("price"), max_digits=14, decimal_places=2)
    cost_price_amount = models.DecimalField(
        _("cost price"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default=DEFAULT_CURRENCY)

    class Meta:
        verbose_name = _("variant price")
        verbose_name_plural = _("variant prices")
        constraints = [
            models.UniqueConstraint(fields=["variant", "channel"], name="variant_priced_once"),
            models.CheckConstraint(
                condition=models.Q(price_amount__gte=0), name="price_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.variant} @ {self.channel}: {self.price_amount} {self.currency}"


class VariantPriceChange(models.Model):
    """One price a variant had in a channel from `valid_from` on: the price list's history.

    Rows are written by a database trigger on every insert or price update of a
    `VariantChannelListing`, whatever code wrote it (services, admin, bulk updates), so
    a kiosk sale made offline is priced by the list as it stood when the kiosk read it."""

    listing = models.ForeignKey(
        VariantChannelListing, on_delete=models.CASCADE, related_name="price_changes"
    )
    price_amount = models.DecimalField(_("price"), max_digits=14, decimal_places=2)
    valid_from = models.DateTimeField(_("valid from"), db_index=True)

    class Meta:
        verbose_name = _("price change")
        verbose_name_plural = _("price changes")
        ordering = ["listing", "valid_from"]

    def __str__(self):
        return f"{self.listing_id}: {self.price_amount} from {self.valid_from}"


class SheetImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("checked, not imported")
    APPLIED = "applied", _("imported")


class ProductSheetImport(models.Model):
    """A producer's spreadsheet of products: checked rows and errors, then applied."""

    producer = models.ForeignKey(
        "catalog.Producer", on_delete=models.CASCADE, related_name="sheet_imports"
    )
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SheetImportStatus.choices,
        default=SheetImportStatus.PREVIEWED,
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("product spreadsheet import")
        verbose_name_plural = _("product spreadsheet imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
