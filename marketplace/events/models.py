"""The append-only event log and the record of each delivery to a subscriber."""

from django.db import models


class Event(models.Model):
    type = models.CharField(max_length=64, db_index=True)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"#{self.pk} {self.type}"


class EventDelivery(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="deliveries")
    subscriber = models.CharField(max_length=200)
    succeeded = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "subscriber"], name="delivery_once"),
        ]

    def __str__(self):
        return f"{self.event} → {self.subscriber}"
