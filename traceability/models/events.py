"""Supply-chain events shaped like EPCIS 2.0: what, when, where, why."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.storage import private_storage


class EventType(models.TextChoices):
    OBJECT = "ObjectEvent", _("object event")
    AGGREGATION = "AggregationEvent", _("aggregation (packing)")
    TRANSFORMATION = "TransformationEvent", _("transformation (processing)")


class BusinessStep(models.TextChoices):
    COMMISSIONING = "commissioning", _("harvest / production")
    TRANSFORMING = "transforming", _("processing")
    PACKING = "packing", _("packing")
    INSPECTING = "inspecting", _("inspection")
    SHIPPING = "shipping", _("shipping")
    RETAIL_SELLING = "retail_selling", _("sale")


class Disposition(models.TextChoices):
    ACTIVE = "active", _("active")
    IN_PROGRESS = "in_progress", _("in progress")
    IN_TRANSIT = "in_transit", _("in transit")
    CONFORMANT = "conformant", _("conformant")
    RETAIL_SOLD = "retail_sold", _("sold")
    RECALLED = "recalled", _("recalled")


class TraceEvent(models.Model):
    lot = models.ForeignKey(
        "traceability.Lot", verbose_name=_("lot"), on_delete=models.CASCADE, related_name="events"
    )
    event_type = models.CharField(_("event type"), max_length=24, choices=EventType.choices)
    action = models.CharField(_("action"), max_length=8, default="OBSERVE")
    business_step = models.CharField(
        _("business step"), max_length=24, choices=BusinessStep.choices
    )
    disposition = models.CharField(_("disposition"), max_length=24, choices=Disposition.choices)
    event_time = models.DateTimeField(_("event time"))
    time_zone_offset = models.CharField(_("time zone offset"), max_length=6, default="+07:00")
    read_point = models.CharField(_("read point"), max_length=200)
    business_location = models.CharField(_("business location"), max_length=200)
    input_lots = models.ManyToManyField(
        "traceability.Lot", verbose_name=_("input lots"), blank=True, related_name="used_in"
    )
    description = models.TextField(_("description"), blank=True)
    # A photo or paper kept with the event: private storage under a random name, images
    # without their metadata (a phone photo's EXIF holds the farm's GPS position); shown
    # to the producer and staff through signed links.
    evidence = models.FileField(
        _("evidence"), upload_to="lots/events/%Y/", blank=True, storage=private_storage
    )

    class Meta:
        verbose_name = _("trace event")
        verbose_name_plural = _("trace events")
        ordering = ["event_time", "pk"]

    def __str__(self):
        return f"{self.get_business_step_display()} {self.event_time:%Y-%m-%d}"
