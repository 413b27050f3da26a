from django.contrib import admin

from marketplace.shipping.models import DeliveryRate


@admin.register(DeliveryRate)
class DeliveryRateAdmin(admin.ModelAdmin):
    list_display = ["producer", "name", "channel", "kind", "base_amount", "per_kg_amount"]
    list_filter = ["kind", "channel", "is_active"]
    search_fields = ["producer__name", "name"]
    autocomplete_fields = ["producer"]
    filter_horizontal = ["provinces"]
