"""Council ratings and the certificates that follow from them."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.utils.translation import gettext_lazy as _

from catalog.models.rule_sets import CouncilLevel


class RatingStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    FORWARDED = "forwarded", _("forwarded to the next level")
    CERTIFIED = "certified", _("certified")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")
    SUPERSEDED = "superseded", _("superseded")


class DateRange(Func):
    function = "daterange"
    output_field = DateRangeField()


class Rating(models.Model):
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    rule_set = models.ForeignKey(
        "catalog.RuleSet", verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="+"
    )
    council_level = models.CharField(
        _("council level"), max_length=16, choices=CouncilLevel.choices
    )
    mean_score = models.DecimalField(_("mean score"), max_digits=5, decimal_places=2)
    stars = models.PositiveSmallIntegerField(_("stars"))
    mandatory_criteria_met_up_to = models.PositiveSmallIntegerField(
        _("mandatory criteria met up to (stars)"),
        null=True,
        blank=True,
        help_text=_("Highest star level whose mandatory criteria the product meets."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RatingStatus.choices, default=RatingStatus.PROPOSED
    )
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces rating"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    nominated_by = models.ForeignKey(
        "self",
        verbose_name=_("nominated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        help_text=_("The lower council's rating that forwarded the product to this council."),
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("revocation reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-decision_date", "-created_at"]
        constraints = [
            ExclusionConstraint(
                name="one_valid_certificate_per_product",
                expressions=[
                    ("product", RangeOperators.EQUAL),
                    (
                        DateRange("valid_from", "valid_to", models.Value("[]")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(status="certified"),
            ),
            models.CheckConstraint(
                condition=~Q(status="certified")
                | (
                    Q(valid_from__isnull=False)
                    & Q(valid_to__isnull=False)
                    & Q(stars__gte=3)
                    & ~Q(certificate_number="")
                ),
                name="certified_rating_has_certificate",
            ),
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~Q(certificate_number=""),
                name="certificate_number_unique",
            ),
        ]

    def __str__(self):
        label = self.certificate_number or _("proposed")
        return f"{self.product} – {self.stars}★ ({label})"


class CouncilMemberScore(models.Model):
    rating = models.ForeignKey(
        Rating, verbose_name=_("rating"), on_delete=models.CASCADE, related_name="member_scores"
    )
    member_name = models.CharField(_("council member"), max_length=200)
    score_a = models.DecimalField(_("part A"), max_digits=5, decimal_places=2)
    score_b = models.DecimalField(_("part B"), max_digits=5, decimal_places=2)
    score_c = models.DecimalField(_("part C"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("council member score")
        verbose_name_plural = _("council member scores")
        ordering = ["rating", "pk"]

    def __str__(self):
        return f"{self.member_name}: {self.total}"

    @property
    def total(self):
        return self.score_a + self.score_b + self.score_c
