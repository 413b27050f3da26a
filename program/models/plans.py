"""Annual plans, their targets, and the quality inspections that one target counts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    NEWLY_CERTIFIED = "newly_certified", _("products newly certified 3★ or more")
    UPGRADED = "upgraded", _("products upgraded from 3★ to 4★")
    STANDARD_DOSSIER = (
        "standard_dossier",
        _("products with quality declaration, GTIN and traceability stamps"),
    )
    PACKAGING_SUPPORT = "packaging_support", _("products with packaging and label support")
    DISPLAY_POINTS = "display_points", _("open display-and-sales points at tourist sites")
    MODERN_CHANNEL_PRODUCERS = "modern_channels", _("producers selling through modern channels")
    REVENUE = "revenue", _("revenue (₫)")
    FAIRS_ATTENDED = "fairs_attended", _("trade fairs attended")
    EXPIRING_CERTIFICATES = "expiring_certificates", _("certificates expiring within 90 days")
    INSPECTIONS = "inspections", _("quality inspections done")


class Plan(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    administrative_unit = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=300)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["year", "administrative_unit"], name="one_plan_a_year")
        ]

    def __str__(self):
        return f"{self.year} – {self.title}"


class Target(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="targets"
    )
    metric = models.CharField(_("metric"), max_length=32, choices=Metric.choices)
    channel_kind = models.CharField(
        _("channel kind"),
        max_length=16,
        blank=True,
        help_text=_("Only for revenue: one channel kind, or blank for all."),
    )
    minimum = models.DecimalField(_("minimum"), max_digits=16, decimal_places=0)
    maximum = models.DecimalField(
        _("maximum"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=F("minimum")),
                name="target_range",
            ),
            models.CheckConstraint(condition=Q(minimum__gte=0), name="target_minimum"),
        ]

    def __str__(self):
        upper = f"–{self.maximum}" if self.maximum is not None else "+"
        return f"{self.get_metric_display()}: {self.minimum}{upper}"


class InspectionResult(models.TextChoices):
    PASSED = "passed", _("passed")
    FOLLOW_UP = "follow_up", _("passed with follow-up")
    FAILED = "failed", _("failed")


class Inspection(models.Model):
    """A quality inspection at a producer after rating."""

    inspected_on = models.DateField(_("date"))
    producer = models.ForeignKey(
        "catalog.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    inspectors = models.CharField(_("inspectors"), max_length=300)
    findings = models.TextField(_("findings"), blank=True)
    result = models.CharField(_("result"), max_length=16, choices=InspectionResult.choices)
    follow_up = models.TextField(_("follow-up"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("quality inspection")
        verbose_name_plural = _("quality inspections")
        ordering = ["-inspected_on"]

    def __str__(self):
        return f"{self.inspected_on} {self.producer}"
