"""Which area a commune or district user of the programme may see."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaAssignment(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="program_area",
    )
    administrative_unit = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("area assignment")
        verbose_name_plural = _("area assignments")

    def __str__(self):
        return f"{self.user} → {self.administrative_unit}"
