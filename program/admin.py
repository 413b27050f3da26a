from django.contrib import admin

from program.models import (
    AreaAssignment,
    Inspection,
    LedgerImport,
    Plan,
    SalesLedgerEntry,
    Target,
    WebhookDelivery,
    WebhookEndpoint,
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "administrative_unit", "decision_number"]
    list_filter = ["year"]
    autocomplete_fields = ["administrative_unit"]
    inlines = [TargetInline]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["inspected_on", "producer", "product", "result"]
    list_filter = ["result"]
    autocomplete_fields = ["producer", "product"]
    exclude = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AreaAssignment)
class AreaAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "administrative_unit"]
    autocomplete_fields = ["administrative_unit"]
    raw_id_fields = ["user"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Append-only records: they are written by the services, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SalesLedgerEntry)
class SalesLedgerEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "entry_date",
        "kind",
        "product",
        "producer",
        "channel_kind",
        "quantity",
        "gross",
    ]
    list_filter = ["kind", "channel_kind"]
    date_hierarchy = "entry_date"
    search_fields = ["source", "product__name", "producer__name"]


@admin.register(LedgerImport)
class LedgerImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "filename", "status", "producer", "uploaded_by"]
    list_filter = ["status"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "is_active"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["pk", "endpoint", "event", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "endpoint"]
