from django.contrib import admin

from marketplace.warehouses.models import Stock, StockAdjustment, Warehouse


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ["name", "producer", "commune", "is_pickup_point"]
    list_filter = ["is_pickup_point", "channels"]
    search_fields = ["name", "producer__name"]
    autocomplete_fields = ["producer", "commune"]
    filter_horizontal = ["channels"]
    prepopulated_fields = {"slug": ["name"]}


class AdjustmentInline(admin.TabularInline):
    model = StockAdjustment
    fields = ["created_at", "change", "quantity_after", "reason", "user"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Stock)
class StockAdmin(admin.ModelAdmin):
    """Read-only here: stock changes go through `set_stock`, which records each adjustment."""

    list_display = ["variant", "warehouse", "quantity", "quantity_allocated"]
    list_filter = ["warehouse"]
    search_fields = ["variant__sku", "variant__product__name"]
    readonly_fields = ["warehouse", "variant", "quantity", "quantity_allocated"]
    inlines = [AdjustmentInline]

    def has_add_permission(self, request):
        return False
