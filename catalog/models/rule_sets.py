"""Rating rule sets as data: part weights, star bands, and which level certifies what."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilLevel(models.TextChoices):
    COMMUNE = "commune", _("commune")
    DISTRICT = "district", _("district")
    PROVINCE = "province", _("province")
    CENTRAL = "central", _("central")


class RuleSet(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    title = models.CharField(_("title"), max_length=300)
    applies_from = models.DateField(_("applies from"))
    applies_to = models.DateField(_("applies to"), null=True, blank=True)
    weight_a = models.PositiveSmallIntegerField(_("part A weight (product and community)"))
    weight_b = models.PositiveSmallIntegerField(_("part B weight (marketing)"))
    weight_c = models.PositiveSmallIntegerField(_("part C weight (quality)"))
    has_mandatory_criteria = models.BooleanField(_("has mandatory criteria"), default=False)
    validity_months = models.PositiveSmallIntegerField(_("certificate validity (months)"))
    expiry_notice_days = models.PositiveSmallIntegerField(_("expiry notice (days)"))

    class Meta:
        verbose_name = _("rating rule set")
        verbose_name_plural = _("rating rule sets")
        ordering = ["applies_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight_a__gte=0)
                & models.Q(
                    weight_a=100 - models.F("weight_b") - models.F("weight_c"),
                ),
                name="rule_set_weights_sum_to_100",
            )
        ]

    def __str__(self):
        return self.decision_number

    def is_in_force_on(self, day) -> bool:
        return self.applies_from <= day and (self.applies_to is None or day <= self.applies_to)


class StarBand(models.Model):
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="star_bands"
    )
    stars = models.PositiveSmallIntegerField(_("stars"))
    min_score = models.DecimalField(_("minimum mean score"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("star band")
        verbose_name_plural = _("star bands")
        ordering = ["rule_set", "stars"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "stars"], name="star_band_once"),
        ]

    def __str__(self):
        return f"{self.stars}★ ≥ {self.min_score}"


class CouncilLevelRule(models.Model):
    """What one council level may do under a rule set."""

    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="level_rules"
    )
    level = models.CharField(_("council level"), max_length=16, choices=CouncilLevel.choices)
    certifiable_stars = ArrayField(
        models.PositiveSmallIntegerField(), verbose_name=_("stars it certifies"), blank=True
    )
    forward_min_score = models.DecimalField(
        _("forwards to the next level from score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("council level rule")
        verbose_name_plural = _("council level rules")
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "level"], name="level_rule_once"),
        ]

    def __str__(self):
        return f"{self.rule_set}: {self.get_level_display()}"
