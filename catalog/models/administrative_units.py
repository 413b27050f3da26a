"""Administrative units, versioned: 2023 records keep reporting under their 2023 units."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.text import sort_key


class AdministrativeLevel(models.TextChoices):
    PROVINCE = "province", _("province / city")
    DISTRICT = "district", _("district")
    COMMUNE = "commune", _("commune / ward")


class AdministrativeUnit(models.Model):
    level = models.CharField(_("level"), max_length=16, choices=AdministrativeLevel.choices)
    kind = models.CharField(
        _("kind"), max_length=32, help_text=_("e.g. tỉnh, thành phố, huyện, xã, phường, thị trấn")
    )
    code = models.CharField(_("official code"), max_length=16)
    name = models.CharField(_("name"), max_length=128)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("successor units"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )
    sort_name = models.CharField(max_length=300, editable=False, db_index=True, db_collation="C")

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_version"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.kind.capitalize()} {self.name}" if self.kind else self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        super().save(*args, **kwargs)

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
