from django.contrib import admin

from tourism.models import ProductDisplay, TourismPoint, TourismPointPhoto


class PhotoInline(admin.TabularInline):
    model = TourismPointPhoto
    extra = 0


class DisplayInline(admin.TabularInline):
    model = ProductDisplay
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(TourismPoint)
class TourismPointAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "opened_on", "commune"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "name_en", "street_address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["commune"]
    raw_id_fields = ["channel", "warehouse"]
    inlines = [PhotoInline, DisplayInline]
