"""A producer's home-delivery rates: flat or by weight, for the provinces it serves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateKind(models.TextChoices):
    FLAT = "flat", _("flat rate")
    WEIGHT = "weight", _("by weight")


class DeliveryRate(models.Model):
    producer = models.ForeignKey(
        "catalog.Producer", on_delete=models.CASCADE, related_name="delivery_rates"
    )
    channel = models.ForeignKey(
        "channels.Channel", on_delete=models.CASCADE, related_name="delivery_rates"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=RateKind.choices)
    base_amount = models.DecimalField(_("base price"), max_digits=14, decimal_places=2)
    per_kg_amount = models.DecimalField(
        _("price per started kilogram"), max_digits=14, decimal_places=2, default=0
    )
    provinces = models.ManyToManyField(
        "catalog.AdministrativeUnit",
        verbose_name=_("provinces served"),
        related_name="+",
        limit_choices_to={"level": "province"},
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("delivery rate")
        verbose_name_plural = _("delivery rates")
        ordering = ["producer", "base_amount"]

    def __str__(self):
        return f"{self.producer}: {self.name}"
