"""Tourism and display-and-sales points, and the products shown at each."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.text import sort_key


class PointKind(models.TextChoices):
    HERITAGE_SITE = "heritage", _("heritage site")
    ATTRACTION = "attraction", _("tourist attraction")
    CRAFT_VILLAGE = "craft_village", _("craft village")
    REST_STOP = "rest_stop", _("rest stop")
    FAIR = "fair", _("trade fair")


class PointStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class TourismPoint(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=PointKind.choices)
    street_address = models.CharField(_("street address"), max_length=255)
    commune = models.ForeignKey(
        "catalog.AdministrativeUnit",
        verbose_name=_("commune / ward"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "commune"},
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("e.g. 7:30–17:00 daily")
    )
    description = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PointStatus.choices, default=PointStatus.PLANNED
    )
    opened_on = models.DateField(_("opening date"), null=True, blank=True)
    channel = models.ForeignKey(
        "channels.Channel",
        verbose_name=_("kiosk channel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tourism_points",
    )
    warehouse = models.OneToOneField(
        "warehouses.Warehouse",
        verbose_name=_("warehouse for sales and pickup"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tourism_point",
    )
    sort_name = models.CharField(max_length=400, editable=False, db_index=True, db_collation="C")

    class Meta:
        verbose_name = _("tourism point")
        verbose_name_plural = _("tourism points")
        ordering = ["sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="tourism_point_coordinates",
            ),
            models.CheckConstraint(
                condition=~Q(status="open") | Q(opened_on__isnull=False),
                name="open_point_has_opening_date",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def directions_url(self) -> str:
        return (
            "https://www.openstreetmap.org/directions?to="
            f"{self.latitude}%2C{self.longitude}#map=16/{self.latitude}/{self.longitude}"
        )


class TourismPointPhoto(models.Model):
    point = models.ForeignKey(
        TourismPoint, verbose_name=_("point"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to="tourism/%Y/")
    alt = models.CharField(_("alternative text"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["point", "sort_order", "pk"]

    def __str__(self):
        return self.alt


class ProductDisplay(models.Model):
    """A product on display (and usually for sale) at a point between two dates."""

    point = models.ForeignKey(
        TourismPoint, verbose_name=_("point"), on_delete=models.CASCADE, related_name="displays"
    )
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="displays",
    )
    since = models.DateField(_("on display since"))
    until = models.DateField(_("on display until"), null=True, blank=True)

    class Meta:
        verbose_name = _("product on display")
        verbose_name_plural = _("products on display")
        ordering = ["point", "since"]
        constraints = [
            models.UniqueConstraint(
                fields=["point", "product", "since"], name="display_once_per_start"
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="display_range_valid",
            ),
        ]

    def __str__(self):
        return f"{self.product} @ {self.point}"
