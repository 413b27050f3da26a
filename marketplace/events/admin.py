from django.contrib import admin

from marketplace.events.models import Event, EventDelivery


class DeliveryInline(admin.TabularInline):
    model = EventDelivery
    fields = ["subscriber", "succeeded", "attempts", "last_error", "delivered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The log is append-only: nothing here can be changed or deleted."""

    list_display = ["pk", "type", "created_at"]
    list_filter = ["type"]
    readonly_fields = ["type", "payload", "created_at"]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
