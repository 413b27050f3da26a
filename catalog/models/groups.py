"""OCOP product groups of Decision 148 and the 26 product sets of the 2019 rules."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def filed_under(lookup: str, value) -> Q:
    """Products filed under the groups matched by `group__<lookup>=value`, at any depth of
    the classification (a sector takes in its groups and their sub-groups): the one place
    that knows how deep it goes."""
    return (
        Q(**{f"group__{lookup}": value})
        | Q(**{f"group__parent__{lookup}": value})
        | Q(**{f"group__parent__parent__{lookup}": value})
    )


class ProductGroup(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subgroups",
    )
    examples = models.CharField(_("examples"), max_length=300, blank=True)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        default=10,
        choices=[(0, "0 %"), (5, "5 %"), (8, "8 %"), (10, "10 %")],
        help_text=_("Value-added tax included in the prices of this group's products."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def is_top_level(self) -> bool:
        return self.parent_id is None

    @property
    def is_leaf(self) -> bool:
        """Where a product is filed: a sub-group (phân nhóm, 1.1a) or a group that is
        not divided (1.6, 3.1)."""
        return self.parent_id is not None and not self.subgroups.exists()


class LegacyProductSet(models.Model):
    """A product set (bộ sản phẩm) of Decision 1048/2019 and the Decision 148 sub-groups
    (phân nhóm) it became."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    maps_to = models.ManyToManyField(
        ProductGroup,
        verbose_name=_("Decision 148 sub-groups"),
        related_name="legacy_sets",
    )

    class Meta:
        verbose_name = _("2019 product set")
        verbose_name_plural = _("2019 product sets")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"
